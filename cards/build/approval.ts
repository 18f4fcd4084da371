/**
 * Approval cards: the request as approvers see it (requester, job, customer, price and what it
 * does to the invoice, the contract's rule, Approve / Reject), rebuilt from the row at every
 * delivery so the posted copies show the decision, who and when, once there is one.
 */
import { readerMoney } from '../../src/i18n/format.js';
import { wordQuoteLine } from '../../src/billing/line-text.js';
import type { AuditTrail } from '../../src/approvals/audit-trail.js';
import { decisionText, invoiceEffect, kindLabel, what } from '../../src/approvals/describe.js';
import type { MyRequests } from '../../src/approvals/list-requests.js';
import type { ApprovalView } from '../../src/approvals/store.js';
import { t } from '../../src/i18n/t.js';
import { rolesOr } from '../../src/auth.js';
import { encodeAction, encodeCardRef } from '../action-ids.js';
import { card, type Audience, type Card, type CardAction, type Field, type Rich, type Span } from '../card.js';

function amountLabel(v: ApprovalView): string {
  switch (v.parsed.kind) {
    case 'outOfScope':
      return t('cards-approval.amount.quote');
    case 'goodwill':
      return t('cards-approval.amount.credit');
    case 'permit':
      return t('cards-approval.amount.labour');
    case 'rateOverride':
      return t('cards-approval.amount.difference');
  }
}

function qtyText(q: number, unit: string): string {
  const n = Number(q.toFixed(2));
  return t('cards-approval.qty', { n, unit });
}

export function isOpen(v: ApprovalView): boolean {
  return v.row.status === 'pending' && !(v.row.expiresAt && v.row.expiresAt <= v.now);
}

/** Approve / Reject while the request is open; `numbered` names the request (lists of several). */
export function decisionActions(v: ApprovalView, secret: string, numbered = false): CardAction[] {
  if (!isOpen(v)) return [];
  const id = v.row.id;
  return [
    { id: encodeAction({ t: 'decide', approval: id, approve: true }, secret), label: numbered ? t('cards-approval.approve-n', { id }) : t('cards-approval.approve'), style: 'primary' },
    { id: encodeAction({ t: 'decide', approval: id, approve: false }, secret), label: numbered ? t('cards-approval.reject-n', { id }) : t('cards-approval.reject'), style: 'danger', reason: { label: t('cards-approval.why-reject'), required: true } },
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
  const waiting: Span[] = only
    ? [t('cards-approval.waiting-role.before'), { bold: t('cards-approval.waiting-role.role', { article: /^[aeiou]/i.test(only) ? 'an' : 'a', role: rolesOr([only]) }) }, t('cards-approval.waiting-role.after')]
    : [t('cards-approval.waiting-roles'), { bold: rolesOr(roles) }];
  if (!v.deciders.length) waiting.push(t('cards-approval.nobody-has-role', { cmd: '/role' }));
  return { people: v.deciders, waiting, ref: encodeCardRef({ kind: 'approval', id: String(v.row.id) }, secret) };
}

function statusLine(v: ApprovalView): Rich {
  const r = v.row;
  if (r.status === 'pending') {
    if (r.expiresAt && r.expiresAt <= v.now) return [t('cards-approval.expired-at'), { time: r.expiresAt }, t('cards-approval.no-longer')];
    const roles = rolesOr(r.deciderRoles);
    return r.expiresAt ? [t('cards-approval.waiting-for'), { bold: roles }, t('cards-approval.expires'), { time: r.expiresAt }] : [t('cards-approval.waiting-for'), { bold: roles }];
  }
  const who = v.decider?.name ?? t('cards-approval.someone');
  if (r.status === 'approved' && r.autoApproved) return [t('cards-approval.auto-at'), { time: r.decidedAt! }, r.decisionReason ? ` (${r.decisionReason})` : ''];
  if (r.status === 'approved') return [t('cards-approval.approved-by'), { bold: who }, t('cards-approval.at'), { time: r.decidedAt! }, r.decisionReason ? t('common.detail', { text: r.decisionReason }) : ''];
  if (r.status === 'rejected') return [t('cards-approval.rejected-by'), { bold: who }, t('cards-approval.at'), { time: r.decidedAt! }, r.decisionReason ? t('common.detail', { text: r.decisionReason }) : ''];
  if (r.status === 'expired') return [t('cards-approval.expired-at'), { time: r.decidedAt ?? r.expiresAt! }, t('cards-approval.expired-without')];
  return r.status;
}

export function approvalCard(v: ApprovalView, secret: string): Card {
  const r = v.row;
  const open = isOpen(v);
  const status = r.status === 'approved' ? (r.autoApproved ? 'auto' : 'approved') : r.status === 'rejected' ? 'rejected' : open ? 'open' : 'expired';
  const title = t('cards-approval.title', { status, kind: kindLabel(r.kind), on: v.job ? v.job.ref : v.contract.id });
  const site = v.job ? v.contract.sites.find((s) => s.id === v.job!.siteId) : undefined;
  const fields: Field[] = [
    { label: t('cards-approval.request'), value: `#${r.id} ${kindLabel(r.kind)}` },
    { label: t('cards-approval.requested-by'), value: [{ bold: v.requester.name }, t('cards-approval.at'), { time: r.createdAt }] },
    ...(v.job ? [{ label: t('cards-approval.job'), value: t('common.pair', { a: v.job.ref, b: v.job.summary }) }] : []),
    { label: t('cards-approval.customer'), value: t('cards-approval.customer-value', { name: v.contract.customer.name, contract: v.contract.id, version: v.version.version }) },
    ...(site ? [{ label: t('cards-approval.site'), value: t('common.pair', { a: site.id, b: site.name }) }] : []),
    { label: amountLabel(v), value: [{ bold: readerMoney(r.amount, r.currency) }] },
    { label: t('cards-approval.invoice'), value: invoiceEffect(v) },
    { label: t('cards-approval.why'), value: r.reason },
    { label: t('cards-approval.status'), value: statusLine(v) },
  ];
  if (v.parsed.kind === 'permit') {
    fields.splice(fields.length - 3, 0, { label: t('cards-approval.span'), value: [{ time: new Date(v.parsed.request.from) }, t('cards-approval.to'), { time: new Date(v.parsed.request.to) }] });
  }
  if (v.quoteDraftId) fields.push({ label: t('cards-approval.quote'), value: t('cards-approval.quote-draft', { id: v.quoteDraftId }) });
  if (v.customer) {
    const c = v.customer;
    fields.push({ label: t('cards-approval.answer'), value: [{ bold: t('cards-approval.answer-by', { decision: c.decision, name: c.name }) }, t('cards-approval.at'), { time: c.at }, c.reason ? t('common.detail', { text: c.reason }) : ''] });
  }
  const blocks: Card['blocks'] = [{ type: 'fields', fields }];
  // The quote's lines read as the customer's invoice will: in the contract's words.
  const lines = v.parsed.kind === 'outOfScope' ? v.parsed.request.lines.map((l) => wordQuoteLine(l, v.contract.locale, v.row.currency)) : [];
  if (lines.length) {
    blocks.push({
      type: 'table',
      columns: [t('cards-approval.col.line'), t('cards-approval.col.qty'), t('cards-approval.col.unit-price'), t('cards-approval.col.amount'), t('cards-approval.col.rule')],
      align: ['left', 'right', 'right', 'right', 'left'],
      rows: lines.map((l) => [l.description, qtyText(l.quantity, l.unit), readerMoney(l.unitPrice), readerMoney(l.amount), l.rule]),
    });
  }
  const context: Rich[] = [v.rule];
  if (v.escalated) context.push(t('cards-approval.beyond-limit', { roles: rolesOr(r.deciderRoles) }));
  if (open) context.push(t('cards-approval.nobody-own'));
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
  const roles = rolesOr(row.deciderRoles);
  const title = r.autoApproved
    ? t('cards-approval.requester.auto', { id: row.id, money: readerMoney(row.amount, row.currency) })
    : r.noChannel
      ? r.noChannel.messaged
        ? t('cards-approval.requester.dm', { id: row.id, roles, team: r.noChannel.team })
        : t('cards-approval.requester.nobody', { id: row.id, roles, team: r.noChannel.team })
      : t('cards-approval.requester.sent', { id: row.id, roles });
  const context: Rich[] = r.noChannel
    ? [...(c.context ?? []), [t('cards-approval.bind.before'), { code: `/team bind approvals ${r.noChannel.team}` }, t('cards-approval.bind.middle'), { code: '/requests' }, t('cards-approval.bind.after')]]
    : (c.context ?? []);
  return { ...c, title, actions: [], audience: undefined, visibility: 'ephemeral', context };
}

/** `/requests`: mine first, then those I may decide, each with its buttons when I may. */
export function requestsCard(r: MyRequests, secret: string): Card {
  const row = (v: ApprovalView): Rich[] => [`#${v.row.id}`, kindLabel(v.row.kind), what(v), v.requester.name, v.row.expiresAt ? [{ time: v.row.expiresAt }] : '-'];
  const columns = ['#', t('cards-approval.col.kind'), t('cards-approval.col.what'), t('cards-approval.col.asked-by'), t('cards-approval.col.expires')];
  const blocks: Card['blocks'] = [];
  blocks.push({ type: 'text', text: [{ bold: t('cards-approval.mine', { n: r.mine.length }) }] });
  blocks.push(r.mine.length ? { type: 'table', columns, rows: r.mine.map(row) } : { type: 'text', text: t('cards-approval.none') });
  blocks.push({ type: 'text', text: [{ bold: t('cards-approval.to-decide', { n: r.toDecide.length }) }] });
  blocks.push(r.toDecide.length ? { type: 'table', columns, rows: r.toDecide.map(row) } : { type: 'text', text: t('cards-approval.none') });
  // Buttons for the first few only: platforms cap the actions on one card.
  const actions = r.toDecide.slice(0, 5).flatMap((v) => decisionActions(v, secret, true));
  return card('approval', t('cards-approval.requests'), { blocks, actions, context: r.toDecide.length > 5 ? [t('cards-approval.first-five')] : [] });
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

export function auditCard(trail: AuditTrail, zone: string): Card {
  const columns = [t('cards-approval.audit.col.when'), t('cards-approval.audit.col.who'), t('cards-approval.audit.col.what'), t('cards-approval.audit.col.subject'), t('cards-approval.audit.col.detail')];
  return card('audit', t('cards-approval.audit.title', { subject: trail.subject }), {
    zone,
    blocks: trail.entries.length
      ? [{ type: 'table', columns, rows: trail.entries.map((e) => [[{ time: e.at }], e.actor, e.action, e.subject, dataText(e.data)]) }]
      : [{ type: 'text', text: t('cards-approval.audit.nothing') }],
    context: [trail.more ? t('cards-approval.audit.more') : t('cards-approval.audit.source')],
  });
}
