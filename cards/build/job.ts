import type { JobAct } from '../../src/alerts/job-acts.js';
import type { JobFiles } from '../../src/proof/job-files.js';
import { alertActLabels } from '../../src/rules/fallbacks.js';
import { isDone } from '../../src/jobs/status-rules.js';
import type { Contract } from '../../src/rules/contract-types.js';
import type { Warning } from '../../src/jobs/job-store.js';
import type { SlaState, WindowState } from '../../src/rules/sla.js';
import { explainText } from '../../src/rules/sla-explain.js';
import { formatDuration } from '../../src/rules/units.js';
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

const MESSAGE_STATE: Record<string, string> = { draft: 'draft, not sent', sending: 'e-mail being sent', sent: 'e-mail sent', failed: 'e-mail NOT delivered', discarded: 'discarded' };

/** "Subcontractor called by Dana, Mon 23 Nov 09:50 (response 75%): CoolFix ... (e-mail sent)". */
export function actsBlocks(acts: JobAct[] | undefined): Block[] {
  if (!acts?.length) return [];
  const items: Rich[] = acts.map((a) => [
    `${alertActLabels(a.act)?.done ?? a.act} by ${a.by ?? 'someone'}, `,
    { time: a.at },
    ` (${a.window} ${a.level})${a.detail ? `: ${a.detail}` : ''}${a.messageStatus ? ` (${MESSAGE_STATE[a.messageStatus] ?? a.messageStatus})` : ''}`,
  ]);
  return [{ type: 'text', text: [{ bold: 'Alert fallbacks' }] }, { type: 'list', items }];
}

function warningsLine(ws: Warning[]): Rich {
  const out: Span[] = [{ bold: 'Alerts' }, ' '];
  ws.forEach((w, i) => {
    out.push(`${i ? '; ' : ''}${w.window} ${w.level}`);
    if (w.at) out.push(' ', { time: w.at });
    if (w.fired) out.push(' (sent)');
  });
  return out;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One line per file, newest first, and the typed signatures; "+N more" past the latest few. */
export function filesBlocks(ref: string, f: JobFiles | undefined): Block[] {
  if (!f || (!f.total && !f.signatures.length)) return [];
  const items: Rich[] = f.files.map((a) => [
    { bold: a.fileName },
    ` (${a.kind}${a.signer ? ` of ${a.signer}` : ''}${a.step ? `, ${a.step}` : ''}), ${a.by ?? 'someone'}, `,
    { time: a.at },
    `, ${size(a.size)}`,
  ]);
  if (f.total > f.files.length) items.push(`+${f.total - f.files.length} more; the closing report lists them all (/close ${ref} --preview)`);
  const sigs: Rich[] = f.signatures.slice(0, 3).map((s) => ['Signed by ', { bold: s.name }, ` (${s.role}), `, { time: s.at }, `, ${s.step}`]);
  if (f.signatures.length > 3) sigs.push(`+${f.signatures.length - 3} more signatures`);
  return [
    { type: 'text', text: [{ bold: `Attachments (${f.total})` }] },
    ...(items.length ? [{ type: 'list' as const, items }] : []),
    ...(sigs.length ? [{ type: 'list' as const, items: sigs }] : []),
  ];
}

export function windowLine(w: WindowState): Rich {
  const name = w.window === 'response' ? 'Response' : 'Restore';
  if (w.outcome === 'met') {
    const margin = !w.dueAt
      ? [`, stopped while paused with ${formatDuration(w.remainingMinutes)} left`]
      : [w.remainingMinutes > 0 ? `, ${formatDuration(w.remainingMinutes)} before its due time ` : ', at its due time ', { time: w.dueAt }];
    return [`${name}: met`, ...(w.stoppedAt ? [' at ', { time: w.stoppedAt }] : []), ...margin, ` (${formatDuration(w.elapsedMinutes)} of ${formatDuration(w.targetMinutes)})`];
  }
  if (w.outcome === 'cancelled') return `${name}: stopped (cancelled)`;
  if (w.breached) return [`${name}: BREACHED`, ...(w.breachedAt ? [' at ', { time: w.breachedAt }] : []), ` (over by ${formatDuration(-w.remainingMinutes)}${w.explanation.alwaysOpen ? '' : ' of business time'})`];
  if (w.clock === 'paused') return `${name}: paused (${w.pausedBy?.replace('_', ' ') ?? 'waiting'}), ${formatDuration(w.remainingMinutes)} left`;
  return [`${name}: due `, ...(w.dueAt ? [{ time: w.dueAt }] : ['?']), ` (${formatDuration(w.remainingMinutes)} of ${formatDuration(w.targetMinutes)} left)`];
}

export function jobCard(v: JobView): Card {
  const site = v.contract.sites.find((s) => s.id === v.siteId);
  const fields: Field[] = [
    { label: 'Customer', value: `${v.contract.customer.name} (${v.contract.id} v${v.version})` },
    { label: 'Site', value: site ? `${site.id}: ${site.name}` : v.siteId },
    { label: 'Priority', value: v.priority },
    { label: 'Status', value: v.status.replace('_', ' ') },
    { label: 'Assigned', value: v.assignee ?? 'nobody yet' },
    ...(v.eta && !isDone(v.status) ? [{ label: 'ETA on site', value: [{ time: v.eta }] }] : []),
    { label: 'Reported', value: [{ time: v.reportedAt }] },
    ...(v.extra ?? []),
  ];
  const tone = v.sla.windows.response.breached || v.sla.windows.restore.breached ? 'danger' : undefined;
  return card('job', `${v.ref}: ${v.summary}`, {
    tone,
    zone: v.zone,
    blocks: [
      { type: 'fields', fields },
      { type: 'list', items: [windowLine(v.sla.windows.response), windowLine(v.sla.windows.restore)] },
      ...(v.warnings?.length ? [{ type: 'text' as const, text: warningsLine(v.warnings) }] : []),
      { type: 'text', text: [{ bold: 'Why these times' }] },
      { type: 'list', items: [explainText(v.sla.windows.response, v.zone), explainText(v.sla.windows.restore, v.zone)] },
      ...actsBlocks(v.acts),
      ...filesBlocks(v.ref, v.files),
    ],
  });
}
