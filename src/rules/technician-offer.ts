/**
 * Which technicians to offer for a job, in which order, and why: the skills the contract asks of
 * the job's task code (held and not expired on the day), then availability (on shift, on call,
 * off), then load (open jobs). Pure: the people, their load and the instant are passed in.
 */
import type { Contract, SkillRule } from './contract-types.js';
import { parseWeeklyHours, shiftAt, type ShiftState } from './working-time.js';

/** A certification a person holds; `expires` is the last valid local date (YYYY-MM-DD). */
export interface HeldSkill {
  skill: string;
  expires?: string;
}

/**
 * The skills a job needs: the rules naming its task code, and the rules naming no code (every job
 * of the contract). A job without a task code needs only the contract-wide ones.
 */
export function requiredSkills(rules: readonly SkillRule[], taskCode: string | null): string[] {
  const code = taskCode?.toUpperCase();
  const out = rules.filter((r) => !r.codes.length || (code !== undefined && r.codes.some((c) => c.toUpperCase() === code))).map((r) => r.skill);
  return [...new Set(out)];
}

export function jobSkills(contract: Pick<Contract, 'skills'>, taskCode: string | null): string[] {
  return requiredSkills(contract.skills, taskCode);
}

export interface Candidate {
  id: number;
  name: string;
  zone: string;
  skills: HeldSkill[];
  /** weekly working hours as written ("mon-fri 08:00-17:00"); null: not set, treated as always on */
  hours: string | null;
  /** weekly on-call turns as written; null: never on call */
  onCall: string | null;
  openJobs: number;
}

export type Availability = 'on_shift' | 'on_call' | 'off';

/** A required skill as a person holds it: held and valid, missing, or expired (`expires`, the last valid local date). */
export type SkillWord = { skill: string; state: 'held' | 'missing' } | { skill: string; state: 'expired'; expires: string };

/** Where a person stands at `now`: on shift or on call until `until`, off until `until`, or without working hours. */
export interface OfferWhen {
  state: 'on_shift' | 'on_call' | 'off' | 'no_hours';
  until?: Date;
}

/**
 * Why a person is offered or not, as data for the caller to word ("biomed ✓, on shift until
 * 17:00, 2 open jobs"): instants in the person's zone, shown with the weekday unless on the day of `now`.
 */
export interface OfferWhy {
  skills: SkillWord[];
  when: OfferWhen;
  zone: string;
  now: Date;
  openJobs: number;
}

export interface Offer {
  id: number;
  name: string;
  /** holds every required skill, valid today */
  offered: boolean;
  availability: Availability;
  /** when they are next on shift (off now) */
  next?: Date;
  until?: Date;
  openJobs: number;
  /** "biomed ✓, on shift until 17:00, 2 open jobs", as data */
  why: OfferWhy;
  /** the skills missing or expired, for the refusal message */
  lacking: string[];
}

/** Each required skill as held ("biomed ✓"), missing ("no biomed") or expired on `today`. */
export function skillWords(required: readonly string[], held: readonly HeldSkill[], today: string): { words: SkillWord[]; lacking: string[] } {
  const words: SkillWord[] = [];
  const lacking: string[] = [];
  for (const s of required) {
    const h = held.find((x) => x.skill.toLowerCase() === s.toLowerCase());
    if (!h) {
      words.push({ skill: s, state: 'missing' });
      lacking.push(s);
    } else if (h.expires && h.expires < today) {
      words.push({ skill: s, state: 'expired', expires: h.expires });
      lacking.push(s);
    } else words.push({ skill: s, state: 'held' });
  }
  return { words, lacking };
}

/** On shift, on call, or off (with when the shift starts) at `now`. */
export function availabilityAt(c: Pick<Candidate, 'hours' | 'onCall' | 'zone'>, now: Date): { availability: Availability; shift: ShiftState; call?: ShiftState } {
  if (c.hours === null) return { availability: 'on_shift', shift: { on: true } };
  const shift = shiftAt(parseWeeklyHours(c.hours), c.zone, now);
  if (shift.on) return { availability: 'on_shift', shift };
  const call = c.onCall ? shiftAt(parseWeeklyHours(c.onCall), c.zone, now) : undefined;
  return { availability: call?.on ? 'on_call' : 'off', shift, call };
}

const RANK: Record<Availability, number> = { on_shift: 0, on_call: 1, off: 2 };

/** `today` is the local date the certifications are judged on (the job site's). */
export function rankOffers(required: string[], people: readonly Candidate[], now: Date, today: string): Offer[] {
  const offers = people.map((p): Offer => {
    const { words, lacking } = skillWords(required, p.skills, today);
    const a = availabilityAt(p, now);
    const when: OfferWhen =
      a.availability === 'on_shift'
        ? { state: 'on_shift', until: a.shift.until }
        : a.availability === 'on_call'
          ? { state: 'on_call', until: a.call?.until }
          : a.shift.next
            ? { state: 'off', until: a.shift.next }
            : { state: 'no_hours' };
    return {
      id: p.id,
      name: p.name,
      offered: lacking.length === 0,
      availability: a.availability,
      next: a.shift.next,
      until: a.availability === 'on_call' ? a.call?.until : a.shift.until,
      openJobs: p.openJobs,
      why: { skills: words, when, zone: p.zone, now, openJobs: p.openJobs },
      lacking,
    };
  });
  return offers.sort((a, b) => Number(b.offered) - Number(a.offered) || RANK[a.availability] - RANK[b.availability] || a.openJobs - b.openJobs || a.name.localeCompare(b.name));
}
