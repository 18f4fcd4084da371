import type { Ctx } from '../src/context.js';
import { digestCardWithChart } from '../src/kpi/digest.js';
import { weeklyKpis } from '../src/kpi/weekly-kpis.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

/** Words that name a week rather than a team: 2026-W47, W47, last, this, 2026-11-18. */
const WEEK = /^(?:\d{4}-?w\d{1,2}|w\d{1,2}|last|this|\d{4}-\d{2}-\d{2})$/i;

/** Without a team: the asker's team when they are in exactly one, else every team. */
function defaultTeam(ctx: Ctx): string | undefined {
  const t = ctx.actor.person?.teams ?? [];
  return t.length === 1 ? t[0] : undefined;
}

export const kpiCommand: Command = {
  name: 'kpi',
  get summary() {
    return t('commands.kpi.summary');
  },
  get usage() {
    return usageLines('commands.kpi.usage');
  },
  get example() {
    return t('commands.kpi.example');
  },
  async run(ctx, args) {
    let team: string | undefined;
    let week: string | undefined;
    for (const w of args.words) {
      if (WEEK.test(w)) {
        if (week) throw new UsageError(t('errors-commands.two-weeks', { a: week, b: w }));
        week = w;
      } else {
        if (team) throw new UsageError(t('errors-commands.two-teams-all', { a: team, b: w }));
        team = w;
      }
    }
    const scope = team?.toLowerCase() === 'all' ? undefined : (team ?? defaultTeam(ctx));
    const report = await weeklyKpis(ctx, { team: scope, week });
    return digestCardWithChart(ctx, report);
  },
};
