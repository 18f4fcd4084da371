import type { Translations } from '../catalog-types.js';
import type { repliesTokens as en } from '../en/replies-tokens.js';

export const repliesTokens: Translations<typeof en> = {
  'replies-tokens.not-a-number': '« {typed} » n’est pas un numéro de jeton ; /tokens les liste (#3).',
  'replies-tokens.which': 'Quel jeton ? /tokens les liste.',
};
