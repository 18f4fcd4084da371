import { queueCard } from '../cards/build/queue.js';
import { dispatchQueue } from '../src/dispatch/queue.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

/** `--site X` / `--site=X`, `--assignee Y`, `--limit N`; the one other word is the team. */
function parseQueueArgs(words: string[]): { team?: string; site?: string; assignee?: string; limit?: number } {
  const out: { team?: string; site?: string; assignee?: string; limit?: number } = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const m = /^--(site|assignee|limit)(?:=(.*))?$/i.exec(w);
    if (m) {
      const value = m[2] ?? words[++i];
      if (!value) throw new UsageError(t('errors-commands.option-value', { option: m[1] }));
      const key = m[1]!.toLowerCase();
      if (key === 'limit') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(t('errors-commands.queue-limit'));
        out.limit = n;
      } else out[key as 'site' | 'assignee'] = value;
      continue;
    }
    if (w.startsWith('--')) throw new UsageError(t('errors-commands.unknown-option', { option: w }));
    if (out.team) throw new UsageError(t('errors-commands.two-teams', { a: out.team, b: w }));
    out.team = w;
  }
  return out;
}

export const queueCommand: Command = {
  name: 'queue',
  get summary() {
    return t('commands.queue.summary');
  },
  get usage() {
    return usageLines('commands.queue.usage');
  },
  get example() {
    return t('commands.queue.example');
  },
  async run(ctx, args) {
    const input = parseQueueArgs(args.words);
    const q = await dispatchQueue(ctx, input);
    return queueCard(q, ctx.clock.now(), ctx.services.actionSecret, { team: input.team });
  },
};
