/**
 * The English catalog: one file per area (src/i18n/en/<area>.ts), keys prefixed with the area.
 * A new area: its file here and in ../fr, and one line in each index.
 */
import { billing } from './billing.js';
import { common } from './common.js';
import { customer } from './customer.js';
import { invoice } from './invoice.js';
import { report } from './report.js';

export const en = { ...common, ...customer, ...report, ...invoice, ...billing } as const;
