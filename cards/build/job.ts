import type { JobAct } from '../../src/alerts/job-acts.js';
import type { JobFiles } from '../../src/proof/job-files.js';
import { alertActWord } from '../../src/i18n/alert-act-words.js';
import { isDone } from '../../src/jobs/status-rules.js';
import type { Contract } from '../../src/rules/contract-types.js';
import type { Warning } from '../../src/jobs/job-store.js';
import type { SlaState, WindowState } from '../../src/rules/sla.js';
import { explainText } from '../../src/jobs/sla-text.js';
import { readerDuration } from '../../src/i18n/format.js';
import { jobStatusWord, slaWindowWord } from '../../src/i18n/job-status-word.js';
import { t } from '../../src/i18n/t.js';
import { card, type Block, type Card, type Field, type Rich, type Span } from '../card.js';

export interface JobView {
  ref: string;
  contract: Contract;
  version: number;
  siteId: string;
  priority: string;
  status: string;
  summary: string;
  reportedAt: Date;
  assignee?: string;
  sla: SlaState;
  zone: string;
  extra?: Field[];
  /** when the technician is expected on site, if recorded */
  eta?: Date | null;
  /** photos, signatures and PDFs on the job (the latest few) */
  files?: JobFiles;
  warnings?: Warning[];
  /** the fallbacks taken on its alerts and their acknowledgements, oldest first */
  acts?: JobAct[];
}

/** "Subcontractor called by Dana, Mon 23 Nov 09:50 (response 75%): CoolFix ... (e-mail sent)". */
export function actsBlocks(acts: JobAct[] | undefined): Block[] {
  if (!acts?.length) return [];
  const items: Rich[] = acts.map((a) => [
    t('cards-alert.job-act', { act: alertActWord(a.act, 'done'), by: a.by ?? t('cards-alert.someone') }),
    { time: a.at },
    t('cards-alert.job-act-window', { window: a.window, level: a.level }),
    `${a.detail ? t('common.detail', { text: a.detail }) : ''}${a.messageStatus ? t('cards-alert.message-state', { state: a.messageStatus }) : ''}`,
  ]);
  return [{ type: 'text', text: [{ bold: t('cards-alert.job-fallbacks') }] }, { type: 'list', items }];
}

function warningsLine(ws: Warning[]): Rich {
  const out: Span[] = [{ bold: t('cards-job.alerts') }, ' '];
  ws.forEach((w, i) => {
    out.push(t('cards-job.alert', { sep: i ? 'yes' : 'no', window: slaWindowWord(w.window), level: w.level }));
    if (w.at) out.push(' ', { time: w.at });
    if (w.fired) out.push(t('cards-job.alert-sent'));
  });
  return out;
}

function size(bytes: number): string {
  if (bytes < 1024) return t('cards-job.size', { unit: 'b', n: bytes });
  if (bytes < 1024 * 1024) return t('cards-job.size', { unit: 'kb', n: Math.round(bytes / 1024) });
  return t('cards-job.size', { unit: 'mb', n: (bytes / (1024 * 1024)).toFixed(1) });
}

/** One line per file, newest first, and the typed signatures; "+N more" past the latest few. */
export function filesBlocks(ref: string, f: JobFiles | undefined): Block[] {
  if (!f || (!f.total && !f.signatures.length)) return [];
  const items: Rich[] = f.files.map((a) => [
    { bold: a.fileName },
    t('cards-job.file', { kind: a.kind, signer: a.signer || 'none', step: a.step || 'none', by: a.by ?? t('cards-job.someone') }),
    { time: a.at },
    `, ${size(a.size)}`,
  ]);
  if (f.total > f.files.length) items.push(t('cards-job.more-files', { n: f.total - f.files.length, cmd: `/close ${ref} --preview` }));
  const sigs: Rich[] = f.signatures.slice(0, 3).map((s) => [t('cards-job.signed-by'), { bold: s.name }, ` (${s.role}), `, { time: s.at }, `, ${s.step}`]);
  if (f.signatures.length > 3) sigs.push(t('cards-job.more-signatures', { n: f.signatures.length - 3 }));
  return [
    { type: 'text', text: [{ bold: t('cards-job.attachments', { n: f.total }) }] },
    ...(items.length ? [{ type: 'list' as const, items }] : []),
    ...(sigs.length ? [{ type: 'list' as const, items: sigs }] : []),
  ];
}

export function windowLine(w: WindowState): Rich {
  const name = t('cards-job.window', { window: w.window });
  if (w.outcome === 'met') {
    const margin = !w.dueAt
      ? [t('cards-job.met-paused', { left: readerDuration(w.remainingMinutes) })]
      : [w.remainingMinutes > 0 ? t('cards-job.met-before', { margin: readerDuration(w.remainingMinutes) }) : t('cards-job.met-on-time'), { time: w.dueAt }];
    return [t('cards-job.met', { name }), ...(w.stoppedAt ? [t('cards-job.at'), { time: w.stoppedAt }] : []), ...margin, t('cards-job.of', { elapsed: readerDuration(w.elapsedMinutes), target: readerDuration(w.targetMinutes) })];
  }
  if (w.outcome === 'cancelled') return t('cards-job.cancelled', { name });
  if (w.breached) return [t('cards-job.breached', { name }), ...(w.breachedAt ? [t('cards-job.at'), { time: w.breachedAt }] : []), t(w.explanation.alwaysOpen ? 'cards-job.over-by' : 'cards-job.over-by-business', { over: readerDuration(-w.remainingMinutes) })];
  if (w.clock === 'paused') return t('cards-job.paused', { name, why: w.pausedBy ? jobStatusWord(w.pausedBy) : t('cards-job.waiting'), left: readerDuration(w.remainingMinutes) });
  return [t('cards-job.due', { name }), ...(w.dueAt ? [{ time: w.dueAt }] : ['?']), t('cards-job.left', { left: readerDuration(w.remainingMinutes), target: readerDuration(w.targetMinutes) })];
}

export function jobCard(v: JobView): Card {
  const site = v.contract.sites.find((s) => s.id === v.siteId);
  const fields: Field[] = [
    { label: t('cards-job.customer'), value: t('cards-job.customer-value', { name: v.contract.customer.name, contract: v.contract.id, version: v.version }) },
    { label: t('cards-job.site'), value: site ? t('common.pair', { a: site.id, b: site.name }) : v.siteId },
    { label: t('cards-job.priority'), value: v.priority },
    { label: t('cards-job.status'), value: jobStatusWord(v.status) },
    { label: t('cards-job.assigned'), value: v.assignee ?? t('cards-job.nobody') },
    ...(v.eta && !isDone(v.status) ? [{ label: t('cards-job.eta'), value: [{ time: v.eta }] }] : []),
    { label: t('cards-job.reported'), value: [{ time: v.reportedAt }] },
    ...(v.extra ?? []),
  ];
  const tone = v.sla.windows.response.breached || v.sla.windows.restore.breached ? 'danger' : undefined;
  return card('job', t('common.pair', { a: v.ref, b: v.summary }), {
    tone,
    zone: v.zone,
    blocks: [
      { type: 'fields', fields },
      { type: 'list', items: [windowLine(v.sla.windows.response), windowLine(v.sla.windows.restore)] },
      ...(v.warnings?.length ? [{ type: 'text' as const, text: warningsLine(v.warnings) }] : []),
      { type: 'text', text: [{ bold: t('cards-job.why') }] },
      { type: 'list', items: [explainText(v.sla.windows.response, v.zone), explainText(v.sla.windows.restore, v.zone)] },
      ...actsBlocks(v.acts),
      ...filesBlocks(v.ref, v.files),
    ],
  });
}
