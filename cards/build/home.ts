/** The Slack App Home's own sections: my open jobs, the alerts nobody has acted on, who is signed in. */
import { jobStatusWord } from '../../src/i18n/job-status-word.js';
import { t } from '../../src/i18n/index.js';
import { card, type Card } from '../card.js';

export interface HomeJobRow {
  ref: string;
  siteId: string;
  priority: string;
  status: string;
  restoreBreached: boolean;
  restoreDueAt: Date | null;
  restoreState: string;
  summary: string;
}

export interface HomeAlertRow {
  jobRef: string;
  siteId: string;
  priority: string;
  window: string;
  level: string;
  dueAt: Date;
  summary: string;
}

export function myJobsCard(rows: HomeJobRow[]): Card {
  return card('home', t('cards-home.my-jobs'), {
    blocks: rows.length
      ? [
          {
            type: 'table',
            columns: (['job', 'site', 'priority', 'status', 'restore-due', 'summary'] as const).map((c) => t(`cards-home.col.${c}`)),
            rows: rows.map((j) => [j.ref, j.siteId, j.priority, jobStatusWord(j.status), j.restoreBreached ? t('cards-home.breached') : j.restoreDueAt ? [{ time: j.restoreDueAt }] : t('cards-home.state', { state: j.restoreState }), j.summary]),
          },
        ]
      : [{ type: 'text', text: t('cards-home.nothing-assigned') }],
    context: [[t('cards-home.details'), { code: '/job show J-1001' }, t('cards-home.everything'), { code: '/job list mine' }]],
  });
}

export function alertsToActCard(rows: HomeAlertRow[], more: boolean): Card {
  return card('home', t('cards-home.alerts', { more: more ? 'yes' : 'no' }), {
    blocks: [
      {
        type: 'table',
        columns: (['job', 'site', 'priority', 'clock', 'level', 'due', 'summary'] as const).map((c) => t(`cards-home.col.${c}`)),
        rows: rows.map((a) => [a.jobRef, a.siteId, a.priority, t('cards-home.window', { window: a.window }), a.level === 'breach' ? t('cards-home.breached') : a.level, [{ time: a.dueAt }], a.summary]),
      },
    ],
    context: [[t('cards-home.alerts-hint'), { code: `/job show ${rows[0]?.jobRef ?? 'J-1001'}` }]],
  });
}

export function signedInCard(me: { name: string; roles: string[] }): Card {
  return card('home', me.name, { blocks: [{ type: 'text', text: t('cards-home.signed-in', { name: me.name, roles: me.roles.join(', ') || t('cards-home.no-role') }) }] });
}
