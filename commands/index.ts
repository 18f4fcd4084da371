/**
 * Every chat command, in the order /help lists them: the one list the router, /help, Slack's
 * manifest (src/chat/slack/manifest.ts) and Teams' command list (src/chat/teams/manifest.ts) read.
 */
import type { Command } from './command.js';
import { approvalCommands } from './approval-commands.js';
import { attachCommand } from './attach.js';
import { checkCommand } from './check.js';
import { closeCommand } from './close.js';
import { contractCommand } from './contract.js';
import { disputeCommand } from './dispute.js';
import { helpCommand } from './help.js';
import { importCommand } from './import.js';
import { invoiceCommand } from './invoice.js';
import { jobCommand } from './job.js';
import { kpiCommand } from './kpi.js';
import { languageCommand } from './language.js';
import { queueCommand } from './queue.js';
import { logCommand } from './log.js';
import { messageCommand } from './message.js';
import { mydataCommand } from './mydata.js';
import { partCommand } from './part.js';
import { peopleCommand } from './people.js';
import { renewalCommand } from './renewal.js';
import { createRouter, type Router } from './router.js';
import { signCommand } from './sign.js';
import { tokensCommand } from './api-tokens.js';

export function allCommands(): Command[] {
  const list: Command[] = [];
  list.push(
    helpCommand(() => list),
    contractCommand,
    jobCommand,
    queueCommand,
    logCommand,
    partCommand,
    invoiceCommand,
    disputeCommand,
    ...approvalCommands,
    checkCommand,
    signCommand,
    attachCommand,
    closeCommand,
    messageCommand,
    mydataCommand,
    peopleCommand,
    languageCommand,
    importCommand,
    kpiCommand,
    renewalCommand,
    tokensCommand,
  );
  return list;
}

export function buildRouter(): Router {
  return createRouter(allCommands());
}
