import { z } from 'zod';
import { card } from '../cards/card.js';
import { infoCard } from '../cards/build/error.js';
import { assignJob } from '../src/jobs/assign-job.js';
import { changePriority } from '../src/jobs/change-priority.js';
import { changeStatus } from '../src/jobs/change-status.js';
import { createJob } from '../src/jobs/create-job.js';
import { parseAt } from '../src/jobs/event-time.js';
import { listJobs } from '../src/jobs/list-jobs.js';
import { loadJobCard } from '../src/jobs/job-card.js';
import { etaForms, setEta } from '../src/jobs/set-eta.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';
import { jobStatusWord } from '../src/i18n/job-status-word.js';
import { findContract } from '../src/contracts/store.js';
import { termsOf, zoneAt } from '../src/contracts/version-at.js';
import { findJob } from '../src/jobs/job-store.js';
import { jobZone } from '../src/jobs/site-zone.js';
import { invalid } from '../src/errors.js';

const refSchema = z.string({ error: 'which job? e.g. J-1001' }).regex(/^j?-?\d+$/i, 'job numbers look like J-1001');

/** Pull `--at <time>` out of the words; the time is read in `zone`. */
function takeAt(words: string[], zone: string, now: Date): { words: string[]; at?: Date } {
  const i = words.findIndex((w) => w === '--at' || w.startsWith('--at='));
  if (i < 0) return { words };
  const w = words[i]!;
  const text = w.includes('=') ? w.slice(5) : words[i + 1];
  if (!text) throw new UsageError(t('errors-commands.at-time'));
  const at = parseAt(text, zone, now);
  if (!at) throw invalid(t('errors-commands.not-a-time', { typed: text }));
  const rest = [...words];
  rest.splice(i, w.includes('=') ? 1 : 2);
  return { words: rest, at };
}

/** Pull `--eta <time>` out of the words; parsed and checked by the verb, in the site's zone. */
function takeEta(words: string[]): { words: string[]; eta?: string } {
  const i = words.findIndex((w) => w === '--eta' || w.startsWith('--eta='));
  if (i < 0) return { words };
  const w = words[i]!;
  const eta = w.includes('=') ? w.slice(6) : words[i + 1];
  if (!eta) throw new UsageError(t('errors-commands.eta-time', { forms: etaForms() }));
  const rest = [...words];
  rest.splice(i, w.includes('=') ? 1 : 2);
  return { words: rest, eta };
}

export const jobCommand: Command = {
  name: 'job',
  get summary() {
    return t('commands.job.summary');
  },
  get usage() {
    return usageLines('commands.job.usage');
  },
  get example() {
    return t('commands.job.example');
  },
  async run(ctx, args) {
    const [sub, ...rest] = args.words;
    switch (sub?.toLowerCase()) {
      case 'new': {
        const [contract, site, priority, ...summaryWords] = rest;
        if (!contract || !site || !priority) throw new UsageError(t('errors-commands.job-new'));
        const c = await findContract(ctx.db, contract);
        const zone = zoneAt(await termsOf(ctx.db, c.id), ctx.clock.now(), site);
        const { words, at } = takeAt(summaryWords, zone, ctx.clock.now());
        const r = await createJob(ctx, { contract, site, priority, summary: words.join(' '), at });
        const out = await loadJobCard(ctx, r.ref);
        return { ...out, title: t('replies-job.created', { title: out.title }), visibility: 'channel' };
      }
      case 'show':
        return loadJobCard(ctx, refSchema.parse(rest[0]));
      case 'list': {
        const mode = (rest[0] ?? 'open').toLowerCase();
        const contract = ['open', 'mine', 'all'].includes(mode) ? rest[1] : rest[0];
        const rows = await listJobs(ctx, { openOnly: mode !== 'all', assigneeId: mode === 'mine' ? ctx.actor.person?.id : undefined, contract, limit: 30 });
        const columns = (['job', 'contract', 'site', 'priority', 'status', 'restore-due', 'summary'] as const).map((c) => t(`replies-job.col.${c}`));
        return card('jobs', t('replies-job.list-title', { n: rows.length, more: rows.length === 30 ? 'yes' : 'no' }), {
          blocks: rows.length
            ? [{ type: 'table', columns, rows: rows.map((j) => [j.ref, j.contractId, j.siteId, j.priority, jobStatusWord(j.status), j.restoreBreached ? t('replies-job.breached') : j.restoreDueAt ? [{ time: j.restoreDueAt }] : t('cards-home.state', { state: j.restoreState }), j.summary.slice(0, 40)]) }]
            : [{ type: 'text', text: t('replies-job.none') }],
        });
      }
      case 'assign': {
        const ref = refSchema.parse(rest[0]);
        if (!rest[1]) throw new UsageError(t('errors-commands.job-assign-who'));
        const r = await assignJob(ctx, { job: ref, technician: rest.slice(1).join(' ') });
        return infoCard(t('replies-job.assigned-title'), t('replies-job.assigned', { ref: r.job.ref, name: r.technician.name }), 'good');
      }
      case 'status': {
        const ref = refSchema.parse(rest[0]);
        const job = await findJob(ctx.db, ref);
        const { words: afterAt, at } = takeAt(rest.slice(1), await jobZone(ctx.db, job), ctx.clock.now());
        const { words, eta } = takeEta(afterAt);
        if (!words[0]) throw new UsageError(t('errors-commands.job-status-which'));
        await changeStatus(ctx, { job: ref, to: words[0], at, eta, reason: words.slice(1).join(' ') || undefined });
        return loadJobCard(ctx, ref);
      }
      case 'eta': {
        const ref = refSchema.parse(rest[0]);
        if (!rest[1]) throw new UsageError(t('errors-commands.job-eta-when', { ref: ref.toUpperCase(), forms: etaForms() }));
        await setEta(ctx, { job: ref, eta: rest.slice(1).join(' ') });
        return loadJobCard(ctx, ref);
      }
      case 'priority': {
        const ref = refSchema.parse(rest[0]);
        if (!rest[1]) throw new UsageError(t('errors-commands.job-priority-which'));
        await changePriority(ctx, { job: ref, priority: rest[1], reason: rest.slice(2).join(' ') });
        return loadJobCard(ctx, ref);
      }
      case undefined:
        throw new UsageError(t('errors-commands.job-what'));
      default:
        // "/job J-1001" reads as show.
        if (sub && /^j?-?\d+$/i.test(sub)) return loadJobCard(ctx, sub);
        throw new UsageError(t('errors-commands.unknown-sub', { command: 'job', sub }));
    }
  },
};
