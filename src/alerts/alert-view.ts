/** Everything an alert card shows, read fresh so an updated card tells the current truth. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { alerts, jobs, people, teams } from '../../db/schema.js';
import { notFound } from '../errors.js';
import { t } from '../i18n/t.js';
import { computeJobSla, type JobRow } from '../jobs/job-store.js';
import { jobZone } from '../jobs/site-zone.js';
import type { Contract } from '../rules/contract-types.js';
import type { SlaState } from '../rules/sla.js';
import type { ContractVersion } from '../contracts/store.js';
import { technicianOffers } from '../dispatch/offers.js';
import type { Offer } from '../rules/technician-offer.js';
import { actsOf, type AlertActRow } from './alert-acts.js';

export interface AlertView {
  alert: typeof alerts.$inferSelect;
  job: JobRow;
  version: ContractVersion;
  contract: Contract;
  state: SlaState;
  zone: string;
  assignee?: string;
  /** what was done about it, oldest first: each fallback at most once, and acknowledge */
  acts: AlertActRow[];
  /** the acknowledge act, which closes the alert to further fallbacks */
  acknowledged?: AlertActRow;
  /** the job's team's technicians, ranked, with the reason; those lacking a skill are not offered */
  technicians: Offer[];
  lead?: string;
}

export async function loadAlertView(db: DbOrTx, alertId: number, now: Date): Promise<AlertView> {
  const [alert] = await db.select().from(alerts).where(eq(alerts.id, alertId));
  if (!alert) throw notFound(t('act-on-alert.not-found', { id: String(alertId) }));
  const [job] = await db.select().from(jobs).where(eq(jobs.id, alert.jobId));
  if (!job) throw notFound(t('act-on-alert.job-gone', { id: String(alertId) }));
  const { version, state } = await computeJobSla(db, job, now);
  const name = async (id: number | null) => (id ? (await db.select({ name: people.name }).from(people).where(eq(people.id, id)))[0]?.name : undefined);
  const team = version.contract.team;
  const zone = await jobZone(db, job);
  const techs = await technicianOffers(db, job, version.contract, zone, now);
  const [teamRow] = await db.select().from(teams).where(eq(teams.id, team));
  const acts = await actsOf(db, [alert.id]);
  const acknowledged = acts.find((a) => a.act === 'acknowledge');
  return {
    alert,
    job,
    version,
    contract: version.contract,
    state,
    zone,
    assignee: await name(job.assigneeId),
    acts,
    ...(acknowledged ? { acknowledged } : {}),
    technicians: techs,
    lead: await name(teamRow?.leadId ?? null),
  };
}
