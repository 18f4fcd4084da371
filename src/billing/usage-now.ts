/**
 * Where a contract's prepaid banks and site caps stand today: this month rated up to today on top
 * of what earlier periods used. Shared by `/contract usage` and the 20%-left warning.
 */
import type { DbOrTx } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { enqueuePost } from '../notify/enqueue.js';
import { noticePayload } from '../notify/notice.js';
import { noticeText } from '../notify/notice-card.js';
import type { Period as CapPer } from '../rules/contract-types.js';
import { localDate, periodOf } from './period.js';
import { ratePeriod, type Rated } from './rating-input.js';
import { type ContractTerms, versionAt, zoneAt } from '../contracts/version-at.js';

/** Share of a bank left at which dispatchers are warned (docs/contract-format.md "entitlements"). */
export const PREPAID_WARN_AT = [0.2] as const;

export interface BankUsage {
  index: number;
  hours: number;
  codes: string[];
  from: string;
  until: string;
  active: boolean;
  usedMinutes: number;
  leftMinutes: number;
}

export interface SiteUsage {
  siteId: string;
  name: string;
  caps?: { visits: number; per: CapPer };
  used: number;
  left?: number;
}

export interface UsageNow {
  today: string;
  zone: string;
  banks: BankUsage[];
  sites: SiteUsage[];
  rated: Rated;
}

export async function usageNow(db: DbOrTx, terms: ContractTerms, now: Date): Promise<UsageNow> {
  const zone = zoneAt(terms, now);
  const today = localDate(now, zone);
  const month = periodOf(now, zone);
  const rated = await ratePeriod(db, terms, { from: month.from, to: today });
  const c = versionAt(terms, today).contract;
  const used = rated.result.usage;
  const banks = c.entitlements.prepaidHours.map((b, index): BankUsage => {
    const u = used.prepaidMinutesUsed[index] ?? 0;
    return { index, hours: b.hours, codes: b.codes, from: b.from, until: b.until, active: b.from <= today && today <= b.until, usedMinutes: u, leftMinutes: Math.max(0, Math.round(b.hours * 60) - u) };
  });
  const sites = c.sites.map((s): SiteUsage => {
    const key = Object.keys(used.siteVisitsUsed).find((k) => k.toUpperCase() === s.id.toUpperCase());
    const n = key ? used.siteVisitsUsed[key]! : 0;
    return { siteId: s.id, name: s.name, ...(s.caps ? { caps: s.caps, left: Math.max(0, s.caps.visits - n) } : {}), used: n };
  });
  return { today, zone, banks, sites, rated };
}

/** Does logging to `code` draw on a bank of this contract? (Only then is the warning worth a rating.) */
export function drawsOnBank(terms: ContractTerms, date: string, code: string): boolean {
  return versionAt(terms, date).contract.entitlements.prepaidHours.some((b) => b.from <= date && date <= b.until && b.codes.some((c) => c.toLowerCase() === code.toLowerCase()));
}

/**
 * Post a notice to the contract team's dispatch channel when an active bank is at or below a
 * threshold. The outbox key is per bank and threshold, so each is announced once, whichever
 * replica or retry gets there first. Returns what was posted, in the current reader's language
 * (the person logging); the channel reads it in its team's.
 */
export async function warnLowBanks(ctx: Ctx, terms: ContractTerms): Promise<string[]> {
  const u = await usageNow(ctx.db, terms, ctx.clock.now());
  const c = versionAt(terms, u.today).contract;
  const posted: string[] = [];
  for (const b of u.banks) {
    const total = Math.round(b.hours * 60);
    if (!b.active || total <= 0) continue;
    for (const share of PREPAID_WARN_AT) {
      if (b.leftMinutes > total * share) continue;
      const pct = Math.round(share * 100);
      const notice = { kind: 'prepaid-low', contract: c.id, bank: b.index + 1, hours: b.hours, codes: b.codes, from: b.from, until: b.until, left: b.leftMinutes, share: Math.round((b.leftMinutes / total) * 100), threshold: pct } as const;
      const n = await enqueuePost(ctx, {
        key: `prepaid:${c.id}:${b.index}:${b.from}:${b.hours}h:${pct}%`,
        teamId: c.team,
        purpose: 'dispatch',
        subjectKind: 'notice',
        subjectId: `${c.id}:prepaid:${b.index}`,
        payload: noticePayload(notice),
      });
      if (n > 0) posted.push(noticeText(notice));
    }
  }
  return posted;
}
