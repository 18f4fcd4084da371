/**
 * Approval cards: the request as approvers see it (requester, job, customer, price and what it
 * does to the invoice, the contract's rule, Approve / Reject), rebuilt from the row at every
 * delivery so the posted copies show the decision, who and when, once there is one.
 */
import type { AuditTrail } from '../../src/approvals/audit-trail.js';
import { decisionText, invoiceEffect, kindLabel, what } from '../../src/approvals/describe.js';
import type { MyRequests } from '../../src/approvals/list-requests.js';
import type { ApprovalView } from '../../src/approvals/store.js';
import { formatMoney } from '../../src/rules/units.js';
import { encodeAction, encodeCardRef } from '../action-ids.js';
import { card, type Audience, type Card, type CardAction, type Field, type Rich, type Span } from '../card.js';

const TITLE_KIND: Record<string, string> = {
  outOfScope: 'out-of-scope work',
  goodwill: 'goodwill credit',
  permit: 'permit outside access hours',
  rateOverride: 'rate override',
};

function amountLabel(v: ApprovalView): string {
  switch (v.parsed.kind) {
    case 'outOfScope':
      return 'Quote';
    case 'goodwill':
      return 'Credit';
    case 'permit':
      return 'Labour estimate';
    case 'rateOverride':
      return 'Difference per unit';
  }
}

function qtyText(q: number, unit: string): string {
  const n = Number(q.toFixed(2));
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export function isOpen(v: ApprovalView): boolean {
  return v.row.status === 'pending' && !(v.row.expiresAt && v.row.expiresAt <= v.now);
}

/** Approve / Reject while the request is open; `numbered` names the request (lists of several). */
export function decisionActions(v: ApprovalView, secret: string, numbered = false): CardAction[] {
  if (!isOpen(v)) return [];
  const n = numbered ? ` #${v.row.id}` : '';
  return [
    { id: encodeAction({ t: 'decide', approval: v.row.id, approve: true }, secret), label: `Approve${n}`, style: 'primary' },
    { id: encodeAction({ t: 'decide', approval: v.row.id, approve: false }, secret), label: `Reject${n}`, style: 'danger', reason: { label: 'Why reject?', required: true } },
  ];
}

/**
 * While a request is open, its buttons are for its deciders. Platforms that show each person their
 * own copy (Teams) give everyone else the waiting line instead; the verb checks again on click.
 */
export function approvalAudience(v: ApprovalView, secret: string): Audience | undefined {
  if (!isOpen(v)) return undefined;
  const roles = v.row.deciderRoles;
  const only = roles.length === 1 ? roles[0]! : undefined;
  const waiting: Span[] = only ? ['Waiting for ', { bold: `${/^[aeiou]/i.test(only) ? 'an' : 'a'} ${only}` }, "'s decision"] : ['Waiting for a decision by ', { bold: roles.join(' or ') }];
  if (!v.deciders.length) waiting.push(': nobody has that role yet; an admin can give it (/role)');
  return { people: v.deciders, waiting, ref: encodeCardRef({ kind: 'approval', id: String(v.row.id) }, secret) };
}

function statusLine(v: ApprovalView): Rich {
  const r = v.row;
  if (r.status === 'pending') {
    if (r.expiresAt && r.expiresAt <= v.now) return ['Expired at ', { time: r.expiresAt }, ': it can no longer be approved'];
    return r.expiresAt ? ['Waiting for ', { bold: r.deciderRoles.join(' or ') }, '; expires ', { time: r.expiresAt }] : ['Waiting for ', { bold: r.deciderRoles.join(' or ') }];
  }
  if (r.status === 'approved' && r.autoApproved) return ['Approved automatically at ', { time: r.decidedAt! }, r.decisionReason ? ` (${r.decisionReason})` : ''];
  if (r.status === 'approved') return ['Approved by ', { bold: v.decider?.name ?? 'someone' }, ' at ', { time: r.decidedAt! }, r.decisionReason ? `: ${r.decisionReason}` : ''];
  if (r.status === 'rejected') return ['Rejected by ', { bold: v.decider?.name ?? 'someone' }, ' at ', { time: r.decidedAt! }, r.decisionReason ? `: ${r.decisionReason}` : ''];
  if (r.status === 'expired') return ['Expired at ', { time: r.decidedAt ?? r.expiresAt! }, ' without a decision: it can no longer be approved'];
  return r.status;
}

export function approvalCard(v: ApprovalView, secret: string): Card {
  const r = v.row;
  const kind = TITLE_KIND[r.kind] ?? r.kind;
  const ref = v.job ? ` on ${v.job.ref}` : ` on ${v.contract.id}`;
  const open = isOpen(v);
  const title =
    r.status === 'approved'
      ? `${r.autoApproved ? 'Approved automatically' : 'Approved'}: ${kind}${ref}`
      : r.status === 'rejected'
        ? `Rejected: ${kind}${ref}`
        : open
          ? `Approval needed: ${kind}${ref}`
          : `Expired: ${kind}${ref}`;
  const site = v.job ? v.contract.sites.find((s) => s.id === v.job!.siteId) : undefined;
  const fields: Field[] = [
    { label: 'Request', value: `#${r.id} ${kindLabel(r.kind)}` },
    { label: 'Requested by', value: [{ bold: v.requester.name }, ' at ', { time: r.createdAt }] },
    ...(v.job ? [{ label: 'Job', value: `${v.job.ref}: ${v.job.summary}` }] : []),
    { label: 'Customer', value: `${v.contract.customer.name} (${v.contract.id} v${v.version.version})` },
    ...(site ? [{ label: 'Site', value: `${site.id}: ${site.name}` }] : []),
    { label: amountLabel(v), value: [{ bold: formatMoney(r.amount, r.currency) }] },
    { label: 'Invoice', value: invoiceEffect(v) },
    { label: 'Why', value: r.reason },
    { label: 'Status', value: statusLine(v) },
  ];
  if (v.parsed.kind === 'permit') {
    fields.splice(fields.length - 3, 0, { label: 'Span', value: [{ time: new Date(v.parsed.request.from) }, ' to ', { time: new Date(v.parsed.request.to) }] });
  }
  if (v.quoteDraftId) fields.push({ label: 'Customer quote', value: `draft message #${v.quoteDraftId}` });
  if (v.customer) {
    const c = v.customer;
    fields.push({ label: 'Customer answer', value: [{ bold: `${c.decision === 'accepted' ? 'Accepted' : 'Declined'} by ${c.name}` }, ' at ', { time: c.at }, c.reason ? `: ${c.reason}` : ''] });
  }
  const blocks: Card['blocks'] = [{ type: 'fields', fields }];
  const lines = v.parsed.kind === 'outOfScope' ? v.parsed.request.lines : [];
  if (lines.length) {
    blocks.push({
      type: 'table',
      columns: ['Line', 'Qty', 'Unit price', 'Amount', 'Rule'],
      align: ['left', 'right', 'right', 'right', 'left'],
      rows: lines.map((l) => [l.description, qtyText(l.quantity, l.unit), formatMoney(l.unitPrice), formatMoney(l.amount), l.rule]),
    });
  }
  const context: Rich[] = [v.rule];
  if (v.escalated) context.push(`Beyond the limit: ${r.deciderRoles.join(' or ')} must decide.`);
  if (open) context.push(`Nobody decides their own request. Reject asks for a reason.`);
  return card('approval', title, {
    tone: r.status === 'approved' ? 'good' : r.status === 'rejected' ? 'danger' : open ? 'warning' : 'info',
    subtitle: what(v),
    visibility: 'channel',
    zone: v.zone,
    blocks,
    actions: decisionActions(v, secret),
    audience: approvalAudience(v, secret),
    context,
  });
}

/** What the requester sees: the card without buttons (nobody decides their own request). */
export function requesterCard(r: { view: ApprovalView; autoApproved: boolean; noChannel?: { team: string; messaged: number } }, secret: string): Card {
  const c = approvalCard(r.view, secret);
  const row = r.view.row;
  const title = r.autoApproved
    ? `Approved automatically (#${row.id}): ${formatMoney(row.amount, row.currency)} is under the contract's auto-approve threshold`
    : r.noChannel
      ? r.noChannel.messaged
        ? `Sent for approval (#${row.id}) to ${row.deciderRoles.join(' or ')} by direct message: ${r.noChannel.team} has no approvals channel yet`
        : `Request #${row.id} waits for ${row.deciderRoles.join(' or ')}, but ${r.noChannel.team} has no approvals channel yet and none of them uses the bot in chat: tell them`
      : `Sent for approval (#${row.id}) to ${row.deciderRoles.join(' or ')}`;
  const context: Rich[] = r.noChannel
    ? [...(c.context ?? []), ['A manager binds one by typing ', { code: `/team bind approvals ${r.noChannel.team}` }, ' in the channel; pending requests are posted there then. Deciders also find it in ', { code: '/requests' }, '.']]
    : (c.context ?? []);
  return { ...c, title, actions: [], audience: undefined, visibility: 'ephemeral', context };
}

/** `/requests`: mine first, then those I may decide, each with its buttons when I may. */
export function requestsCard(r: MyRequests, secret: string): Card {
  const row = (v: ApprovalView): Rich[] => [`#${v.row.id}`, kindLabel(v.row.kind), what(v), v.requester.name, v.row.expiresAt ? [{ time: v.row.expiresAt }] : '-'];
  const columns = ['#', 'Kind', 'What', 'Asked by', 'Expires'];
  const blocks: Card['blocks'] = [];
  blocks.push({ type: 'text', text: [{ bold: `Your pending requests (${r.mine.length})` }] });
  blocks.push(r.mine.length ? { type: 'table', columns, rows: r.mine.map(row) } : { type: 'text', text: 'None.' });
  blocks.push({ type: 'text', text: [{ bold: `Waiting for your decision (${r.toDecide.length})` }] });
  blocks.push(r.toDecide.length ? { type: 'table', columns, rows: r.toDecide.map(row) } : { type: 'text', text: 'None.' });
  // Buttons for the first few only: platforms cap the actions on one card.
  const actions = r.toDecide.slice(0, 5).flatMap((v) => decisionActions(v, secret, true));
  return card('approval', 'Requests', { blocks, actions, context: r.toDecide.length > 5 ? ['Buttons for the first 5; the rest are on their cards in the approvals channel.'] : [] });
}

export function decisionLine(v: ApprovalView): string {
  return `#${v.row.id} ${decisionText(v.row, v.decider?.name, v.zone)}`;
}

function dataText(d: Record<string, unknown>): string {
  const skip = new Set(['request', 'version']);
  return Object.entries(d)
    .filter(([k, x]) => !skip.has(k) && x !== null && x !== undefined && x !== '')
    .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
    .join(', ')
    .slice(0, 300);
}

export function auditCard(t: AuditTrail, zone: string): Card {
  return card('audit', `Audit trail: ${t.subject}`, {
    zone,
    blocks: t.entries.length
      ? [{ type: 'table', columns: ['When', 'Who', 'What', 'Subject', 'Detail'], rows: t.entries.map((e) => [[{ time: e.at }], e.actor, e.action, e.subject, dataText(e.data)]) }]
      : [{ type: 'text', text: 'Nothing recorded yet.' }],
    context: t.more ? ['Older entries exist; the API returns them all.'] : ['From the append-only audit log.'],
  });
}
