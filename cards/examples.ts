/**
 * Example cards of every kind, with the strings that break renderers: markup characters, mentions,
 * very long text, too many fields, rows, buttons and choices. Each platform renderer's test renders
 * all of them and checks its platform's limits, and the pseudo-locale test (test/i18n/cards.test.ts)
 * checks that every word a builder writes comes from the catalog. Built with the real builders from
 * fixture data (FIXTURE_STRINGS).
 */
import { OutOfScopeRefusal } from '../src/billing/refusals.js';
import type { DayEntry } from '../src/billing/today.js';
import type { AuditTrail } from '../src/approvals/audit-trail.js';
import type { ParsedRequest } from '../src/approvals/model.js';
import type { ApprovalView } from '../src/approvals/store.js';
import type { MessageView } from '../src/messages/load-message.js';
import type { ChecklistView } from '../src/proof/show-checklist.js';
import type { CorrectionView } from '../src/proof/correction-view.js';
import type { AlertView } from '../src/alerts/alert-view.js';
import type { Queue, QueueItem } from '../src/dispatch/queue.js';
import type { NumberedLine } from '../src/billing/invoice-store.js';
import type { InvoiceView } from '../src/billing/preview-invoice.js';
import type { BilledVsPromised } from '../src/billing/billed-vs-promised.js';
import type { Contract } from '../src/rules/contract-types.js';
import type { WindowState } from '../src/rules/sla.js';
import type { JobFiles } from '../src/proof/job-files.js';
import type { ClosingReport } from '../src/proof/closing-report.js';
import type { KpiReport } from '../src/kpi/report-schema.js';
import type { RenewalPack } from '../src/renewals/renewal-pack.js';
import { alertCard } from './build/alert.js';
import { digestCard } from './build/digest.js';
import { jobCard, type JobView } from './build/job.js';
import { renewalCard } from './build/renewal.js';
import { reportCard } from './build/report.js';
import { queueCard } from './build/queue.js';
import { approvalCard, auditCard, requestsCard, requesterCard } from './build/approval.js';
import { checklistCard } from './build/checklist.js';
import { commandHelpCard, helpCard } from './build/help.js';
import { alertsToActCard, myJobsCard, signedInCard } from './build/home.js';
import { billedVsPromisedCard, creditNoteCard, disputeCard, disputeListCard, disputeSettledCard, invoiceCard, invoiceListCard } from './build/invoice.js';
import { contractCard, contractDiffCard, contractListCard } from './build/contract.js';
import { correctionCard, correctionOutcomeCard } from './build/correction.js';
import { errorCard, infoCard, unexpectedCard, usageCard } from './build/error.js';
import { messageCard } from './build/message.js';
import { outOfScopeCard, partLoggedCard, timeLoggedCard, timerDiscardedCard, todayCard } from './build/time.js';
import { tokenCreatedCard, tokenRevokedCard, tokensCard } from './build/tokens.js';
import { personExportCard } from './build/person-export.js';
import { usageCard as contractUsageCard } from './build/usage.js';
import type { Card, CardKind } from './card.js';

/** Markup every platform must show as text: mrkdwn, HTML, Slack control sequences, Markdown. */
export const HOSTILE = `<b>bold?</b> & <@U0123ABC> <!channel> <!here> *star* _under_ ~strike~ \`tick\` [link](https://evil.example) &amp; &lt;`;

export const LONG = `${HOSTILE} ${'The compressor on roof unit 3 trips after ten minutes; belt replaced, still trips. '.repeat(60)}`;

/** The instants of the examples, and the zones their cards are shown in. */
export const EXAMPLE_TIMES = [new Date('2026-11-24T10:00:00Z'), new Date('2026-11-24T12:30:00Z')];
export const EXAMPLE_ZONES = ['UTC', 'Europe/Paris'];
const [AT, LATER] = EXAMPLE_TIMES as [Date, Date];
const ZONE = 'Europe/Paris';

/**
 * Every string the fixtures hand to a builder (names, ids, codes, notes) besides HOSTILE and LONG:
 * what a card may show that is not the bot's own words.
 */
/** Usage lines as a command hands them to usageCard. */
const USAGE_LINES = ['/job new <contract> <site> <priority> "<summary>"', `/x ${HOSTILE}`];

export const FIXTURE_STRINGS = [
  ...USAGE_LINES,
  ...Array.from({ length: 40 }, (_, i) => `/cmd${i}`),
  'ACME-HVAC',
  'ACME Facilities',
  'J-1001',
  'Roof unit trips',
  'Ana Lima',
  'Tom Berg',
  'PM-ROOF',
  'Roof preventive maintenance',
  'Isolate power',
  'Check belts',
  'Leak current',
  'Sign off',
  'Photo of unit',
  'OOS-DUCT',
  'Duct cleaning',
  'hour',
  'LAB',
  'TRV',
  'P2',
  'confirmation',
  'draft',
  'dispatch@acme.example',
  'MRN',
  'north',
  'read',
  'write',
  'FLT-200',
  'Fan belt',
  'PAR-HQ',
  'Paris HQ',
  'month',
  'SMTP',
  'deadbeef',
  'forbidden',
  'photo.jpg',
  'photo',
  'time_entry',
  'EUR',
  'mA',
  'GMT',
  'waiting_customer',
  'manager',
  'finance',
  'admin',
  'retired_act',
  '75%',
  'F000042',
  'ACME-HVAC-2026-11',
  'visit',
];

function many<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

/** A fixture for a type with more fields than the builder reads (database rows, contracts). */
function fixture<T>(x: Partial<T>): T {
  return x as T;
}

export function exampleCards(secret = 'examples-secret'): Card[] {

  const out: Card[] = [];
  const add = (kind: CardKind, c: Card) => {
    if (c.kind !== kind) throw new Error(`example for ${kind} has kind ${c.kind}`);
    out.push(c);
  };

  const commands = many(40, (i) => ({ name: `cmd${i}`, summary: `${HOSTILE} ${i}`, usage: USAGE_LINES, example: `/cmd${i} ${HOSTILE}` }));
  add('help', helpCard(commands));
  add('help', commandHelpCard(commands[0]!));
  add('info', infoCard(HOSTILE, LONG));
  const tokens = many(40, (i) => ({ id: i + 1, name: `${HOSTILE} ${i}`, scopes: ['read', 'write'], createdAt: AT, lastUsedAt: i % 2 ? LATER : null, revokedAt: i % 3 ? null : LATER }));
  add('info', tokensCard(tokens, ZONE));
  add('info', tokensCard([], ZONE));
  add('info', tokenRevokedCard(tokens[0]!));
  add('info', tokenCreatedCard({ token: 'deadbeef', view: tokens[0]! }));
  const exported = { person: { id: 7, name: 'Ana Lima', email: 'dispatch@acme.example' }, exportedAt: AT, tables: { time_entry: [{}] }, locations: 'none stored' as const };
  for (const own of [true, false]) add('info', personExportCard(exported, { json: 'photo.jpg', csv: 'photo' }, own));
  const correction = (status: string): CorrectionView => ({
    row: fixture<CorrectionView['row']>({ id: 7, status, subjectKind: 'time_entry', subjectId: null, note: HOSTILE, resolvedAt: status === 'open' ? null : LATER, resolution: status === 'open' ? null : HOSTILE }),
    person: 'Ana Lima',
    job: 'J-1001',
    resolvedBy: status === 'open' ? undefined : 'Tom Berg',
  });
  for (const status of ['open', 'fixed', 'rejected']) add('info', correctionCard(correction(status)));
  const flagged = (status: string): CorrectionView => ({ ...correction(status), row: { ...correction(status).row, subjectId: 'T12' } });
  add('info', correctionCard(flagged('open'), { secret, entry: { id: 12, start: AT, end: LATER, note: HOSTILE, zone: ZONE, deleted: false } }));
  add('info', correctionCard(correction('open'), { secret }));
  for (const [status, change] of [['fixed', 'edited'], ['fixed', 'deleted'], ['rejected', undefined]] as const) add('info', correctionOutcomeCard(flagged(status), change));
  add('error', errorCard('forbidden', HOSTILE, many(30, (i) => `${i} ${HOSTILE}`)));
  add('error', usageCard(HOSTILE, USAGE_LINES));
  add('error', unexpectedCard('deadbeef'));
  add('error', outOfScopeCard(new OutOfScopeRefusal('precondition_failed', HOSTILE, [HOSTILE], { id: 1, ref: 'J-1001' }, 'OOS-DUCT', 90, { start: AT, end: LATER }), secret));
  const meta = { version: 2, effectiveFrom: '2026-06-01', reason: HOSTILE, createdByLabel: 'Ana Lima', createdAt: AT, later: [{ version: 3, effectiveFrom: '2027-01-01' }] };
  for (const c of contracts()) add('contract', contractCard(c, meta));
  add('contract', contractCard(contracts()[1]!, { version: 1, effectiveFrom: '2026-01-01' }));
  const versionMeta = (version: number) => ({ version, effectiveFrom: '2026-06-01', reason: HOSTILE, by: 'Ana Lima', at: AT });
  add('contract', contractDiffCard({ contractId: 'ACME-HVAC', from: versionMeta(1), to: versionMeta(2), changes: many(40, (i) => (i % 3 === 0 ? { path: 'LAB', before: HOSTILE } : i % 3 === 1 ? { path: 'LAB', after: LONG } : { path: 'LAB', before: 1, after: { MRN: HOSTILE } })) }));
  add('contract', contractDiffCard({ contractId: 'ACME-HVAC', from: versionMeta(1), to: versionMeta(2), changes: [] }));
  add('contracts', contractListCard(many(80, (i) => ({ id: `ACME-HVAC-${i}`, customerName: `ACME Facilities ${HOSTILE}`, team: 'north', currentVersion: 1, currency: 'EUR', fee: 123456, end: '2027-12-31' }))));
  for (const v of jobViews()) add('job', jobCard(v));
  for (const q of queues()) add('jobs', queueCard(q, AT, secret, { notice: HOSTILE, team: 'north' }));
  add('jobs', queueCard(fixture<Queue>({ teams: [], items: [], total: 0, filters: {} }), AT, secret));
  for (const v of alertViews()) add('alert', alertCard(v, secret));
  for (const v of approvalViews()) add('approval', approvalCard(v, secret));
  const [pending] = approvalViews();
  add('approval', requesterCard({ view: pending!, autoApproved: false }, secret));
  add('approval', requesterCard({ view: pending!, autoApproved: true }, secret));
  add('approval', requesterCard({ view: pending!, autoApproved: false, noChannel: { team: 'north', messaged: 2 } }, secret));
  add('approval', requesterCard({ view: pending!, autoApproved: false, noChannel: { team: 'north', messaged: 0 } }, secret));
  add('approval', requestsCard({ mine: approvalViews().slice(0, 3), toDecide: many(8, () => pending!) }, secret));
  add('approval', requestsCard({ mine: [], toDecide: [] }, secret));
  const logged = { ref: 'J-1001', person: 'Ana Lima', code: 'LAB', kind: 'labour', start: AT, end: LATER, minutes: 150, note: HOSTILE, zone: ZONE, warnings: [HOSTILE] };
  add('time', timeLoggedCard(logged));
  add('time', timeLoggedCard({ ...logged, duplicate: true }));
  add('time', timeLoggedCard({ ...logged, code: 'TRV', kind: 'travel', end: null, minutes: undefined, note: null }));
  add('time', timerDiscardedCard({ ref: 'J-1001', person: 'Ana Lima', startedAt: AT, code: 'LAB' }));
  const entries = many(150, (i): DayEntry => ({ id: i + 1, job: 'J-1001', code: i % 2 ? 'TRV' : 'LAB', kind: i % 2 ? 'travel' : 'labour', start: AT, end: i % 5 ? LATER : null, minutes: 150, note: i % 3 ? HOSTILE : null }));
  add('time', todayCard({ person: 'Ana Lima', zone: ZONE, date: '2026-11-24', running: entries[0], entries, totalMinutes: 600 }));
  add('time', todayCard({ person: 'Ana Lima', zone: ZONE, date: '2026-11-24', entries: [], totalMinutes: 0 }));
  const day = [entries[1]!, { ...entries[3]!, deleted: { at: LATER, by: 1, byName: 'Tom Berg', reason: HOSTILE } }];
  add('time', todayCard({ person: 'Ana Lima', zone: ZONE, date: '2026-11-24', entries: day, totalMinutes: 150 }, { secret, forms: [{ id: 2, start: AT, end: LATER, note: HOSTILE, zone: ZONE, deleted: false }, { id: 4, start: AT, end: LATER, note: null, zone: ZONE, deleted: true }] }));
  add('time', partLoggedCard({ ref: 'J-1001', person: 'Ana Lima', sku: 'FLT-200', name: 'Fan belt', qty: 2, price: 123456, currency: 'EUR', version: 1 }));
  for (const c of invoiceCards()) add('invoice', c);
  add(
    'usage',
    contractUsageCard({
      contractId: 'ACME-HVAC',
      currency: 'EUR',
      today: '2026-11-24',
      zone: ZONE,
      month: '2026-11',
      banks: many(3, (i) => ({ index: i, hours: 20, codes: ['LAB', 'TRV'], from: '2026-01-01', until: '2026-12-31', active: i !== 2, usedMinutes: 1100, leftMinutes: 100 })),
      sites: many(60, (i) => ({ siteId: 'PAR-HQ', name: `${HOSTILE} ${i}`, ...(i % 2 ? { caps: { visits: 4, per: 'month' as const }, left: i % 4 ? 1 : 0 } : {}), used: i % 4 ? 3 : 6 })),
      credits: { count: 2, sla: 12000, goodwill: 5000, capLeft: 3000, cap: 20000, invoiced: 8000 },
    }),
  );
  add('usage', contractUsageCard({ contractId: 'ACME-HVAC', currency: 'EUR', today: '2026-11-24', zone: ZONE, month: '2026-11', banks: [], sites: [], credits: { count: 0, sla: 0, goodwill: 0, invoiced: 0 } }));
  for (const c of checklistViews()) add('checklist', checklistCard(c, secret, { done: HOSTILE }));
  for (const r of closingReports()) add('report', reportCard(r, { reportUrl: 'https://bot.example.com/reports/J-1001' }));
  add('report', reportCard(closingReports()[1]!));
  for (const v of messageViews()) add('message', messageCard(v, secret));
  for (const r of kpiReports()) add('digest', digestCard(r, { chartPath: '/tmp/chart.png', moreUrl: 'https://bot.example.com/kpi' }));
  add('digest', digestCard(kpiReports()[1]!));
  for (const p of renewalPacks()) add('renewal', renewalCard(p, { chartPath: '/tmp/chart.png', pdfPath: '/tmp/pack.pdf', pdfUrl: 'https://bot.example.com/r?a=1&b=<2>' }));
  add('renewal', renewalCard(renewalPacks()[1]!));
  const trail = (n: number, more: boolean): AuditTrail => ({ subject: 'J-1001', more, entries: many(n, (i) => ({ id: i, at: AT, actor: 'Ana Lima', action: 'time_entry', subject: HOSTILE, data: { MRN: HOSTILE, version: 2, LAB: i } })) });
  add('audit', auditCard(trail(100, true), ZONE));
  add('audit', auditCard(trail(0, false), ZONE));
  const homeJob = (i: number) => ({ ref: 'J-1001', siteId: 'PAR-HQ', priority: 'P2', status: 'waiting_customer', restoreBreached: i % 3 === 0, restoreDueAt: i % 3 === 1 ? AT : null, restoreState: 'paused', summary: `${HOSTILE} ${i}` });
  add('home', myJobsCard(many(20, homeJob)));
  add('home', myJobsCard([]));
  add('home', alertsToActCard(many(10, (i) => ({ jobRef: 'J-1001', siteId: 'PAR-HQ', priority: 'P2', window: i % 2 ? 'response' : 'restore', level: i % 3 ? '75%' : 'breach', dueAt: AT, summary: HOSTILE })), true));
  add('home', signedInCard({ name: 'Ana Lima', roles: ['manager', 'finance'] }));
  add('home', signedInCard({ name: 'Tom Berg', roles: [] }));
  return out;
}

const CONTRACT = fixture<Contract>({
  id: 'ACME-HVAC',
  customer: fixture<Contract['customer']>({ name: 'ACME Facilities' }),
  checklists: { 'PM-ROOF': [] },
});

function step(index: number, s: { step: string; safety?: boolean; required?: boolean; proof?: 'reading' | 'signature' | 'photo' }, extra: object = {}) {
  return { code: 'PM-ROOF', index, number: index + 1, step: s.step, safety: s.safety ?? false, required: s.required ?? true, ...(s.proof ? { proof: s.proof } : {}), waitsFor: [], ...extra };
}

/** A contract using every term the contract card shows, one with SLA tiers and one without. */
function contracts(): Contract[] {
  const window = (response: number) => ({ response, restore: response * 4, calendar: 'north' });
  const c = fixture<Contract>({
    ...CONTRACT,
    currency: 'EUR',
    customer: fixture<Contract['customer']>({ name: `ACME Facilities ${HOSTILE}` }),
    fee: fixture<Contract['fee']>({ amount: 123456, per: 'month' }),
    term: fixture<Contract['term']>({ start: '2026-01-01', end: '2027-12-31', renewal: 'auto', noticeDays: 90 }),
    team: 'north',
    sites: many(30, (i) => fixture<Contract['sites'][number]>({ id: 'PAR-HQ', name: `Paris HQ ${HOSTILE}`, calendar: 'north', ...(i % 2 ? { access: 'north', tier: 'P2', caps: { visits: 4, per: 'month' } } : {}) })),
    sla: fixture<Contract['sla']>({ warnAt: [0.5, 0.8], pauseOn: { response: ['waiting_customer'], restore: ['waiting_customer'] }, priorities: fixture<Contract['sla']['priorities']>({ P2: window(240) }), fallbacks: fixture<Contract['sla']['fallbacks']>(['north'] as never) }),
    rates: many(120, (i) =>
      fixture<Contract['rates'][number]>({ code: 'LAB', name: `LAB ${HOSTILE}`, unit: 'hour', price: 12000 + i, covered: i % 2 === 0, ...(i % 3 ? { includes: 60, overrun: 'LAB' } : {}), outOfScope: i % 5 === 0, billing: fixture<NonNullable<Contract['rates'][number]['billing']>>({ increment: 15, minimum: 60 }) }),
    ),
    modifiers: fixture<Contract['modifiers']>({
      afterHours: fixture<NonNullable<Contract['modifiers']['afterHours']>>({ multiplier: 1.5 }),
      weekend: fixture<NonNullable<Contract['modifiers']['weekend']>>({ multiplier: 1.5 }),
      holiday: fixture<NonNullable<Contract['modifiers']['holiday']>>({ multiplier: 2 }),
      overtime: fixture<NonNullable<Contract['modifiers']['overtime']>>({ afterPerDay: 480, multiplier: 1.25 }),
      outsideAccess: fixture<NonNullable<Contract['modifiers']['outsideAccess']>>({ multiplier: 1.5, requiresApproval: true }),
      seasonal: [fixture<Contract['modifiers']['seasonal'][number]>({ codes: ['LAB', 'TRV'], multiplier: 1.2, from: '12-01', to: '02-28' })],
      travel: fixture<NonNullable<Contract['modifiers']['travel']>>({ code: 'TRV', per: 'month' as never }),
    }),
    entitlements: fixture<Contract['entitlements']>({
      prepaidHours: [fixture<Contract['entitlements']['prepaidHours'][number]>({ hours: 20, codes: ['LAB'], from: '2026-01-01', until: '2026-12-31' })],
      warranty: [fixture<Contract['entitlements']['warranty'][number]>({ parts: ['FLT-200'], until: '2027-06-30', labour: true }), fixture<Contract['entitlements']['warranty'][number]>({ parts: ['FLT-200'], until: '2027-06-30', labour: false })],
    }),
    parts: [fixture<Contract['parts'][number]>({ sku: 'FLT-200', price: 4500 })],
  });
  const plain = fixture<Contract>({
    ...c,
    sites: c.sites.slice(0, 1),
    rates: c.rates.slice(0, 2),
    sla: fixture<Contract['sla']>({ ...c.sla, priorities: undefined, tiers: fixture<Contract['sla']['tiers']>({ P2: fixture<NonNullable<Contract['sla']['tiers']>[string]>({ P2: window(60) }) }), pauseOn: { response: [], restore: [] } }),
    modifiers: fixture<Contract['modifiers']>({ seasonal: [] }),
    entitlements: fixture<Contract['entitlements']>({ prepaidHours: [], warranty: [] }),
    parts: [],
  });
  return [c, plain];
}

/** An SLA window in each state the alert and job cards word differently. */
function slaWindow(window: 'response' | 'restore', more: Partial<WindowState> = {}): WindowState {
  return fixture<WindowState>({
    window,
    priority: 'P2',
    targetMinutes: 240,
    calendar: 'north',
    zone: ZONE,
    reportedAt: AT,
    startedAt: AT,
    clock: 'running',
    outcome: 'pending',
    dueAt: LATER,
    remainingMinutes: 90,
    elapsedMinutes: 150,
    pausedMinutes: 0,
    breached: false,
    explanation: fixture<WindowState['explanation']>({ alwaysOpen: false }),
    ...more,
  });
}

/** An offer's reason with a fixture skill held and one missing, on shift until a fixture instant. */
function offerWhy(openJobs: number): NonNullable<QueueItem['offers']>[number]['why'] {
  const until = EXAMPLE_TIMES[0]!;
  return { skills: [{ skill: HOSTILE, state: 'held' }, { skill: 'north', state: 'missing' }], when: { state: 'on_shift', until }, zone: EXAMPLE_ZONES[0]!, now: until, openJobs };
}

function offers(n = 40): NonNullable<QueueItem['offers']> {
  return [
    { id: 2, name: 'Tom Berg', offered: true, availability: 'on_shift' as const, openJobs: 0, why: offerWhy(0), lacking: [] },
    { id: 3, name: 'Ana Lima', offered: false, availability: 'off' as const, openJobs: 2, why: offerWhy(2), lacking: ['north'] },
    ...many(n, (i) => ({ id: 10 + i, name: `${HOSTILE} ${i}`, offered: true, availability: 'on_shift' as const, openJobs: i, why: offerWhy(i), lacking: [] })),
  ];
}

/** Alerts at risk, breached, with acts taken, acknowledged and closed, on a contract with every fallback. */
function alertViews(): AlertView[] {
  const contract = fixture<Contract>({
    ...CONTRACT,
    sites: [fixture<Contract['sites'][number]>({ id: 'PAR-HQ', name: 'Paris HQ' })],
    sla: fixture<Contract['sla']>({ fallbacks: ['reassign', 'escalate', 'notify_customer', 'subcontract'], subcontractors: [fixture<Contract['sla']['subcontractors'][number]>({ name: 'Tom Berg' })] }),
  });
  const alert = (more: object = {}) => fixture<AlertView['alert']>({ id: 1, window: 'response', level: '75%', closedAt: null, closedReason: null, ...more });
  const job = fixture<AlertView['job']>({ id: 1, ref: 'J-1001', summary: 'Roof unit trips', siteId: 'PAR-HQ', status: 'waiting_customer', assigneeId: 3 });
  const state = (response: WindowState, restore = slaWindow('restore', { tier: 'P2' })) => fixture<AlertView['state']>({ windows: { response, restore } });
  const act = (a: string, detail: string | null, by: string | undefined = 'Ana Lima') => ({ alertId: 1, act: a, personId: by ? 1 : null, ...(by ? { by } : {}), at: AT, detail, messageId: null });
  const base: AlertView = { alert: alert(), job, version: fixture<AlertView['version']>({ version: 2 }), contract, state: state(slaWindow('response')), zone: ZONE, assignee: 'Ana Lima', acts: [], technicians: offers(120), lead: 'Tom Berg' };
  const breached = slaWindow('response', { breached: true, remainingMinutes: -90, breachedAt: LATER, outcome: 'breached', explanation: fixture<WindowState['explanation']>({ alwaysOpen: true }) });
  const acts = [act('escalate', HOSTILE), act('notify_customer', null, undefined), act('retired_act', HOSTILE)];
  return [
    base,
    { ...base, alert: alert({ level: 'breach', window: 'restore' }), state: state(breached, slaWindow('restore', { dueAt: null, clock: 'paused', pausedBy: 'waiting_customer' })), assignee: undefined, lead: undefined, technicians: [] },
    { ...base, acts },
    { ...base, acts: [...acts, act('acknowledge', null)], acknowledged: act('acknowledge', null) },
    { ...base, acts: [act('acknowledge', null, undefined)], acknowledged: act('acknowledge', null, undefined) },
    { ...base, alert: alert({ level: 'breach', closedAt: LATER, closedReason: HOSTILE }), acts },
    { ...base, alert: alert({ closedAt: LATER }), state: state(slaWindow('response', { outcome: 'met', clock: 'stopped', stoppedAt: LATER })) },
  ];
}

/** A queue with breached, running, paused and clockless jobs, offers on the top ones, and filters. */
function queues(): Queue[] {
  const item = (i: number, risk: QueueItem['risk'], more: Partial<QueueItem> = {}): QueueItem => ({
    job: fixture<QueueItem['job']>({ id: i + 1, ref: 'J-1001', priority: 'P2', siteId: 'PAR-HQ', status: 'waiting_customer', summary: i % 2 ? LONG : 'Roof unit trips', assigneeId: i % 3 ? 3 : null }),
    siteName: 'Paris HQ',
    siteZone: ZONE,
    assignee: i % 3 ? 'Ana Lima' : null,
    risk,
    nextAlert: i % 2 ? { at: LATER, window: 'restore', level: '75%' } : null,
    ...more,
  });
  const risks: QueueItem['risk'][] = [
    { window: 'response', dueAt: AT, leftMinutes: -90, breached: true, paused: false },
    { window: 'restore', dueAt: LATER, leftMinutes: 90, breached: false, paused: false },
    { window: 'restore', dueAt: null, leftMinutes: null, breached: true, paused: false },
    { window: null, dueAt: null, leftMinutes: null, breached: true, paused: false },
    { window: null, dueAt: null, leftMinutes: null, breached: false, paused: true },
    { window: null, dueAt: null, leftMinutes: null, breached: false, paused: false },
  ];
  const items = many(150, (i) => item(i, risks[i % risks.length]!, i < 3 ? { offers: offers() } : {}));
  return [
    { teams: ['north', 'PAR-HQ'], items, total: 400, filters: { site: 'PAR-HQ', assignee: 'Ana Lima', assigneeId: 3 } },
    { teams: ['north'], items: items.slice(1, 2), total: 1, filters: {} },
  ];
}

/** Invoices previewed, issued, empty; a credit note; disputes recorded, listed and settled; billed vs promised; the list. */
function invoiceCards(): Card[] {
  const line = (i: number, more: Partial<NumberedLine> = {}) =>
    fixture<NumberedLine>({ lineNo: i + 1, kind: 'labour', date: '2026-11-24', jobId: 'J-1001', code: 'LAB', description: HOSTILE, quantity: 1.5, unit: 'hour', unitPrice: 12000, amount: 18000, covered: i % 4 === 1, nominal: 18000, rule: 'LAB', version: 2, sources: ['T12'], ...(i % 3 ? {} : { minutes: 90 }), ...more });
  const lines = many(300, (i) => line(i, i % 5 === 4 ? { code: undefined, sku: 'FLT-200', quantity: 2, unit: 'hour' } : {}));
  const held = many(12, (i) => ({ what: (['time', 'part', 'override'] as const)[i % 3]!, jobId: i % 2 ? 'J-1001' : undefined, sources: ['T12', 'P3'], minutes: i % 3 ? 0 : 90, reason: { code: 'outside-access' as const, site: HOSTILE } }));
  const period = { key: '2026-11', from: '2026-11-01', to: '2026-11-30' };
  const totals = { billable: 123456, credits: -5000, total: 118456, nominalCovered: 36000 };
  const base: InvoiceView = { contractId: 'ACME-HVAC', customer: 'ACME Facilities', currency: 'EUR', period, number: 'ACME-HVAC-2026-11', status: 'preview', lines, totals, held, creditNotes: [], zone: ZONE };
  const issued: InvoiceView = { ...base, number: 'F000042', reference: 'ACME-HVAC-2026-11', status: 'issued', issuedAt: AT, issuedBy: 'Ana Lima', held: [], creditNotes: many(3, () => ({ number: 'F000042', total: -5000, issuedAt: LATER })) };
  const credit: InvoiceView = { ...issued, corrects: 'F000042', issuedBy: undefined, issuedAt: undefined };
  const dispute = (status: string, outcome?: string) => ({ id: 7, invoice: 'F000042', line: 3, description: HOSTILE, amount: 18000, currency: 'EUR', reason: HOSTILE, status, ...(outcome ? { outcome } : {}) });
  const bvp = (unbilled: number): BilledVsPromised => ({
    contractId: 'ACME-HVAC',
    version: 2,
    currency: 'EUR',
    period,
    zone: ZONE,
    promised: {
      fee: 123456,
      covered: [{ code: 'LAB', name: 'Duct cleaning', unit: 'hour', includesMinutes: 90 }, { code: 'TRV', name: 'Duct cleaning', unit: 'visit' }],
      prepaid: [{ index: 0, hours: 20, codes: ['LAB', 'TRV'], from: '2026-01-01', until: '2026-12-31', usedBefore: 600, usedThisPeriod: 90, leftMinutes: 510 }],
      caps: [{ siteId: 'PAR-HQ', visits: 4, per: 'month', usedBefore: 3, usedAfter: 5 }, { siteId: 'PAR-HQ', visits: 4, per: 'month', usedBefore: 0, usedAfter: 1 }],
      warranty: [{ parts: ['FLT-200'], until: '2027-06-30', labour: true }, { parts: ['FLT-200'], until: '2027-06-30', labour: false }],
    },
    delivered: { minutes: fixture<BilledVsPromised['delivered']['minutes']>({ logged: 600, billed: 450, covered: 90, added: 30 }), coveredValue: 36000, visits: [], jobs: 3 },
    billed: { byKind: { fee: 123456, labour: 18000, part: 9000, credit: -5000 }, billable: 150456, credits: -5000, total: 145456, ...(unbilled ? {} : { invoice: { number: 'F000042', total: 145456, creditNotes: -5000 } }) },
    unbilled: { minutes: unbilled, items: unbilled ? held : [] },
  });
  const listRow = (i: number) => ({ id: i, number: 'F000042', reference: 'ACME-HVAC-2026-11', kind: i % 2 ? ('credit_note' as const) : ('invoice' as const), contract: 'ACME-HVAC', customer: 'ACME Facilities', currency: 'EUR', period, total: 145456, issuedAt: AT, issuedBy: null, corrects: i % 2 ? 'F000042' : null, creditNotes: i % 2 ? [] : ['F000042'], openDisputes: 0 });
  return [
    invoiceCard(base, { moreUrl: 'https://bot.example.com/invoices/1' }),
    invoiceCard(issued),
    invoiceCard(credit),
    invoiceCard({ ...base, lines: [], held: [] }),
    creditNoteCard({ number: 'F000042', corrects: 'F000042', line: line(2), corrected: line(2), amount: 5000, currency: 'EUR', leftAfter: 13000 }),
    disputeCard({ invoice: 'F000042', line: line(2), id: 7, reason: HOSTILE, currency: 'EUR' }),
    disputeListCard({ items: [dispute('open'), dispute('accepted', HOSTILE), dispute('rejected', HOSTILE)] }),
    disputeListCard({ status: 'open', items: [dispute('open')] }),
    disputeListCard({ status: 'rejected', items: [] }),
    disputeSettledCard({ id: 7, invoice: 'F000042', line: 3, status: 'accepted', amount: 5000, creditNote: 'F000042', currency: 'EUR' }),
    disputeSettledCard({ id: 7, invoice: 'F000042', line: 3, status: 'rejected', reason: HOSTILE, message: 4, currency: 'EUR' }),
    disputeSettledCard({ id: 7, invoice: 'F000042', line: 3, status: 'rejected', reason: HOSTILE, currency: 'EUR' }),
    billedVsPromisedCard(bvp(90)),
    billedVsPromisedCard(bvp(0)),
    invoiceListCard(many(60, listRow), 60),
    invoiceListCard([], 60),
  ];
}

function checklistViews(): ChecklistView[] {
  const job = fixture<ChecklistView['job']>({ id: 1, ref: 'J-1001', summary: 'Roof unit trips' });
  const base = { job, version: fixture<ChecklistView['version']>({}), contract: CONTRACT, zone: ZONE, codes: ['PM-ROOF', 'OOS-DUCT'], approvedCodes: new Set<string>(), attachments: [] };
  const tick = (proof: object | null) => ({ tick: { at: AT, personId: 1, personName: 'Ana Lima', proof } });
  const steps = [
    step(0, { step: 'Isolate power', safety: true }, tick(null)),
    step(1, { step: 'Leak current', safety: true, proof: 'reading' }, tick({ kind: 'reading', value: '0.4', unit: 'mA' })),
    step(2, { step: 'Sign off', proof: 'signature' }, tick({ kind: 'signature', name: 'Tom Berg', role: 'north', at: AT.toISOString(), attachmentId: 3 })),
    step(3, { step: 'Photo of unit', proof: 'photo' }, tick({ kind: 'photo', attachmentId: 3 })),
    step(4, { step: 'Leak current', safety: true, proof: 'reading' }),
    step(5, { step: 'Sign off', proof: 'signature' }),
    step(6, { step: 'Photo of unit', proof: 'photo' }),
    step(7, { step: 'Check belts', required: false }),
    step(8, { step: 'Check belts' }, { waitsFor: [5] }),
    step(9, { step: 'Check belts' }, { waitsFor: [5, 6] }),
    ...many(20, (i) => step(10 + i, { step: `${HOSTILE} ${i}`, required: i % 2 === 0 })),
  ];
  const attachments = many(12, (i) => fixture<ChecklistView['attachments'][number]>({ id: i + 1, fileName: 'photo.jpg', kind: 'photo', size: 2048 * (i + 1) }));
  return [
    { ...base, attachments, phoneLink: 'https://bot.example.com/field/c?x=1&y=<2>', lists: [{ code: 'PM-ROOF', name: 'Roof preventive maintenance', steps }], outOfScope: [{ code: 'OOS-DUCT', name: 'Duct cleaning', unit: 'hour' }] },
    { ...base, lists: [{ code: 'PM-ROOF', name: 'Roof preventive maintenance', steps: steps.slice(0, 4) }], outOfScope: [] },
    { ...base, lists: [], outOfScope: [] },
    { ...base, contract: fixture<Contract>({ ...CONTRACT, checklists: {} }), codes: [], lists: [], outOfScope: [] },
  ];
}

function approvalViews(): ApprovalView[] {
  const row = (kind: string, status: string, more: Partial<ApprovalView['row']> = {}) =>
    fixture<ApprovalView['row']>({ id: 12, kind, status, amount: 123456, currency: 'EUR', reason: HOSTILE, deciderRoles: ['manager'], expiresAt: LATER, createdAt: AT, decidedAt: null, autoApproved: false, decisionReason: null, ...more });
  const outOfScope = fixture<ParsedRequest>({
    kind: 'outOfScope',
    request: fixture<Extract<ParsedRequest, { kind: 'outOfScope' }>['request']>({ siteId: 'PAR-HQ', code: 'OOS-DUCT', unit: 'hour', minutes: 90, description: HOSTILE, lines: many(12, () => ({ description: HOSTILE, quantity: 1.5, unit: 'hour', unitPrice: 12000, amount: 18000, rule: 'LAB' })) }),
  });
  const free = fixture<ParsedRequest>({ kind: 'outOfScope', request: fixture<Extract<ParsedRequest, { kind: 'outOfScope' }>['request']>({ siteId: 'PAR-HQ', description: HOSTILE, lines: [{ description: HOSTILE, quantity: 1, unit: 'hour', unitPrice: 100, amount: 100, rule: 'LAB' }] }) });
  const goodwill = fixture<ParsedRequest>({ kind: 'goodwill', request: fixture<Extract<ParsedRequest, { kind: 'goodwill' }>['request']>({ description: HOSTILE }) });
  const permit = fixture<ParsedRequest>({ kind: 'permit', request: fixture<Extract<ParsedRequest, { kind: 'permit' }>['request']>({ siteId: 'PAR-HQ', from: AT.toISOString(), to: LATER.toISOString(), access: 'north', outsideMinutes: 150, multiplier: 1.5, estimateCode: 'LAB', description: HOSTILE }) });
  const rate = fixture<ParsedRequest>({ kind: 'rateOverride', request: fixture<Extract<ParsedRequest, { kind: 'rateOverride' }>['request']>({ code: 'LAB', unit: 'hour', listPrice: 12000, unitPrice: 10000, description: HOSTILE }) });
  const contract = fixture<Contract>({ ...CONTRACT, sites: [fixture<Contract['sites'][number]>({ id: 'PAR-HQ', name: 'Paris HQ' })] });
  const base = { version: fixture<ApprovalView['version']>({ version: 2 }), contract, job: fixture<NonNullable<ApprovalView['job']>>({ id: 1, ref: 'J-1001', summary: 'Roof unit trips', siteId: 'PAR-HQ' }), requester: { id: 1, name: 'Ana Lima' }, deciders: [2, 3], rule: HOSTILE, escalated: false, zone: ZONE, now: AT };
  const decided = { decidedAt: LATER, expiresAt: null };
  return [
    // More deciders than Teams refreshes for (60).
    { ...base, row: row('outOfScope', 'pending'), parsed: outOfScope, escalated: true, quoteDraftId: 3, deciders: many(80, (i) => i + 1) },
    { ...base, row: row('outOfScope', 'pending', { deciderRoles: ['admin'] }), parsed: free, deciders: [] },
    { ...base, row: row('goodwill', 'pending', { deciderRoles: ['manager', 'finance'], expiresAt: null }), parsed: goodwill, job: undefined },
    { ...base, row: row('permit', 'pending', { expiresAt: AT }), parsed: permit, now: LATER },
    { ...base, row: row('rateOverride', 'approved', { ...decided, decisionReason: HOSTILE }), parsed: rate, decider: { id: 2, name: 'Tom Berg' } },
    { ...base, row: row('rateOverride', 'approved', { ...decided, autoApproved: true, decisionReason: HOSTILE }), parsed: rate },
    { ...base, row: row('outOfScope', 'approved', decided), parsed: outOfScope, quoteDraftId: 3, customer: { decision: 'accepted', at: LATER, name: 'Tom Berg', reason: HOSTILE } },
    { ...base, row: row('outOfScope', 'approved', decided), parsed: outOfScope, customer: { decision: 'declined', at: LATER, name: 'Tom Berg' } },
    { ...base, row: row('goodwill', 'rejected', { ...decided, decisionReason: HOSTILE }), parsed: goodwill },
    { ...base, row: row('goodwill', 'rejected', decided), parsed: goodwill, decider: { id: 2, name: 'Tom Berg' } },
    { ...base, row: row('permit', 'expired', decided), parsed: permit },
  ];
}

function messageViews(): MessageView[] {
  const job = fixture<MessageView['job']>({ id: 1, ref: 'J-1001' });
  const row = (status: string, more: Partial<MessageView['row']> = {}) =>
    fixture<MessageView['row']>({ id: 1, kind: 'confirmation', status, recipients: ['dispatch@acme.example', HOSTILE], attempts: 0, lastError: null, nextAttemptAt: null, sentAt: null, editedAt: null, createdAt: AT, ...more });
  // Within the editable length, so the Edit form's prefilled body is not cut.
  const text = LONG.slice(0, LONG.lastIndexOf(' ', 3900));
  const view = (r: MessageView['row'], more: Partial<MessageView> = {}): MessageView => ({ row: r, job, about: 'J-1001', addressee: CONTRACT.customer.name, contract: CONTRACT, subject: HOSTILE, text, redactions: [], autoSend: false, now: LATER, ...more });
  return [
    view(row('draft', { editedAt: AT }), { editedBy: 'Ana Lima', redactions: ['MRN'] }),
    view(row('sending', { attempts: 2, lastError: 'SMTP', nextAttemptAt: LATER }), { sentBy: 'Ana Lima' }),
    view(row('sending'), { autoSend: true }),
    view(row('sending', { attempts: 1, nextAttemptAt: LATER })),
    view(row('sent', { sentAt: LATER }), { sentBy: 'Ana Lima' }),
    view(row('sent', { sentAt: LATER })),
    view(row('failed', { attempts: 3, lastError: null })),
    view(row('failed', { attempts: 1, lastError: 'SMTP' })),
    view(row('discarded'), { discardedBy: 'Tom Berg' }),
    view(row('discarded')),
  ];
}

/** An SLA window's explanation with a deferred start, closures, pauses, a reopening and priority changes. */
function explained(window: 'response' | 'restore', more: Partial<WindowState['explanation']> = {}): WindowState['explanation'] {
  return {
    window,
    priority: 'P2',
    tier: 'P2',
    calendar: 'north',
    zone: 'UTC',
    alwaysOpen: false,
    targetMinutes: 240,
    reportedAt: AT,
    startedAt: AT,
    startDeferredFrom: AT,
    dueAt: LATER,
    closed: [{ start: AT, end: LATER }],
    closedMore: 3,
    pauses: [
      { status: 'waiting_customer', start: AT, end: LATER, businessMinutes: 90 },
      { status: 'waiting_parts', start: AT, end: null, businessMinutes: 30 },
    ],
    stops: [{ status: 'resolved', at: AT, resumedAt: LATER }],
    priorityChanges: [
      { at: AT, from: 'P2', to: 'P2', reason: HOSTILE, by: 'Ana Lima', applied: true },
      { at: AT, from: 'P2', to: 'P2', reason: HOSTILE, applied: false },
      { at: AT, from: 'P2', to: 'P2', by: 'Ana Lima', applied: true },
      { at: AT, from: 'P2', to: 'P2', applied: true },
    ],
    ...more,
  };
}

/** Jobs whose windows run, pause, are met, breached and cancelled, with alerts, acts and files. */
function jobViews(): JobView[] {
  const w = (window: 'response' | 'restore', more: Partial<WindowState> = {}, ex: Partial<WindowState['explanation']> = {}) => slaWindow(window, { tier: 'P2', explanation: explained(window, ex), ...more });
  const sla = (response: WindowState, restore: WindowState) => fixture<JobView['sla']>({ windows: { response, restore } });
  const files: JobFiles = {
    files: [
      { id: 1, fileName: 'photo.jpg', kind: 'photo', size: 512, at: AT, by: 'Ana Lima', step: 'Photo of unit' },
      { id: 2, fileName: 'photo.jpg', kind: 'signature', size: 4096, at: AT, signer: 'Tom Berg' },
      { id: 3, fileName: 'photo.jpg', kind: 'pdf', size: 3 * 1024 * 1024, at: AT },
    ],
    total: 9,
    signatures: many(5, () => ({ name: 'Tom Berg', role: 'manager', at: AT, step: 'Sign off' })),
  };
  const acts: JobView['acts'] = [
    { alertId: 1, act: 'escalate', personId: 1, by: 'Ana Lima', at: AT, detail: HOSTILE, messageId: null, window: 'response', level: '75%' },
    { alertId: 1, act: 'notify_customer', personId: null, at: AT, detail: null, messageId: 4, window: 'restore', level: 'breach', messageStatus: 'draft' },
    { alertId: 1, act: 'retired_act', personId: 1, by: 'Ana Lima', at: AT, detail: null, messageId: null, window: 'restore', level: '75%' },
  ];
  const base: JobView = {
    ref: 'J-1001',
    contract: fixture<Contract>({ ...CONTRACT, sites: [fixture<Contract['sites'][number]>({ id: 'PAR-HQ', name: 'Paris HQ' })] }),
    version: 2,
    siteId: 'PAR-HQ',
    priority: 'P2',
    status: 'waiting_customer',
    summary: 'Roof unit trips',
    reportedAt: AT,
    assignee: 'Ana Lima',
    sla: sla(w('response'), w('restore', { clock: 'paused', pausedBy: 'waiting_customer' })),
    zone: ZONE,
    eta: LATER,
    extra: many(14, (i) => ({ label: `${i} ${HOSTILE}`, value: i === 3 ? LONG : [{ bold: 'PM-ROOF' }, ' ', HOSTILE] })),
    warnings: [
      { window: 'response', level: '75%', at: LATER, fired: true },
      { window: 'restore', level: 'breach', at: null, fired: false },
    ],
    acts,
    files,
  };
  const breached = w('response', { breached: true, breachedAt: LATER, remainingMinutes: -90, outcome: 'breached', clock: 'stopped', stoppedAt: LATER, stoppedBy: 'on_site', breachedUnder: { priority: 'P1', targetMinutes: 60 } }, { alwaysOpen: true });
  return [
    base,
    { ...base, status: 'en_route', summary: LONG, assignee: undefined, eta: null, warnings: [], acts: [], files: undefined, extra: undefined, sla: sla(breached, w('restore', { breached: true, breachedAt: LATER, remainingMinutes: -30, dueAt: AT, clock: 'paused', pausedBy: 'waiting_parts' })) },
    {
      ...base,
      status: 'closed',
      sla: sla(w('response', { outcome: 'met', clock: 'stopped', stoppedAt: LATER, stoppedBy: 'on_site' }), w('restore', { outcome: 'met', clock: 'stopped', stoppedAt: LATER, remainingMinutes: 0, dueAt: null }, { pauses: [], stops: [], closed: [], priorityChanges: [], startDeferredFrom: undefined })),
    },
    { ...base, status: 'cancelled', sla: sla(w('response', { outcome: 'cancelled', clock: 'stopped', stoppedAt: LATER, stoppedBy: 'cancelled' }), w('restore', { clock: 'running', dueAt: null, remainingMinutes: 90 })) },
  ];
}

/** A closing report with lines past the card's limit, credits, a missing step, signatures and proof; and a bare one. */
function closingReports(): ClosingReport[] {
  const outcome = (window: 'response' | 'restore', more: Partial<ClosingReport['sla']['response']> = {}): ClosingReport['sla']['response'] => ({ window, priority: 'P2', targetMinutes: 240, elapsedMinutes: 150, outcome: 'met', breached: false, overMinutes: 0, dueAt: LATER, stoppedAt: LATER, calendar: 'north', text: HOSTILE, ...more });
  const line = (i: number): ClosingReport['lines'][number] => ({ kind: i % 7 === 6 ? 'credit' : 'labour', date: '2026-11-24', code: 'LAB', description: HOSTILE, quantity: 1.5, unit: i % 2 ? 'hour' : 'visit', unitPrice: 12000, amount: 18000, covered: i % 3 === 0, nominal: 18000, rule: 'LAB' });
  const tick = { done: true, at: AT, by: 'Ana Lima' };
  const full: ClosingReport = {
    generatedAt: LATER,
    zone: ZONE,
    contract: { id: 'ACME-HVAC', version: 2, customer: 'ACME Facilities', currency: 'EUR', locale: 'en-GB' },
    job: { ref: 'J-1001', summary: 'Roof unit trips', priority: 'P2', status: 'waiting_customer', site: { id: 'PAR-HQ', name: 'Paris HQ', address: HOSTILE, tier: 'P2' }, reportedAt: AT, resolvedAt: LATER, closedAt: LATER, assignee: 'Ana Lima', permit: 'FLT-200' },
    work: [],
    parts: [],
    lines: many(20, line),
    totals: { covered: 36000, billable: 123456, credits: -5000 },
    held: [],
    sla: { response: outcome('response', { breached: true, outcome: 'breached', overMinutes: 90 }), restore: outcome('restore') },
    checklists: [
      {
        code: 'PM-ROOF',
        name: 'Roof preventive maintenance',
        steps: [
          { number: 1, step: 'Isolate power', required: true, safety: true, ...tick },
          { number: 2, step: 'Leak current', required: true, safety: true, proofKind: 'reading', ...tick, proofText: HOSTILE },
          { number: 3, step: 'Check belts', required: false, safety: false, done: false },
        ],
      },
    ],
    missing: [fixture<ClosingReport['missing'][number]>({})],
    signatures: [{ code: 'PM-ROOF', step: 4, name: 'Tom Berg', role: 'manager', at: LATER, attachmentId: 3 }],
    attachments: [fixture<ClosingReport['attachments'][number]>({ id: 3, kind: 'photo', fileName: 'photo.jpg', contentType: 'image/jpeg' }), fixture<ClosingReport['attachments'][number]>({ id: 4, kind: 'photo', fileName: 'photo.jpg', contentType: 'application/pdf' })],
    messages: [fixture<ClosingReport['messages'][number]>({ id: 1 })],
    placeholders: fixture<ClosingReport['placeholders']>({}),
  };
  const bare: ClosingReport = { ...full, job: { ...full.job, site: { id: 'PAR-HQ', name: 'Paris HQ', address: '' }, resolvedAt: undefined, closedAt: undefined, assignee: undefined, permit: undefined }, lines: [], totals: { covered: 0, billable: 0, credits: 0 }, checklists: [], missing: [], signatures: [], attachments: [], messages: [], sla: { response: outcome('response', { outcome: 'cancelled' }), restore: outcome('restore', { outcome: 'pending', stoppedAt: undefined, dueAt: null }) } };
  return [full, bare];
}

/** A week with every KPI and change, and an empty week. */
function kpiReports(): KpiReport[] {
  const week = (label: string) => ({ label, weekYear: 2026, weekNumber: 47, zone: ZONE, from: '2026-11-16', to: '2026-11-22', start: AT, end: LATER });
  const r = (n: number, d: number) => ({ numerator: n, denominator: d, value: d ? n / d : null });
  const cut = (key: string) => ({ key, closed: 4, response: r(3, 4), restore: r(0, 0) });
  const kpis = (label: string): KpiReport['current'] => ({
    week: week(label),
    opened: 5,
    sla: { closed: 4, response: r(3, 4), restore: r(4, 4), byContract: many(3, () => cut('ACME-HVAC')), byTeam: [cut('north')], byPriority: [cut('P2')] },
    unbilled: { loggedMinutes: 600, unbilledMinutes: 90, share: r(90, 600), byContract: [{ contractId: 'ACME-HVAC', minutes: 90, reasons: [{ reason: { code: 'out-of-scope', task: 'DUCT-CLEAN' }, minutes: 30 }, { reason: { code: 'unknown-contract' }, minutes: 30 }, ...many(3, () => ({ reason: HOSTILE, minutes: 30 }))] }, { contractId: 'PETRA-OG', minutes: 30, reasons: [{ reason: { code: 'per-km', task: 'MILEAGE' }, minutes: 30 }, { reason: { code: 'not-in-contract', task: 'X-RAY' }, minutes: 30 }] }] },
    disputes: { rate: r(1, 20), raised: 2, accepted: 1, rejected: 1 },
    leadTime: { jobs: 3, medianHours: 26.5, p90Hours: 50 },
    credits: { byCurrency: [{ currency: 'EUR', sla: 12000, slaCount: 2, goodwill: 5000, goodwillCount: 1 }] },
    renewals: { rate: r(1, 2), contracts: [{ contractId: 'ACME-HVAC', end: '2026-12-31', ready: true }] },
    worst: [
      { ref: 'J-1001', contractId: 'ACME-HVAC', siteId: 'PAR-HQ', priority: 'P2', summary: HOSTILE, windows: ['response', 'restore'], lateMinutes: 90, open: true, credit: { amount: 12000, currency: 'EUR' } },
      { ref: 'J-1001', contractId: 'ACME-HVAC', siteId: 'PAR-HQ', priority: 'P2', summary: 'Roof unit trips', windows: ['restore'], lateMinutes: 30, open: false },
    ],
  });
  const change = (key: string, unit: KpiReport['changes'][number]['unit'], good: boolean | null, delta: number | null): KpiReport['changes'][number] => ({ key, label: key, current: 1, previous: 1, delta, unit, better: 'up', direction: delta === null ? null : delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat', good });
  const changes = [change('sla.response', 'pts', true, 5), change('sla.restore', 'pts', false, -5), change('jobs.closed', 'jobs', null, 0), change('disputes.rate', 'pts', false, 2), change('unbilled.hours', 'h', true, -1.5), change('leadTime.median', 'h', null, null), change('renewals.ready', 'pts', true, 50)];
  const full: KpiReport = { scope: { team: 'north', teamName: 'Paris HQ', zone: ZONE, contracts: ['ACME-HVAC'] }, at: LATER, partial: true, current: kpis('2026-W47'), previous: kpis('2026-W46'), changes, series: [] };
  const nothing = (label: string): KpiReport['current'] => ({
    ...kpis(label),
    opened: 0,
    sla: { closed: 0, response: r(0, 0), restore: r(0, 0), byContract: [], byTeam: [], byPriority: [] },
    unbilled: { loggedMinutes: 0, unbilledMinutes: 0, share: r(0, 0), byContract: [] },
    disputes: { rate: r(0, 0), raised: 0, accepted: 0, rejected: 0 },
    leadTime: { jobs: 0, medianHours: null, p90Hours: null },
    credits: { byCurrency: [] },
    renewals: { rate: r(0, 0), contracts: [] },
    worst: [],
  });
  const empty: KpiReport = { ...full, scope: { team: null, teamName: null, zone: ZONE, contracts: [] }, partial: false, current: nothing('2026-W47'), previous: nothing('2026-W46'), changes: [] };
  return [full, empty];
}

/** A pack with every fact, saves by someone and by the bot; and a pack of a term without invoices or saves. */
function renewalPacks(): RenewalPack[] {
  const r = (n: number, d: number) => ({ numerator: n, denominator: d, value: d ? n / d : null });
  const save = (actedBy: string | null, action: string): RenewalPack['highlights'][number] => ({ ref: 'J-1001', priority: 'P2', window: 'response', level: '75%', action, actedBy, actedAt: AT, dueAt: LATER, avoided: actedBy ? 12000 : null, marginMinutes: 90 });
  const full: RenewalPack = {
    contract: { id: 'ACME-HVAC', customer: 'ACME Facilities', currency: 'EUR', locale: 'en-GB', team: 'north', version: 2, term: fixture<Contract['term']>({ start: '2026-01-01', end: '2026-12-31', renewal: 'auto', noticeDays: 90 }), fee: 123456 },
    zone: ZONE,
    asOf: '2026-11-24',
    at: AT,
    span: { from: '2026-01-01', to: '2026-11-24' },
    packDate: '2026-12-01',
    noticeDeadline: '2026-10-02',
    daysToEnd: 37,
    sla: { closed: 4, response: r(3, 4), restore: r(4, 4), byPriority: [], months: [] },
    credits: { sla: 12000, slaCount: 2, goodwill: 5000, goodwillCount: 1, capped: 0 },
    value: { nominalCovered: 36000, feeBilled: 123456, billable: 18000, ratio: r(36000, 123456), loggedMinutes: 600, unbilledMinutes: 90 },
    prepaid: [{ hours: 20, codes: ['LAB', 'TRV'], from: '2026-01-01', until: '2026-12-31', usedMinutes: 150 }],
    disputes: { lines: 20, disputed: 2, open: 1, amount: 18000, accepted: 1, rejected: 0, credited: 5000 },
    highlights: [save('Ana Lima', 'escalate'), save(null, 'notify_customer'), save(null, 'retired_act')],
  };
  const bare: RenewalPack = { ...full, daysToEnd: 0, sla: { ...full.sla, closed: 0, response: r(0, 0), restore: r(0, 0) }, value: { ...full.value, feeBilled: 0, ratio: r(0, 0) } as RenewalPack['value'], prepaid: [], disputes: { lines: 0, disputed: 0, open: 0, amount: 0, accepted: 0, rejected: 0, credited: 0 }, highlights: [] };
  const missing: RenewalPack = { ...bare, daysToEnd: -3, value: { error: 'rating-failed', detail: HOSTILE } };
  return [full, bare, missing];
}

/** Every CardKind; `satisfies` makes a new kind a compile error here until an example exists. */
const KINDS = {
  help: 1,
  info: 1,
  error: 1,
  contract: 1,
  contracts: 1,
  job: 1,
  jobs: 1,
  alert: 1,
  approval: 1,
  time: 1,
  invoice: 1,
  usage: 1,
  checklist: 1,
  report: 1,
  message: 1,
  digest: 1,
  renewal: 1,
  audit: 1,
  home: 1,
} satisfies Record<CardKind, 1>;

export const ALL_CARD_KINDS = Object.keys(KINDS) as CardKind[];
