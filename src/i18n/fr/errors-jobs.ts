import type { Translations } from '../catalog-types.js';
import type { errorsJobs as en } from '../en/errors-jobs.js';

export const errorsJobs: Translations<typeof en> = {
};
