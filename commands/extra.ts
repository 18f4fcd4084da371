/** Commands beyond help and contract, in the order /help lists them. */
import type { Command } from './command.js';
import { jobCommand } from './job.js';
import { logCommand } from './log.js';
import { partCommand } from './part.js';
import { invoiceCommand } from './invoice.js';
import { disputeCommand } from './dispute.js';

export function extraCommands(): Command[] {
  return [jobCommand, logCommand, partCommand, invoiceCommand, disputeCommand];
}
