import type { Translations } from '../catalog-types.js';
import type { errorsApprovals as en } from '../en/errors-approvals.js';

export const errorsApprovals: Translations<typeof en> = {
};
