/**
 * The chat grammar's front door, shared by the terminal, Slack and Teams: find the command,
 * run it, turn every failure into a card the user can act on. Never a stack trace.
 */
import { randomBytes } from 'node:crypto';
import { ZodError } from 'zod';
import type { Card } from '../cards/card.js';
import { errorCard, unexpectedCard, usageCard } from '../cards/build/error.js';
import type { Ctx } from '../src/context.js';
import { AppError, isDatabaseUnavailable, refusedValue } from '../src/errors.js';
import type { Args, Command } from './command.js';
import { UsageError } from './command.js';
import { tokenize } from './tokens.js';
import { closest } from '../src/rules/closest.js';
import { formatOr, t } from '../src/i18n/index.js';
import { inReaderLang } from '../src/reader-lang.js';

/** A lone UTF-16 surrogate or a NUL: no database text column can hold either. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/;

export interface Router {
  commands: Command[];
  find(name: string): Command | undefined;
  dispatch(ctx: Ctx, text: string, files?: Args['files']): Promise<Card[]>;
}

export function createRouter(commands: Command[]): Router {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const router: Router = {
    commands,
    find: (name) => byName.get(name.toLowerCase()),
    async dispatch(ctx, text, files) {
      return inReaderLang(ctx, () => dispatchIn(ctx, text, files));
    },
  };
  const dispatchIn = async (ctx: Ctx, text: string, files: Args['files']): Promise<Card[]> => {
    if (UNSTORABLE.test(text)) return [usageCard(t('common.unstorable'), [])];
    const trimmed = text.trim().replace(/^\//, '');
    const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (!m) return [usageCard(t('common.type-a-command'), ['/help'])];
    const name = m[1]!.toLowerCase();
    const cmd = byName.get(name);
    if (!cmd) {
      const near = closest(name, commands.map((c) => c.name), 2);
      return [
        usageCard(
          t('common.unknown-command', { name, near: near.length ? formatOr(near.map((n) => `/${n}`)) : 'none' }),
          near.flatMap((n) => byName.get(n)?.usage.slice(0, 1) ?? []),
        ),
      ];
    }
    const rest = m[2] ?? '';
    return runCommand(ctx, cmd, { words: tokenize(rest), rest, files });
  };
  return router;
}

export async function runCommand(ctx: Ctx, cmd: Command, args: Args): Promise<Card[]> {
  try {
    const out = await cmd.run(ctx, args);
    return Array.isArray(out) ? out : [out];
  } catch (err) {
    return [errorToCard(ctx, err, cmd)];
  }
}

/** Every failure becomes a card; unknown ones get a reference the logs carry too. */
export function errorToCard(ctx: Ctx, err: unknown, cmd?: Command): Card {
  if (err instanceof UsageError) return usageCard(err.message, cmd?.usage ?? []);
  if (err instanceof ZodError) {
    const msg = err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    return usageCard(msg, cmd?.usage ?? []);
  }
  if (err instanceof AppError) return errorCard(err.code, err.message, err.details);
  // Reads outside a verb's transaction meet these directly: the same answers as inTransaction's.
  if (isDatabaseUnavailable(err)) return errorCard('unavailable', t('common.db-unavailable'));
  const refused = refusedValue(err);
  if (refused) return errorCard('invalid', refused);
  const ref = randomBytes(4).toString('hex');
  ctx.log.error({ err, ref }, 'unexpected error in command');
  return unexpectedCard(ref);
}
