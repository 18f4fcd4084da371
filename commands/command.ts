import type { Card } from '../cards/card.js';
import type { Ctx } from '../src/context.js';
import { t, type MessageKey, type MessageValues } from '../src/i18n/index.js';

/** What a command gets: the words after its name, and the raw text after its name. */
export interface Args {
  words: string[];
  rest: string;
  /** files attached to the message (chat uploads), already downloaded */
  files?: { name: string; contentType: string; data: Buffer }[];
}

/**
 * A chat command. Its summary, usage lines and example are read in the current reader's language
 * (commands define them as getters over the catalog); Slack's and Teams' manifests, built outside
 * any reader, read them in English.
 */
export interface Command {
  name: string;
  readonly summary: string;
  /** usage lines shown on a bad call, first one in /help */
  readonly usage: string[];
  readonly example: string;
  /** dev-only commands are hidden from help and manifests and exist only in the terminal */
  terminalOnly?: boolean;
  run(ctx: Ctx, args: Args): Promise<Card | Card[]>;
}

/** A command's usage lines: one catalog message, a line each. */
export function usageLines(key: MessageKey, values?: MessageValues): string[] {
  return t(key, values).split('\n');
}

/** A usage mistake: the router shows the message and the command's usage lines. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
