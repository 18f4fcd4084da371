import type { Translations } from '../catalog-types.js';
import type { errorsTeams as en } from '../en/errors-teams.js';

export const errorsTeams: Translations<typeof en> = {
};
