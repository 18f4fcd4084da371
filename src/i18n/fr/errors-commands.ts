import type { Translations } from '../catalog-types.js';
import type { errorsCommands as en } from '../en/errors-commands.js';

export const errorsCommands: Translations<typeof en> = {
};
