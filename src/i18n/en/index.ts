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
import { errorsProof } from './errors-proof.js';
import { errorsBilling } from './errors-billing.js';
import { errorsAdmin } from './errors-admin.js';
import { errorsApi } from './errors-api.js';
import { errorsWeb } from './errors-web.js';
import { errorsChat } from './errors-chat.js';
import { files } from './files.js';
import { corrections } from './corrections.js';
import { slaExplain } from './sla-explain.js';
import { renewalPack } from './renewal-pack.js';
import { kpiChart } from './kpi-chart.js';
import { fieldCheck } from './field-check.js';
import { kpiText } from './kpi-text.js';
import { fieldQuote } from './field-quote.js';
import { fieldSign } from './field-sign.js';
import { errorsAuth } from './errors-auth.js';
import { errorsApprovals } from './errors-approvals.js';
import { errorsMessages } from './errors-messages.js';
import { errorsJobs } from './errors-jobs.js';
import { errorsRules } from './errors-rules.js';
import { errorsContracts } from './errors-contracts.js';
import { errorsTeams } from './errors-teams.js';
import { errorsCommands } from './errors-commands.js';

export const en = { ...billing, ...check, ...close, ...commands, ...common, ...customer, ...errors, ...help, ...invoice, ...language, ...log, ...mydata, ...report, ...dispatch, ...cardsRender, ...cardsError, ...cardsTokens, ...cardsCorrection, ...cardsTime, ...cardsUsage, ...cardsContract, ...cardsJob, ...cardsApproval, ...cardsChecklist, ...cardsMessage, ...cardsDigest, ...cardsRenewal, ...cardsReport, ...approvals, ...errorsProof, ...errorsBilling, ...errorsAdmin, ...errorsApi, ...errorsWeb, ...errorsChat, ...files, ...corrections, ...slaExplain, ...renewalPack, ...kpiChart, ...fieldCheck, ...kpiText, ...fieldQuote, ...fieldSign, ...errorsAuth, ...errorsApprovals, ...errorsMessages, ...errorsJobs, ...errorsRules, ...errorsContracts, ...errorsTeams, ...errorsCommands } as const;
