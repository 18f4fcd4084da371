/** The French catalog: the same areas and keys as ../en (the compiler checks each area). */
import type { Translations } from '../catalog-types.js';
import type { en as English } from '../en/index.js';
import { billing } from './billing.js';
import { common } from './common.js';
import { customer } from './customer.js';
import { invoice } from './invoice.js';
import { report } from './report.js';

export const fr: Translations<typeof English> = { ...common, ...customer, ...report, ...invoice, ...billing };
