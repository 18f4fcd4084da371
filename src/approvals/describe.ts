/** Words for a request, shared by its card, the requester's notice and the audit view. Pure. */
import { formatDuration, formatMoney } from '../rules/units.js';
import type { ApprovalRow } from './model.js';
import { KIND_LABEL } from './policy.js';
import type { ApprovalView } from './store.js';
import type { ApprovalKind } from '../rules/contract-types.js';
import { formatInZone } from '../rules/zone-label.js';

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind as ApprovalKind] ?? kind;
}

/** "DUCT-CLEAN 2h on J-1001", "goodwill credit EUR 50.00 on ACME-HVAC". */
export function what(v: ApprovalView): string {
  const on = v.job ? v.job.ref : v.contract.id;
  const money = formatMoney(v.row.amount, v.row.currency);
  switch (v.parsed.kind) {
    case 'outOfScope': {
      const r = v.parsed.request;
      if (!r.code) return `"${r.description}" on ${on} for ${money}`;
      const qty = r.unit === 'hour' ? formatDuration(r.minutes ?? Math.round((r.quantity ?? 0) * 60)) : `${r.quantity} ${r.unit}`;
      return `${r.code} ${qty} on ${on} for ${money}`;
    }
    case 'goodwill':
      return `goodwill credit of ${money} on ${on}`;
    case 'permit':
      return `permit on ${on}: ${v.parsed.request.description}`;
    case 'rateOverride':
      return `${v.parsed.request.description} on ${on}`;
  }
}

/** What the decision does to the invoice (or would, while pending). */
export function invoiceEffect(v: ApprovalView): string {
  const money = formatMoney(v.row.amount, v.row.currency);
  const on = v.job ? v.job.ref : v.contract.id;
  switch (v.parsed.kind) {
    case 'outOfScope': {
      const r = v.parsed.request;
      return r.code
        ? `Unlocks logging ${r.code} on ${on}; the invoice bills it as approved out-of-scope work, quoted at ${money} for this work at the prices in force.`
        : `Adds an extra line of ${money} on ${on} ("${r.description}"), referencing this approval.`;
    }
    case 'goodwill':
      return `A credit line of -${money} on the next invoice of ${v.contract.id}.`;
    case 'permit': {
      const r = v.parsed.request;
      const mult = r.multiplier !== undefined ? ` at outside-access ×${r.multiplier}` : '';
      const est = r.estimateCode ? `; ${r.estimateCode} over the whole span would bill ${money}` : '';
      return `Allows ${formatDuration(r.outsideMinutes)} of work outside ${r.access}${mult}${est}.`;
    }
    case 'rateOverride': {
      const r = v.parsed.request;
      const diff = r.unitPrice - r.listPrice;
      return `${r.code} lines on ${on} bill at ${formatMoney(r.unitPrice, v.row.currency)} per ${r.unit} (${diff < 0 ? '' : '+'}${formatMoney(diff, v.row.currency)} per ${r.unit}).`;
    }
  }
}

export function at(d: Date, zone: string): string {
  return formatInZone(d, zone);
}

/** "approved by Max Manager at Mon 23 Nov 10:14 UTC" for a decided row. */
export function decisionText(row: ApprovalRow, deciderName: string | undefined, zone: string): string {
  const when = row.decidedAt ? ` at ${at(row.decidedAt, zone)}` : '';
  switch (row.status) {
    case 'approved':
      return row.autoApproved ? `approved automatically${when} (${row.decisionReason ?? 'under the auto-approve threshold'})` : `approved by ${deciderName ?? 'someone'}${when}`;
    case 'rejected':
      return `rejected by ${deciderName ?? 'someone'}${when}${row.decisionReason ? `: ${row.decisionReason}` : ''}`;
    case 'expired':
      return `expired${when} without a decision`;
    default:
      return 'pending';
  }
}
