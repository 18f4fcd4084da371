/** Commands beyond help and contract, in the order /help lists them. */
import type { Command } from './command.js';
import { jobCommand } from './job.js';
import { logCommand } from './log.js';
import { partCommand } from './part.js';
import { invoiceCommand } from './invoice.js';
import { disputeCommand } from './dispute.js';
import { attachCommand } from './attach.js';
import { checkCommand } from './check.js';
import { closeCommand } from './close.js';
import { messageCommand } from './message.js';
import { mydataCommand } from './mydata.js';
import { signCommand } from './sign.js';
import { approvalCommands } from './approval-commands.js';
import { importCommand } from './import.js';
import { kpiCommand } from './kpi.js';
import { renewalCommand } from './renewal.js';
import { tokensCommand } from './api-tokens.js';

export function extraCommands(): Command[] {
  return [jobCommand, logCommand, partCommand, invoiceCommand, disputeCommand, ...approvalCommands, checkCommand, signCommand, attachCommand, closeCommand, messageCommand, mydataCommand, importCommand, kpiCommand, renewalCommand, tokensCommand];
}
