import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/rules/calendar.js';
import type { CalendarSpec, JobStatus, Priority } from '../../src/rules/contract-types.js';
import { computeSla, SlaError, slaWindowFor, type SlaEvent, type SlaInput } from '../../src/rules/sla.js';
import { explainText } from '../../src/jobs/sla-text.js';
import {
  acme,
  brightdesk,
  london,
  londonOffice,
  makeContract,
  northwind,
  ny,
  nyOffice,
  paris,
  parisOffice,
  show,
} from './sla-fixtures.js';

const P = show('Europe/Paris');
const N = show('America/New_York');
const L = show('Europe/London');

const status = (at: Date, s: JobStatus): SlaEvent => ({ at, kind: 'status', status: s });
const prio = (at: Date, priority: Priority, reason?: string): SlaEvent =>
  reason === undefined ? { at, kind: 'priority', priority } : { at, kind: 'priority', priority, reason };

function sla(input: Partial<SlaInput> & Pick<SlaInput, 'contract' | 'reportedAt'>) {
  return computeSla({
    siteId: input.contract.sites[0]!.id,
    priority: 'P2',
    events: [],
    now: input.reportedAt,
    ...input,
  });
}

describe('due instants on office calendars', () => {
  // 2026-11-23 is a Monday; Paris is UTC+1 in November.
  it('4h reported Mon 17:00 on 08–18 is due Tue 11:00, warned at Tue 10:00 (not at midnight)', () => {
    const s = sla({ contract: acme, reportedAt: paris('2026-11-23T17:00') });
    const r = s.windows.response;
    // Mon 17–18 = 1h, closed 18:00–08:00, Tue 08–11 = 3h -> due Tue 11:00.
    expect(P(r.startedAt)).toBe('2026-11-23 17:00');
    expect(P(r.dueAt)).toBe('2026-11-24 11:00');
    expect(r.clock).toBe('running');
    expect(r.outcome).toBe('pending');
    expect(r.remainingMinutes).toBe(240);
    expect(r.explanation.closed.map((c) => [P(c.start), P(c.end)])).toEqual([['2026-11-23 18:00', '2026-11-24 08:00']]);
    expect(r.explanation.startDeferredFrom).toBeUndefined();
    // 75% of 4h = 3h: Mon 17–18 (1h) + Tue 08–10 (2h) -> Tue 10:00. Restore 10h: 1h + Tue 08–17
    // (9h) -> Tue 17:00; 75% = 7h30: 1h + 6h30 -> Tue 14:30.
    expect(s.checkpoints.map((c) => [c.window, c.level, P(c.at)])).toEqual([
      ['response', 0.75, '2026-11-24 10:00'],
      ['response', 'breach', '2026-11-24 11:00'],
      ['restore', 0.75, '2026-11-24 14:30'],
      ['restore', 'breach', '2026-11-24 17:00'],
    ]);
    expect(P(s.windows.restore.dueAt)).toBe('2026-11-24 17:00');
    expect(P(s.nextCheckAt)).toBe('2026-11-24 10:00');
  });

  it('moves nextCheckAt past checkpoints that are already behind now, and breaches at due', () => {
    // At Tue 10:30: elapsed 1h + 2h30 = 3h30, 30m left; next is the breach at 11:00.
    const a = sla({ contract: acme, reportedAt: paris('2026-11-23T17:00'), now: paris('2026-11-24T10:30') });
    expect(a.windows.response.elapsedMinutes).toBe(210);
    expect(a.windows.response.remainingMinutes).toBe(30);
    expect(P(a.nextCheckAt)).toBe('2026-11-24 11:00');
    // At Tue 11:30: 30m over, breached at 11:00, still running; next is the restore warning.
    const b = sla({ contract: acme, reportedAt: paris('2026-11-23T17:00'), now: paris('2026-11-24T11:30') });
    expect(b.windows.response.breached).toBe(true);
    expect(b.windows.response.outcome).toBe('breached');
    expect(b.windows.response.clock).toBe('running');
    expect(P(b.windows.response.breachedAt)).toBe('2026-11-24 11:00');
    expect(b.windows.response.remainingMinutes).toBe(-30);
    expect(P(b.nextCheckAt)).toBe('2026-11-24 14:30');
  });

  it('9–17 with a 12h target reported 10:00 the day before Thanksgiving is due Fri 14:00', () => {
    // Wed 2026-11-25 10–17 = 7h; Thu 26 is a US public holiday; Fri 27 09:00 + 5h = 14:00.
    const s = sla({ contract: brightdesk, reportedAt: ny('2026-11-25T10:00') });
    const r = s.windows.restore;
    expect(r.targetMinutes).toBe(720);
    expect(N(r.dueAt)).toBe('2026-11-27 14:00');
    // One closure covers the evening, the holiday and the night: Wed 17:00 to Fri 09:00.
    expect(r.explanation.closed.map((c) => [N(c.start), N(c.end)])).toEqual([['2026-11-25 17:00', '2026-11-27 09:00']]);
    // 75% of 12h = 9h: 7h Wed + 2h Fri -> Fri 11:00. Response 4h -> Wed 14:00.
    expect(s.checkpoints.filter((c) => c.window === 'restore').map((c) => N(c.at))).toEqual(['2026-11-27 11:00', '2026-11-27 14:00']);
    expect(N(s.windows.response.dueAt)).toBe('2026-11-25 14:00');
  });

  it('a job reported on a holiday starts at the next open minute', () => {
    // Thanksgiving Thu 10:00 -> clock starts Fri 09:00; 4h -> Fri 13:00. Restore 12h: Fri 09–17
    // (8h), weekend closed, Mon 30 09:00 + 4h -> 13:00.
    const s = sla({ contract: brightdesk, reportedAt: ny('2026-11-26T10:00') });
    expect(N(s.windows.response.startedAt)).toBe('2026-11-27 09:00');
    expect(N(s.windows.response.explanation.startDeferredFrom)).toBe('2026-11-26 10:00');
    expect(N(s.windows.response.dueAt)).toBe('2026-11-27 13:00');
    expect(N(s.windows.restore.dueAt)).toBe('2026-11-30 13:00');
    expect(s.windows.response.elapsedMinutes).toBe(0);
  });

  it('a job reported on a weekend or a French public holiday starts at the next opening', () => {
    // Sat 2026-11-28 10:00 -> Mon 30 08:00; 4h -> 12:00.
    const sat = sla({ contract: acme, reportedAt: paris('2026-11-28T10:00'), now: paris('2026-11-29T12:00') });
    expect(P(sat.windows.response.startedAt)).toBe('2026-11-30 08:00');
    expect(P(sat.windows.response.dueAt)).toBe('2026-11-30 12:00');
    expect(sat.windows.response.elapsedMinutes).toBe(0);
    expect(P(sat.nextCheckAt)).toBe('2026-11-30 11:00');
    // Wed 2026-11-11 (Armistice) 09:00 -> Thu 12 08:00; 4h -> 12:00.
    const armistice = sla({ contract: acme, reportedAt: paris('2026-11-11T09:00') });
    expect(P(armistice.windows.response.startedAt)).toBe('2026-11-12 08:00');
    expect(P(armistice.windows.response.dueAt)).toBe('2026-11-12 12:00');
  });

  it('a 24x7 window ignores office hours and weekends', () => {
    // ACME P1 runs on `always`: Sat 03:00 + 1h = Sat 04:00; restore 4h -> 07:00.
    const s = sla({ contract: acme, priority: 'P1', reportedAt: paris('2026-11-28T03:00') });
    const r = s.windows.response;
    expect(r.calendar).toBe('always');
    expect(r.explanation.alwaysOpen).toBe(true);
    expect(P(r.startedAt)).toBe('2026-11-28 03:00');
    expect(P(r.dueAt)).toBe('2026-11-28 04:00');
    expect(P(s.windows.restore.dueAt)).toBe('2026-11-28 07:00');
    expect(r.explanation.closed).toEqual([]);
  });
});

describe('tiers', () => {
  it('NORTHWIND gold and bronze sites get different windows for the same priority', () => {
    // Gold P1: 15m response on 24x7, from Sat 22:00 London (UTC+0) -> 22:15; 70% = 10m30s.
    const gold = computeSla({ contract: northwind, siteId: 'LDN-CORE', priority: 'P1', reportedAt: london('2026-11-28T22:00'), events: [], now: london('2026-11-28T22:00') });
    expect(gold.windows.response.tier).toBe('gold');
    expect(gold.windows.response.targetMinutes).toBe(15);
    expect(L(gold.windows.response.dueAt)).toBe('2026-11-28 22:15');
    expect(L(gold.windows.restore.dueAt)).toBe('2026-11-29 00:00');
    expect(L(gold.nextCheckAt)).toBe('2026-11-28 22:10:30');
    // Bronze P1: 1h response on 24x7 -> 23:00.
    const bronzeP1 = computeSla({ contract: northwind, siteId: 'lds-edge', priority: 'P1', reportedAt: london('2026-11-28T22:00'), events: [], now: london('2026-11-28T22:00') });
    expect(bronzeP1.windows.response.tier).toBe('bronze');
    expect(L(bronzeP1.windows.response.dueAt)).toBe('2026-11-28 23:00');
  });

  it('bronze P3 runs on the office calendar with Saturday mornings', () => {
    // 16h from Fri 2026-11-27 17:00: Fri 17–18 (1h), Sat 09–13 (4h), Mon 08–18 (10h), Tue 08–09
    // (1h) -> Tue 09:00. 70% = 11h12m: 5h by Saturday, Mon 08:00 + 6h12m -> Mon 14:12.
    const s = computeSla({ contract: northwind, siteId: 'LDS-EDGE', priority: 'P3', reportedAt: london('2026-11-27T17:00'), events: [], now: london('2026-11-27T17:00') });
    expect(L(s.windows.response.dueAt)).toBe('2026-12-01 09:00');
    expect(s.checkpoints.filter((c) => c.window === 'response').map((c) => L(c.at))).toEqual(['2026-11-30 14:12', '2026-12-01 09:00']);
    expect(s.windows.response.explanation.closed.map((c) => [L(c.start), L(c.end)])).toEqual([
      ['2026-11-27 18:00', '2026-11-28 09:00'],
      ['2026-11-28 13:00', '2026-11-30 08:00'],
      ['2026-11-30 18:00', '2026-12-01 08:00'],
    ]);
  });

  it('throws a typed error for a priority without a window', () => {
    const noP5 = () => computeSla({ contract: acme, siteId: 'PAR-HQ', priority: 'P5' as Priority, reportedAt: paris('2026-11-23T09:00'), events: [], now: paris('2026-11-23T09:00') });
    expect(noP5).toThrow(SlaError);
    expect(noP5).toThrow('ACME-HVAC has no SLA for P5');
    try {
      noP5();
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid', reason: 'no_window', details: ['Priorities with an SLA: P1, P2, P3, P4'] });
    }
    expect(() => slaWindowFor(northwind, 'LDN-CORE', 'P4')).toThrow('NORTHWIND-TEL has no SLA for P4 at gold sites');
    expect(() => slaWindowFor(brightdesk, 'BD-NYC', 'P4')).toThrow('BRIGHTDESK-IT has no SLA for P4');
    // A change to a priority without a window is as wrong as reporting with one.
    expect(() =>
      sla({ contract: brightdesk, reportedAt: ny('2026-11-23T10:00'), events: [prio(ny('2026-11-23T11:00'), 'P4')], now: ny('2026-11-23T12:00') }),
    ).toThrow('BRIGHTDESK-IT has no SLA for P4');
    expect(() => slaWindowFor(acme, 'NOPE', 'P1')).toThrow(expect.objectContaining({ code: 'not_found', reason: 'unknown_site' }));
  });
});

describe('pauses and stops', () => {
  it('a pause over a weekend costs each business minute once', () => {
    // Reported Fri 2026-11-27 16:00; waiting_parts Fri 17:00 until Mon 30 10:00; now Mon 12:00.
    // Running: Fri 16–17 (1h) + Mon 10–12 (2h) = 3h. Paused business time: Fri 17–18 (1h) +
    // Mon 08–10 (2h) = 3h; the weekend is closed anyway and counts as neither.
    const s = sla({
      contract: acme,
      reportedAt: paris('2026-11-27T16:00'),
      events: [status(paris('2026-11-27T17:00'), 'waiting_parts'), status(paris('2026-11-30T10:00'), 'assigned')],
      now: paris('2026-11-30T12:00'),
    });
    const r = s.windows.response;
    expect(r.elapsedMinutes).toBe(180);
    expect(r.pausedMinutes).toBe(180);
    // 1h left from Mon 12:00 -> 13:00.
    expect(P(r.dueAt)).toBe('2026-11-30 13:00');
    expect(r.explanation.pauses.map((p) => [p.status, P(p.start), P(p.end), p.businessMinutes])).toEqual([
      ['waiting_parts', '2026-11-27 17:00', '2026-11-30 10:00', 180],
    ]);
    // Restore 10h: 3h used, 7h left: Mon 12–18 (6h) + Tue 08–09 (1h) -> Tue 09:00.
    expect(P(s.windows.restore.dueAt)).toBe('2026-12-01 09:00');
  });

  it('a paused window has no due instant and no checkpoints', () => {
    const s = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T10:00'), 'waiting_customer')],
      now: paris('2026-11-23T15:00'),
    });
    expect(s.windows.response.clock).toBe('paused');
    expect(s.windows.response.pausedBy).toBe('waiting_customer');
    expect(s.windows.response.dueAt).toBeNull();
    expect(s.windows.response.remainingMinutes).toBe(180);
    expect(s.windows.response.explanation.pauses[0]!.end).toBeNull();
    expect(s.checkpoints).toEqual([]);
    expect(s.nextCheckAt).toBeNull();
  });

  it('pause then resolve in one step stops the clock at the resolve without counting the pause', () => {
    // Mon 09:00 report, waiting_customer 10:00, resolved 15:00 straight from the pause.
    // Elapsed = 09–10 = 1h (the 5h pause is not counted; counted, response would be 6h > 4h).
    const s = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T10:00'), 'waiting_customer'), status(paris('2026-11-23T15:00'), 'resolved')],
      now: paris('2026-11-23T16:00'),
    });
    for (const r of [s.windows.response, s.windows.restore]) {
      expect(r.clock).toBe('stopped');
      expect(r.outcome).toBe('met');
      expect(r.breached).toBe(false);
      expect(r.elapsedMinutes).toBe(60);
      expect(r.pausedMinutes).toBe(300);
      expect(P(r.stoppedAt)).toBe('2026-11-23 15:00');
      expect(r.stoppedBy).toBe('resolved');
    }
    expect(s.nextCheckAt).toBeNull();
  });

  it('reopen continues the restore clock from where it stopped', () => {
    // Mon 09:00 report, en_route 10:00, on_site 11:00, resolved 15:00 (restore used 6h),
    // reopened Tue 09:00, now Tue 10:00 -> 7h used; the Mon 15–18 and Tue 08–09 gap is not
    // counted (counted, it would be 11h: a breach of the 10h target).
    const s = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [
        status(paris('2026-11-23T10:00'), 'en_route'),
        status(paris('2026-11-23T11:00'), 'on_site'),
        status(paris('2026-11-23T15:00'), 'resolved'),
        status(paris('2026-11-24T09:00'), 'reopened'),
      ],
      now: paris('2026-11-24T10:00'),
    });
    const resp = s.windows.response;
    expect(resp.outcome).toBe('met');
    expect(resp.stoppedBy).toBe('en_route');
    expect(resp.elapsedMinutes).toBe(60);
    const rest = s.windows.restore;
    expect(rest.clock).toBe('running');
    expect(rest.elapsedMinutes).toBe(420);
    // 3h left from Tue 10:00 -> 13:00; warning at 7h30 -> Tue 10:30.
    expect(P(rest.dueAt)).toBe('2026-11-24 13:00');
    expect(P(s.nextCheckAt)).toBe('2026-11-24 10:30');
    expect(rest.explanation.stops.map((x) => [x.status, P(x.at), P(x.resumedAt)])).toEqual([['resolved', '2026-11-23 15:00', '2026-11-24 09:00']]);
  });

  it('cancel stops both windows; not a breach unless already breached', () => {
    const early = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T10:00'), 'cancelled')],
      now: paris('2026-11-24T10:00'),
    });
    expect(early.windows.response.outcome).toBe('cancelled');
    expect(early.windows.restore.outcome).toBe('cancelled');
    expect(early.windows.response.breached).toBe(false);
    // Response due 13:00; cancelled 14:00 -> breached at 13:00 and stays so.
    const late = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T14:00'), 'cancelled')],
      now: paris('2026-11-24T10:00'),
    });
    expect(late.windows.response.outcome).toBe('breached');
    expect(P(late.windows.response.breachedAt)).toBe('2026-11-23 13:00');
    expect(late.windows.restore.outcome).toBe('cancelled');
  });
});

describe('priority changes', () => {
  it('a change while paused retargets from the report time and stays paused', () => {
    // P3 reported Mon 09:00, waiting_customer 11:00, raised to P2 at 12:00; now 13:00.
    // Response under P2: 4h target, 2h used (09–11), 2h left, paused -> no due instant.
    const events = [status(paris('2026-11-23T11:00'), 'waiting_customer'), prio(paris('2026-11-23T12:00'), 'P2', 'line down')];
    const s = sla({ contract: acme, priority: 'P3', reportedAt: paris('2026-11-23T09:00'), events, now: paris('2026-11-23T13:00') });
    const r = s.windows.response;
    expect(r.priority).toBe('P2');
    expect(r.targetMinutes).toBe(240);
    expect(r.clock).toBe('paused');
    expect(r.dueAt).toBeNull();
    expect(r.elapsedMinutes).toBe(120);
    expect(r.remainingMinutes).toBe(120);
    expect(r.pausedMinutes).toBe(120);
    expect(r.explanation.pauses).toHaveLength(1);
    expect(r.explanation.priorityChanges).toEqual([{ at: paris('2026-11-23T12:00'), from: 'P3', to: 'P2', reason: 'line down', applied: true }]);
    expect(s.nextCheckAt).toBeNull();
    // Resumed at 14:00, now 14:30: 2h30 used, due 16:00, warning (3h) at 15:00. Restore P2 10h:
    // 7h30 left from 14:30 = Mon 14:30–18:00 (3h30) + Tue 08–12 (4h) -> Tue 12:00.
    const later = sla({
      contract: acme,
      priority: 'P3',
      reportedAt: paris('2026-11-23T09:00'),
      events: [...events, status(paris('2026-11-23T14:00'), 'assigned')],
      now: paris('2026-11-23T14:30'),
    });
    expect(P(later.windows.response.dueAt)).toBe('2026-11-23 16:00');
    expect(P(later.nextCheckAt)).toBe('2026-11-23 15:00');
    expect(later.windows.response.pausedMinutes).toBe(180);
    expect(P(later.windows.restore.dueAt)).toBe('2026-11-24 12:00');
  });

  it('an upgrade that finds the new target used up breaches at the change, even while paused', () => {
    // P3 reported Mon 09:00 on office hours, paused 11:00, raised to P1 at 12:00. P1 response is
    // 1h on 24x7: 09–11 = 2h > 1h -> breached at the change instant 12:00 (not retroactively at 10:00).
    const s = sla({
      contract: acme,
      priority: 'P3',
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T11:00'), 'waiting_customer'), prio(paris('2026-11-23T12:00'), 'P1')],
      now: paris('2026-11-23T12:30'),
    });
    const r = s.windows.response;
    expect(r.calendar).toBe('always');
    expect(r.breached).toBe(true);
    expect(P(r.breachedAt)).toBe('2026-11-23 12:00');
    expect(r.breachedUnder).toEqual({ priority: 'P1', targetMinutes: 60 });
    expect(r.clock).toBe('paused');
    expect(s.windows.restore.breached).toBe(false);
  });

  it('a change after the response stopped leaves response judged under the old priority', () => {
    // P3 en_route Mon 14:00 (5h of 8h: met); raised to P1 at 15:00. Response stays P3 and met;
    // restore is re-judged as P1 (4h on 24x7): 09:00–15:00 = 6h > 4h -> breached at 15:00.
    const s = sla({
      contract: acme,
      priority: 'P3',
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T14:00'), 'en_route'), prio(paris('2026-11-23T15:00'), 'P1')],
      now: paris('2026-11-23T16:00'),
    });
    expect(s.windows.response.priority).toBe('P3');
    expect(s.windows.response.outcome).toBe('met');
    expect(s.windows.response.explanation.priorityChanges[0]!.applied).toBe(false);
    expect(s.windows.restore.priority).toBe('P1');
    expect(P(s.windows.restore.breachedAt)).toBe('2026-11-23 15:00');
  });
});

describe('breach is sticky', () => {
  it('a late resolve stays a breach', () => {
    // P2 Mon 09:00, response due 13:00, en_route 14:00 -> breached at 13:00, 1h over.
    const s = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T14:00'), 'en_route'), status(paris('2026-11-23T15:00'), 'resolved')],
      now: paris('2026-11-23T16:00'),
    });
    const r = s.windows.response;
    expect(r.outcome).toBe('breached');
    expect(r.clock).toBe('stopped');
    expect(P(r.breachedAt)).toBe('2026-11-23 13:00');
    expect(P(r.stoppedAt)).toBe('2026-11-23 14:00');
    expect(r.remainingMinutes).toBe(-60);
    expect(s.windows.restore.outcome).toBe('met');
  });

  it('a later downgrade to a looser target does not undo it', () => {
    // P2 Mon 09:00, breached 13:00, lowered to P3 at 14:00; now 15:00. Under P3 (8h) only 6h are
    // used, but the breach stands; P3's 75% warning (15:00) is after the breach and is dropped.
    const s = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [prio(paris('2026-11-23T14:00'), 'P3', 'customer agrees')],
      now: paris('2026-11-23T15:00'),
    });
    const r = s.windows.response;
    expect(r.priority).toBe('P3');
    expect(r.targetMinutes).toBe(480);
    expect(r.remainingMinutes).toBe(120);
    expect(r.breached).toBe(true);
    expect(P(r.breachedAt)).toBe('2026-11-23 13:00');
    expect(r.breachedUnder).toEqual({ priority: 'P2', targetMinutes: 240 });
    expect(s.checkpoints.filter((c) => c.window === 'response').map((c) => [c.level, P(c.at)])).toEqual([['breach', '2026-11-23 13:00']]);
    // Restore P3 30h: 6h used by 15:00; warning at 22h30 = Mon 09–18 (9h) + Tue (10h) + Wed 08:00 +
    // 3h30 -> Wed 11:30.
    expect(P(s.nextCheckAt)).toBe('2026-11-25 11:30');
  });

  it('due at closing time and answered before the next opening is met; after it, breached at the opening', () => {
    // P2 Mon 14:00: 4h -> due Mon 18:00 (closing). Breach means more than 4h of open time, which
    // can only happen from Tue 08:00.
    const running = sla({ contract: acme, reportedAt: paris('2026-11-23T14:00') });
    expect(P(running.windows.response.dueAt)).toBe('2026-11-23 18:00');
    expect(running.checkpoints.filter((c) => c.window === 'response').map((c) => [c.level, P(c.at)])).toEqual([
      [0.75, '2026-11-23 17:00'],
      ['breach', '2026-11-24 08:00'],
    ]);
    const early = sla({ contract: acme, reportedAt: paris('2026-11-23T14:00'), events: [status(paris('2026-11-24T07:30'), 'en_route')], now: paris('2026-11-24T09:00') });
    expect(early.windows.response.outcome).toBe('met');
    expect(early.windows.response.elapsedMinutes).toBe(240);
    const late = sla({ contract: acme, reportedAt: paris('2026-11-23T14:00'), events: [status(paris('2026-11-24T08:30'), 'en_route')], now: paris('2026-11-24T09:00') });
    expect(late.windows.response.outcome).toBe('breached');
    expect(P(late.windows.response.breachedAt)).toBe('2026-11-24 08:00');
    expect(late.windows.response.elapsedMinutes).toBe(270);
  });
});

describe('explainText', () => {
  // P2 Mon 17:00, waiting_customer Tue 09:00–10:20, now Tue 10:30: 1h + 1h + 10m = 2h10 used,
  // 1h50 left from 10:30 -> due Tue 12:20 Paris (06:20 in New York, 6h behind in November).
  const s = sla({
    contract: acme,
    reportedAt: paris('2026-11-23T17:00'),
    events: [status(paris('2026-11-24T09:00'), 'waiting_customer'), status(paris('2026-11-24T10:20'), 'assigned')],
    now: paris('2026-11-24T10:30'),
  });

  it('renders in the site zone', () => {
    expect(P(s.windows.response.dueAt)).toBe('2026-11-24 12:20');
    expect(explainText(s.windows.response, 'Europe/Paris')).toBe(
      'Response P2: due Tue 12:20 CET: 4h of office hours from Mon 17:00; closed Mon 18:00 to Tue 08:00; ' +
        'paused 1h20m (waiting for customer Tue 09:00–10:20)',
    );
  });

  it('renders in a viewer zone different from the site zone', () => {
    expect(explainText(s.windows.response, 'America/New_York')).toBe(
      'Response P2: due Tue 06:20 EST: 4h of office hours from Mon 11:00; closed Mon 12:00 to Tue 02:00; ' +
        'paused 1h20m (waiting for customer Tue 03:00–04:20); office hours are Europe/Paris time',
    );
  });

  it('says when the start was deferred, when a window breached and how priority changed', () => {
    const sat = sla({ contract: acme, reportedAt: paris('2026-11-28T10:00') });
    expect(explainText(sat.windows.response, 'Europe/Paris')).toBe(
      'Response P2: due Mon 12:00 CET: 4h of office hours from Mon 08:00 (reported Sat 10:00, outside office hours)',
    );
    const down = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [prio(paris('2026-11-23T14:00'), 'P3', 'customer agrees')],
      now: paris('2026-11-23T15:00'),
    });
    expect(explainText(down.windows.response, 'Europe/Paris')).toBe(
      'Response P3: breached Mon 13:00 CET under P2 (4h): 8h of office hours from Mon 09:00; priority P2→P3 Mon 14:00 (customer agrees)',
    );
    const met = sla({ contract: acme, reportedAt: paris('2026-11-23T09:00'), events: [status(paris('2026-11-23T10:30'), 'en_route')], now: paris('2026-11-23T11:00') });
    expect(explainText(met.windows.response, 'Europe/London')).toBe(
      'Response P2: met (en route) Mon 09:30 GMT after 1h30m, 2h30m before its due time Mon 12:00: 4h of office hours from Mon 08:00; office hours are Europe/Paris time',
    );
  });

  it('a met window keeps the due time it had when its clock stopped', () => {
    // P2 reported Mon 09:00 Paris, 4h response due 13:00; en route 10:45: met 2h15m early.
    const s = sla({ contract: acme, reportedAt: paris('2026-11-23T09:00'), events: [status(paris('2026-11-23T10:45'), 'en_route')], now: paris('2026-11-23T16:00') });
    const r = s.windows.response;
    expect(r.outcome).toBe('met');
    expect(P(r.dueAt)).toBe('2026-11-23 13:00');
    expect(r.remainingMinutes).toBe(135);
    expect(explainText(r, 'Europe/Paris')).toMatch(/^Response P2: met \(en route\) Mon 10:45 CET after 1h45m, 2h15m before its due time Mon 13:00:/);
  });

  it('a window that stops while paused has no due time and says what was left', () => {
    // P2 reported Mon 09:00 Paris (restore 10h of office hours), waiting for the customer from
    // 10:00, resolved 11:00 without the clock resuming: 1h used, 9h left, no due time.
    const s = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T10:00'), 'waiting_customer'), status(paris('2026-11-23T11:00'), 'resolved')],
      now: paris('2026-11-23T12:00'),
    });
    const w = s.windows.restore;
    expect(w.outcome).toBe('met');
    expect(w.dueAt).toBeNull();
    expect(w.remainingMinutes).toBe(540);
    expect(explainText(w, 'Europe/Paris')).toContain('met (resolved) Mon 11:00 CET after 1h, stopped while paused with 9h left');
  });

  it('caps the closure list and shows dates for windows longer than a week', () => {
    // P4 restore 80h from Mon 23 Nov 08:00 = eight 10h days: Mon 23–Fri 27, Mon 30, Tue 1, Wed 2
    // -> due Wed 2 Dec 18:00, with 7 overnight/weekend closures: 5 listed and 2 counted.
    const s4 = sla({ contract: acme, priority: 'P4', reportedAt: paris('2026-11-23T08:00') });
    const r = s4.windows.restore;
    expect(P(r.dueAt)).toBe('2026-12-02 18:00');
    expect(r.explanation.closed).toHaveLength(5);
    expect(r.explanation.closedMore).toBe(2);
    expect(explainText(r, 'Europe/Paris')).toBe(
      'Restore P4: due Wed 2 Dec 18:00 CET: 80h of office hours from Mon 23 Nov 08:00; closed Mon 23 Nov 18:00 to Tue 24 Nov 08:00, ' +
        'Tue 24 Nov 18:00 to Wed 25 Nov 08:00, Wed 25 Nov 18:00 to Thu 26 Nov 08:00, Thu 26 Nov 18:00 to Fri 27 Nov 08:00, ' +
        'Fri 27 Nov 18:00 to Mon 30 Nov 08:00 and 2 more',
    );
  });

  it('tells a reopened restore clock apart from a pause', () => {
    const s5 = sla({
      contract: acme,
      reportedAt: paris('2026-11-23T09:00'),
      events: [status(paris('2026-11-23T15:00'), 'resolved'), status(paris('2026-11-24T09:00'), 'reopened')],
      now: paris('2026-11-24T10:00'),
    });
    expect(explainText(s5.windows.restore, 'Europe/Paris')).toBe(
      'Restore P2: due Tue 13:00 CET: 10h of office hours from Mon 09:00; closed Mon 18:00 to Tue 08:00; resolved Mon 15:00, reopened Tue 09:00 (gap not counted)',
    );
  });

  it('reads in French for a French reader: French words, weekdays and durations', () => {
    // French writes a no-break space inside "4 h" and "1 h 20".
    const fr = (w: Parameters<typeof explainText>[0]) => explainText(w, 'Europe/Paris', 'fr').replace(/[\u00a0\u202f]/g, ' ');
    expect(fr(s.windows.response)).toBe(
      'Intervention P2 : échéance mar. 12:20 CET : 4 h d’heures « office » à partir de lun. 17:00 ; fermé de lun. 18:00 à mar. 08:00 ; ' +
        'suspendu 1 h 20 (en attente du client mar. 09:00–10:20)',
    );
    const met = sla({ contract: acme, reportedAt: paris('2026-11-23T09:00'), events: [status(paris('2026-11-23T10:45'), 'en_route')], now: paris('2026-11-23T16:00') });
    expect(fr(met.windows.response)).toMatch(
      /^Intervention P2 : tenu \(en route\) lun\. 10:45 CET après 1 h 45, 2 h 15 avant son échéance lun\. 13:00 :/,
    );
    const s4 = sla({ contract: acme, priority: 'P4', reportedAt: paris('2026-11-23T08:00') });
    expect(fr(s4.windows.restore)).toContain('de ven. 27 nov. 18:00 à lun. 30 nov. 08:00');
    expect(fr(s4.windows.restore)).toMatch(/ et 2 autres fois$/);
  });

  it('falls back to the calendar zone for an unknown viewer zone', () => {
    expect(explainText(s.windows.response, 'Mars/Olympus')).toContain('due Tue 12:20 CET');
  });
});

describe('properties', () => {
  const calendars: (CalendarSpec | '24x7')[] = [parisOffice, nyOffice, londonOffice, '24x7'];
  const contractFor = (cal: CalendarSpec | '24x7', response: number, restore: number) =>
    makeContract({
      id: 'PROP',
      calendars: { c: cal },
      sites: [{ id: 'S', name: 'S', address: 'A', calendar: 'c' }],
      sla: { warnAt: [0.5, 0.8], priorities: { P2: { response, restore, calendar: 'c' } } },
    });
  const MIN = 60_000;
  const base = Date.parse('2026-01-05T00:00:00Z');

  it('adding a pause never makes a window due earlier, and due − start ≥ target', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.integer({ min: 1, max: 48 * 60 }),
        fc.integer({ min: 1, max: 120 * 60 }),
        fc.integer({ min: 0, max: 340 * 24 * 60 }), // report, minutes after base (spans DST changes)
        fc.integer({ min: 0, max: 59 }), // report seconds
        fc.integer({ min: 0, max: 5 * 24 * 60 }), // pause starts after report
        fc.integer({ min: 1, max: 4 * 24 * 60 }), // pause length
        fc.integer({ min: 0, max: 2 * 24 * 60 }), // now after the pause ends
        fc.constantFrom('waiting_customer' as const, 'waiting_parts' as const),
        (cal, response, restore, rep, sec, pauseAt, pauseLen, after, st) => {
          const contract = contractFor(cal, response, restore);
          contract.sla.pauseOn = { response: [st], restore: [st] };
          const reportedAt = new Date(base + rep * MIN + sec * 1000);
          const a = new Date(reportedAt.getTime() + pauseAt * MIN);
          const b = new Date(a.getTime() + pauseLen * MIN);
          const now = new Date(b.getTime() + after * MIN);
          const input = { contract, siteId: 'S', priority: 'P2' as const, reportedAt, now };
          const plain = computeSla({ ...input, events: [] });
          const paused = computeSla({ ...input, events: [status(a, st), status(b, 'assigned')] });
          const calendar = compileCalendar(cal);
          for (const name of ['response', 'restore'] as const) {
            const p0 = plain.windows[name];
            // Without events the window is the calendar's own arithmetic.
            expect(p0.dueAt).toEqual(calendar.addBusinessMinutes(reportedAt, p0.targetMinutes));
            expect(p0.elapsedMinutes).toBeCloseTo(calendar.businessMinutesBetween(reportedAt, now), 6);
            const p1 = paused.windows[name];
            expect(p0.dueAt).not.toBeNull();
            expect(p1.dueAt).not.toBeNull();
            expect(p1.dueAt!.getTime()).toBeGreaterThanOrEqual(p0.dueAt!.getTime());
            for (const w of [p0, p1]) expect(w.dueAt!.getTime() - w.startedAt.getTime()).toBeGreaterThanOrEqual(w.targetMinutes * MIN);
            // Business time is either counted or paused, never both, never lost.
            expect(p1.elapsedMinutes + p1.pausedMinutes).toBeCloseTo(p0.elapsedMinutes, 6);
            // A pause can only delay a breach.
            if (p1.breached) expect(p1.breachedAt!.getTime()).toBeGreaterThanOrEqual(p0.breachedAt!.getTime());
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
