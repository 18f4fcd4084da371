/**
 * Who may decide a request, read from the contract's `approvals` section (docs/contract-format.md "approvals").
 * Pure: no I/O, no clock.
 *
 * Where a contract is silent about a kind, the defaults below apply; they are written down in
 * docs/approvals.md. Money compares in minor units: `limit` is exceeded strictly above it ("beyond
 * limit"), `autoApproveUnder` applies strictly below it ("under").
 */
import type { ApprovalKind, ApprovalPolicy, Contract, Money, Role } from '../rules/contract-types.js';
import { formatMoney } from '../rules/units.js';
import { t, type MessageKey } from '../i18n/t.js';

/**
 * A contract that does not name a kind still gets a decider, never "anyone": managers for work,
 * credits and permits; finance for rate overrides (they change what an invoice line bills).
 */
export const DEFAULT_POLICIES: Record<ApprovalKind, ApprovalPolicy> = {
  outOfScope: { approvers: ['manager'] },
  goodwill: { approvers: ['manager'] },
  permit: { approvers: ['manager'] },
  rateOverride: { approvers: ['finance'] },
};

export const KIND_LABEL: Record<ApprovalKind, MessageKey> = {
  outOfScope: 'approvals.kind.out-of-scope',
  goodwill: 'approvals.kind.goodwill',
  permit: 'approvals.kind.permit',
  rateOverride: 'approvals.kind.rate-override',
};

export interface ResolvedPolicy {
  policy: ApprovalPolicy;
  /** false when the contract does not name this kind and the default applies */
  fromContract: boolean;
}

export function policyFor(contract: Contract, kind: ApprovalKind): ResolvedPolicy {
  const p = contract.approvals[kind];
  return p ? { policy: p, fromContract: true } : { policy: DEFAULT_POLICIES[kind], fromContract: false };
}

/** Beyond `limit`, only the `above` roles decide (the usual approvers no longer can). */
export function deciderRoles(policy: ApprovalPolicy, amount: Money): Role[] {
  if (policy.limit !== undefined && policy.above?.length && Math.abs(amount) > policy.limit) return [...policy.above];
  return [...policy.approvers];
}

export function escalated(policy: ApprovalPolicy, amount: Money): boolean {
  return policy.limit !== undefined && !!policy.above?.length && Math.abs(amount) > policy.limit;
}

export function autoApproves(policy: ApprovalPolicy, amount: Money): boolean {
  return policy.autoApproveUnder !== undefined && amount >= 0 && amount < policy.autoApproveUnder;
}

/** "approvals.outOfScope: approvers manager, autoApproveUnder 150.00" — the rule as the card shows it; that a default applies is said in the reader's language. */
export function policyText(contract: Contract, kind: ApprovalKind): string {
  const { policy, fromContract } = policyFor(contract, kind);
  const parts = [`approvers ${policy.approvers.join(', ')}`];
  if (policy.autoApproveUnder !== undefined) parts.push(`autoApproveUnder ${formatMoney(policy.autoApproveUnder)}`);
  if (policy.limit !== undefined) parts.push(`limit ${formatMoney(policy.limit)}`);
  if (policy.above?.length) parts.push(`above ${policy.above.join(', ')}`);
  const text = `approvals.${kind}: ${parts.join(', ')}`;
  return fromContract ? text : t('approvals.policy-default', { text, contract: contract.id, kind });
}
