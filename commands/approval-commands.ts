/** The approvals feature's commands, in the order /help lists them (one entry in commands/index.ts). */
import { auditCommand } from './audit.js';
import type { Command } from './command.js';
import { creditCommand } from './credit.js';
import { oosCommand } from './oos.js';
import { overrideCommand } from './override.js';
import { permitCommand } from './permit.js';
import { requestsCommand } from './requests.js';
import { roleCommand } from './role.js';
import { teamCommand } from './team.js';

export const approvalCommands: Command[] = [oosCommand, creditCommand, permitCommand, overrideCommand, requestsCommand, auditCommand, roleCommand, teamCommand];
