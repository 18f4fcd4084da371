import type { Translations } from '../catalog-types.js';
import type { errorsMessages as en } from '../en/errors-messages.js';

export const errorsMessages: Translations<typeof en> = {
};
