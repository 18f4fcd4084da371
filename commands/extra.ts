/** Commands beyond help and contract, in the order /help lists them. */
import type { Command } from './command.js';
import { jobCommand } from './job.js';

export function extraCommands(): Command[] {
  return [jobCommand];
}
