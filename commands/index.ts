/** Every chat command, in the order /help lists them. Slack's manifest and Teams' command list follow this. */
import type { Command } from './command.js';
import { contractCommand } from './contract.js';
import { helpCommand } from './help.js';
import { createRouter, type Router } from './router.js';

export function allCommands(extra: Command[] = []): Command[] {
  const list: Command[] = [];
  list.push(helpCommand(() => list), contractCommand, ...extra);
  return list;
}

export function buildRouter(extra: Command[] = []): Router {
  return createRouter(allCommands(extra));
}
