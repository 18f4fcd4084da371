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
import { cardsRender } from './cards-render.js';
import { cardsError } from './cards-error.js';
import { cardsTokens } from './cards-tokens.js';
import { cardsCorrection } from './cards-correction.js';
import { cardsTime } from './cards-time.js';
import { cardsUsage } from './cards-usage.js';
import { cardsContract } from './cards-contract.js';
import { cardsJob } from './cards-job.js';
import { cardsApproval } from './cards-approval.js';
import { cardsChecklist } from './cards-checklist.js';
import { cardsMessage } from './cards-message.js';
import { cardsDigest } from './cards-digest.js';
import { cardsRenewal } from './cards-renewal.js';
import { cardsReport } from './cards-report.js';
import { approvals } from './approvals.js';
import { alertActs } from './alert-acts.js';
import { cardsAlert } from './cards-alert.js';
import { actOnAlert } from './act-on-alert.js';
import { cardsQueue } from './cards-queue.js';
import { cardsInvoice } from './cards-invoice.js';
import { cardsHome } from './cards-home.js';

export const en = { ...common, ...customer, ...report, ...invoice, ...billing, ...errors, ...help, ...language, ...log, ...check, ...close, ...mydata, ...commands, ...dispatch, ...cardsRender, ...cardsError, ...cardsTokens, ...cardsCorrection, ...cardsTime, ...cardsUsage, ...cardsContract, ...cardsJob, ...cardsApproval, ...cardsChecklist, ...cardsMessage, ...cardsDigest, ...cardsRenewal, ...cardsReport, ...approvals, ...alertActs, ...cardsAlert, ...actOnAlert, ...cardsQueue, ...cardsInvoice, ...cardsHome } as const;
