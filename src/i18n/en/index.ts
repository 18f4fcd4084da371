/**
 * The English catalog: one file per area (src/i18n/en/<area>.ts), keys prefixed with the area.
 * A new area: its file here and in ../fr, and one line in each index.
 */
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

export const en = { ...common, ...customer, ...report, ...invoice, ...billing, ...errors, ...help, ...language, ...log, ...check, ...close, ...mydata, ...commands, ...dispatch } as const;
