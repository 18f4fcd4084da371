/**
 * Service credits owed on an SLA breach (docs/contract-format.md "sla" → credits, creditCap). Pure.
 *
 * - The first rule in `sla.credits` whose `when`, `priority` and `tier` all match wins; a rule
 *   without priority/tier matches any; a rule with a tier never matches a tierless site.
 * - `percentOfFee` is taken of the monthly fee (the contract's, or `feeMinor` when the caller knows
 *   better, e.g. the fee of the version in force) and rounded half away from zero to minor units.
 * - `creditCap` bounds the total per period: the credit is cut to what is left of the cap after
 *   `alreadyThisPeriod`. A credit cut to zero is still returned (amount 0, capped) so the breach is
 *   recorded with "nothing owed: cap reached" rather than silently dropped; null means no rule.
 * - The priority to pass is the one the window breached under (`WindowState.breachedUnder`), so a
 *   later downgrade does not change what a breach already earned.
 */
import { DateTime } from 'luxon';
import type { Contract, CreditRule, Money, Period, Priority, WindowName } from './contract-types.js';
import { formatMoney, roundHalfAway } from './units.js';

export interface CreditQuery {
  window: WindowName;
  priority: Priority;
  tier?: string;
  /** monthly fee in minor units; defaults to `contract.fee.amount` */
  feeMinor?: Money;
  /** credits already recorded in the cap period this breach falls in */
  alreadyThisPeriod: Money;
}

export interface CreditOwed {
  amount: Money;
  /** which rule, for the invoice line and the audit: "sla.credits[1]: response breach, P1/P2: 2% of fee" */
  rule: string;
  ruleIndex: number;
  /** true when the cap reduced the amount (possibly to zero) */
  capped: boolean;
  /** what the rule gives before the cap */
  uncapped: Money;
}

const pct = (fraction: number) => `${Number((fraction * 100).toFixed(6))}%`;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function matches(rule: CreditRule, q: CreditQuery): boolean {
  if (rule.when !== `${q.window}_breach`) return false;
  if (rule.priority && !rule.priority.includes(q.priority)) return false;
  if (rule.tier) {
    const tier = q.tier;
    if (tier === undefined || !rule.tier.some((t) => same(t, tier))) return false;
  }
  return true;
}

function describe(rule: CreditRule, index: number, currency: string): string {
  const scope = [rule.when.replace('_', ' ')];
  if (rule.priority) scope.push(rule.priority.join('/'));
  if (rule.tier) scope.push(rule.tier.join('/'));
  const what = rule.percentOfFee !== undefined ? `${pct(rule.percentOfFee)} of fee` : formatMoney(rule.amount ?? 0, currency);
  return `sla.credits[${index}]: ${scope.join(', ')}: ${what}`;
}

/** The period total credits may not exceed, in minor units; null when the contract has no cap. */
export function creditCapAmount(contract: Contract, feeMinor?: Money): Money | null {
  const cap = contract.sla.creditCap;
  if (!cap) return null;
  if (cap.percentOfFee !== undefined) return roundHalfAway((feeMinor ?? contract.fee.amount) * cap.percentOfFee);
  return cap.amount ?? null;
}

export function creditOwed(contract: Contract, q: CreditQuery): CreditOwed | null {
  const ruleIndex = contract.sla.credits.findIndex((r) => matches(r, q));
  if (ruleIndex < 0) return null;
  const rule = contract.sla.credits[ruleIndex]!;
  const fee = q.feeMinor ?? contract.fee.amount;
  const uncapped = rule.percentOfFee !== undefined ? roundHalfAway(fee * rule.percentOfFee) : (rule.amount ?? 0);
  const cap = creditCapAmount(contract, q.feeMinor);
  const left = cap === null ? Infinity : Math.max(0, cap - q.alreadyThisPeriod);
  const amount = Math.min(uncapped, left);
  return { amount, rule: describe(rule, ruleIndex, contract.currency), ruleIndex, capped: amount < uncapped, uncapped };
}

/** The cap period an instant falls in, in `zone`: '2026-11', '2026-Q4' or '2026'. */
export function periodOf(date: Date, per: Period, zone: string): string {
  const d = DateTime.fromJSDate(date, { zone });
  if (!d.isValid) throw new RangeError(`periodOf: ${d.invalidExplanation ?? 'invalid date or zone'} (${zone})`);
  switch (per) {
    case 'month':
      return d.toFormat('yyyy-MM');
    case 'quarter':
      return `${d.toFormat('yyyy')}-Q${d.quarter}`;
    case 'year':
      return d.toFormat('yyyy');
  }
}
