import type { Translations } from '../catalog-types.js';
import type { errorsRules as en } from '../en/errors-rules.js';

export const errorsRules: Translations<typeof en> = {
};
