/**
 * A dispatcher's queue order: which of a job's SLA windows will breach first and how long is
 * left, from the due instants and states the job row already carries. Breached jobs come first
 * (the longest overdue on top), then running clocks by due instant, then jobs whose clocks are all
 * paused. Pure: `now` is passed in.
 */
import type { WindowName } from './contract-types.js';

export interface RiskInput {
  responseDueAt: Date | null;
  restoreDueAt: Date | null;
  /** running | paused | stopped | met | breached | cancelled (jobs.response_state) */
  responseState: string;
  restoreState: string;
  responseBreached: boolean;
  restoreBreached: boolean;
}

export interface Risk {
  /** the window that breaches (or breached) first; null when no clock runs */
  window: WindowName | null;
  dueAt: Date | null;
  /** wall-clock minutes to the due instant; negative once over */
  leftMinutes: number | null;
  breached: boolean;
  /** every running clock is paused (waiting on the customer, a permit) */
  paused: boolean;
}

const WINDOWS: WindowName[] = ['response', 'restore'];

export function jobRisk(j: RiskInput, now: Date): Risk {
  const due = (w: WindowName) => (w === 'response' ? j.responseDueAt : j.restoreDueAt);
  const state = (w: WindowName) => (w === 'response' ? j.responseState : j.restoreState);
  const breached = (w: WindowName) => (w === 'response' ? j.responseBreached : j.restoreBreached) || state(w) === 'breached';
  const minutes = (d: Date) => Math.round((d.getTime() - now.getTime()) / 60_000);
  // A breach stays on the job until it closes: the dispatcher owes the customer an answer for it.
  const over = WINDOWS.filter((w) => breached(w) && due(w));
  const pick = (ws: WindowName[]) => ws.sort((a, b) => due(a)!.getTime() - due(b)!.getTime())[0];
  const b = pick(over);
  if (b) return { window: b, dueAt: due(b), leftMinutes: minutes(due(b)!), breached: true, paused: false };
  const running = WINDOWS.filter((w) => state(w) === 'running' && due(w));
  const r = pick(running);
  if (r) return { window: r, dueAt: due(r), leftMinutes: minutes(due(r)!), breached: false, paused: false };
  const anyBreach = WINDOWS.find((w) => breached(w));
  return { window: anyBreach ?? null, dueAt: null, leftMinutes: null, breached: anyBreach !== undefined, paused: WINDOWS.some((w) => state(w) === 'paused') };
}

/** Soonest breach first: breached (longest overdue first), running by due instant, paused, no clock. */
export function compareRisk(a: Risk, b: Risk): number {
  const rank = (r: Risk) => (r.breached ? 0 : r.dueAt ? 1 : r.paused ? 2 : 3);
  return rank(a) - rank(b) || (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0);
}
