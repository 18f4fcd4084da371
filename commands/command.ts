import type { Card } from '../cards/card.js';
import type { Ctx } from '../src/context.js';

/** What a command gets: the words after its name, and the raw text after its name. */
export interface Args {
  words: string[];
  rest: string;
  /** files attached to the message (chat uploads), already downloaded */
  files?: { name: string; contentType: string; data: Buffer }[];
}

export interface Command {
  name: string;
  summary: string;
  /** usage lines shown on a bad call, first one in /help */
  usage: string[];
  example: string;
  /** dev-only commands are hidden from help and manifests and exist only in the terminal */
  terminalOnly?: boolean;
  run(ctx: Ctx, args: Args): Promise<Card | Card[]>;
}

/** A usage mistake: the router shows the message and the command's usage lines. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
