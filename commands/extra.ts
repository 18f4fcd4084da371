/** Commands beyond help and contract, added as features land. */
import type { Command } from './command.js';

export function extraCommands(): Command[] {
  return [];
}
