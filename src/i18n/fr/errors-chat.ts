import type { Translations } from '../catalog-types.js';
import type { errorsChat as en } from '../en/errors-chat.js';

export const errorsChat: Translations<typeof en> = {
  'errors-chat.file-too-large': '{file} fait {size} Mo ; la limite est de {max} Mo.',
  'errors-chat.file-larger': '{file} dépasse {max} Mo.',
};
