/**
 * The demo's open jobs at "now" (the start's clock): a handful at different risks, so /queue has
 * something to order at once. Sites open around the clock carry the ones whose risk must not depend
 * on the hour of the start: a breached P1 nobody took, a P1 on its way, a P2 about to run out.
 * Reported before the start, their customer e-mails were handled then: no drafts.
 */
import type { Ctx } from '../context.js';
import { changeStatus } from '../jobs/change-status.js';
import { assignJob } from '../jobs/assign-job.js';
import { createJob } from '../jobs/create-job.js';
import { personByHandle } from '../people/person.js';
import { inTransaction } from '../verb.js';
import { withoutJobDrafts } from './demo-history.js';

interface OpenJob {
  contract: string;
  site: string;
  priority: string;
  summary: string;
  /** minutes before now it was reported */
  ago: number;
  taskCode?: string;
  tech?: 'tom' | 'tess';
  status?: string;
}

export const DEMO_OPEN_JOBS: readonly OpenJob[] = [
  { contract: 'PETRA-OG', site: 'PIPE-KP112', priority: 'P1', summary: 'Valve actuator not responding on the main line', ago: 95 },
  { contract: 'NORTHWIND-TEL', site: 'LDN-CORE', priority: 'P1', summary: 'Line card down on core-1, traffic on the backup path', ago: 10, tech: 'tom', status: 'en_route' },
  { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: 'Infusion pump occlusion alarm, bed 12', ago: 70 },
  { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Chiller tripping on high pressure', ago: 25 },
  { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P3', summary: 'Boardroom display has no signal', ago: 240, tech: 'tess', status: 'waiting_customer' },
  { contract: 'NORTHWIND-TEL', site: 'MAN-AGG', priority: 'P3', summary: 'Cabinet door alarm at the aggregation site', ago: 180, tech: 'tess' },
];

/** Write them as the dispatcher would have, in one transaction; returns their refs. */
export async function openDemoJobs(ctx: Ctx): Promise<string[]> {
  const dana = await personByHandle(ctx.root, 'dana');
  if (!dana) throw new Error('demo open jobs: no demo person dana; seed the demo first');
  const as: Ctx = { ...withoutJobDrafts(ctx), actor: { via: 'shell', person: dana, label: `${dana.name} (shell)` } };
  const now = ctx.clock.now().getTime();
  return inTransaction(as, async (tx) => {
    const refs: string[] = [];
    for (const j of DEMO_OPEN_JOBS) {
      const { ref } = await createJob(tx, { contract: j.contract, site: j.site, priority: j.priority, summary: j.summary, at: new Date(now - j.ago * 60_000), taskCode: j.taskCode });
      if (j.tech) await assignJob(tx, { job: ref, technician: j.tech });
      if (j.status) await changeStatus(tx, { job: ref, to: j.status });
      refs.push(ref);
    }
    return refs;
  });
}
