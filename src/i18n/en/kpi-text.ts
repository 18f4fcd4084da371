/** The KPI values' words (src/kpi/kpi-text.ts): empty weeks, ratios, week-over-week changes, why time is unbilled. */
export const kpiText = {
  'kpi-text.empty':
    '{what, select, jobs {no jobs this week} lines {no invoice lines this week} time {no time logged this week} lead {no jobs invoiced this week} other {no contract ends in the next 30 days}}',
  'kpi-text.ratio': '{percent} ({n} of {d})',
  'kpi-text.no-change': '= no change',
  'kpi-text.change': '{arrow} {num}{unit, select, pts { pts} h { h} jobs { jobs} other {}}',
  'kpi-text.days': '{n} days',
  'kpi-text.none': 'none',
  'kpi-text.unbilled.unknown-contract': 'unknown contract',
  'kpi-text.unbilled.not-in-contract': '{task} is not in the contract and has no approved quote',
  'kpi-text.unbilled.out-of-scope': '{task} is out of scope and was not approved',
  'kpi-text.unbilled.per-km': '{task} is priced per km, not per hour',
} as const;
