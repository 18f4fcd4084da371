/** The French catalog: the same areas and keys as ../en (the compiler checks each area). */
import type { Translations } from '../catalog-types.js';
import type { en as English } from '../en/index.js';
import { billing } from './billing.js';
import { check } from './check.js';
import { close } from './close.js';
import { commands } from './commands.js';
import { common } from './common.js';
import { customer } from './customer.js';
import { errors } from './errors.js';
import { help } from './help.js';
import { invoice } from './invoice.js';
import { language } from './language.js';
import { log } from './log.js';
import { mydata } from './mydata.js';
import { report } from './report.js';
import { dispatch } from './dispatch.js';

export const fr: Translations<typeof English> = { ...common, ...customer, ...report, ...invoice, ...billing, ...errors, ...help, ...language, ...log, ...check, ...close, ...mydata, ...commands, ...dispatch };
