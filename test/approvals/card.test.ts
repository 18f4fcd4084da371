/**
 * The approval card builder, without a database: every state renders to Block Kit and to an
 * Adaptive Card within the platforms' limits, hostile user text stays text, and the buttons carry
 * signed decide payloads only while the request is open. Plus the contract rule as the card shows it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeAction } from '../../cards/action-ids.js';
import { approvalCard, requesterCard } from '../../cards/build/approval.js';
import { renderSlack } from '../../cards/slack.js';
import { renderTeams } from '../../cards/teams.js';
import { renderText } from '../../cards/text.js';
import { HOSTILE } from '../../cards/examples.js';
import { parseRequest, type ApprovalRow } from '../../src/approvals/model.js';
import { autoApproves, deciderRoles, escalated, policyFor, policyText } from '../../src/approvals/policy.js';
import type { ApprovalView } from '../../src/approvals/store.js';
import { parseContractText } from '../../src/rules/contract-schema.js';
import { formatProblems } from '../../src/contracts/problem-text.js';
import type { Contract } from '../../src/rules/contract-types.js';
import { EXAMPLES_DIR } from '../../src/seed/demo.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { adaptiveCardProblems } from '../teams/adaptive-cards.js';

const SECRET = 'card-test-secret';

function contract(file: string): Contract {
  const r = parseContractText(readFileSync(EXAMPLES_DIR + file, 'utf8'));
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.contract;
}
const acme = contract('acme-hvac.yaml');
const brightdesk = contract('brightdesk-it.yaml');

const NOW = new Date('2026-11-23T09:00:00Z');

function view(status: ApprovalRow['status'], over: Partial<ApprovalRow> = {}): ApprovalView {
  const row: ApprovalRow = {
    id: 7,
    kind: 'outOfScope',
    contractId: 'ACME-HVAC',
    jobId: 1,
    request: {
      version: 1,
      siteId: 'PAR-HQ',
      code: 'DUCT-CLEAN',
      unit: 'hour',
      quantity: 2,
      minutes: 120,
      description: `Duct cleaning ${HOSTILE}`,
      at: NOW.toISOString(),
      quotedBy: 'rating',
      lines: [{ description: 'Duct cleaning (add-on)', quantity: 2, unit: 'hour', unitPrice: 9500, amount: 19000, rule: 'ACME-HVAC v1, rates.DUCT-CLEAN' }],
    },
    amount: 19000,
    currency: 'EUR',
    reason: `ducts clogged ${HOSTILE}`,
    requesterId: 4,
    deciderRoles: ['manager'],
    status,
    deciderId: status === 'approved' || status === 'rejected' ? 3 : null,
    decidedAt: status === 'pending' ? null : NOW,
    decisionReason: status === 'rejected' ? `no ${HOSTILE}` : null,
    autoApproved: false,
    remindAt: null,
    expiresAt: new Date(NOW.getTime() + 72 * 3_600_000),
    createdAt: NOW,
    ...over,
  };
  return {
    row,
    parsed: parseRequest(row),
    version: { contractId: 'ACME-HVAC', version: 1, effectiveFrom: '2026-01-01', reason: 'seed', createdByLabel: 'seed', createdAt: NOW, contract: acme },
    contract: acme,
    job: { id: 1, ref: 'J-1001', siteId: 'PAR-HQ', summary: `Air handler ${HOSTILE}`, priority: 'P3', permit: null } as ApprovalView['job'],
    requester: { id: 4, name: `Tom ${HOSTILE}` },
    decider: row.deciderId ? { id: 3, name: 'Max Manager' } : undefined,
    deciders: row.status === 'pending' ? [3] : [],
    rule: policyText(acme, 'outOfScope'),
    escalated: false,
    zone: 'Europe/Paris',
    now: NOW,
  };
}

describe('approval card', () => {
  const states = [
    ['pending', view('pending')],
    ['approved', view('approved')],
    ['auto-approved', view('approved', { autoApproved: true, decisionReason: 'approved automatically: EUR 95.00 is under approvals.outOfScope.autoApproveUnder 150.00' })],
    ['rejected', view('rejected')],
    ['expired', view('expired', { decidedAt: new Date(NOW.getTime() + 72 * 3_600_000) })],
    ['pending past its expiry', { ...view('pending'), now: new Date(NOW.getTime() + 73 * 3_600_000) }],
  ] as const;

  it.each(states)('%s renders within Slack and Teams limits', (_name, v) => {
    const c = approvalCard(v, SECRET);
    expect(blockKitProblems(renderSlack(c).blocks)).toEqual([]);
    expect(adaptiveCardProblems(renderTeams(c))).toEqual([]);
    expect(JSON.stringify(renderSlack(c).blocks)).not.toContain('<@U0123ABC>');
  });

  it('shows requester, job, customer, quote, invoice effect and the rule; buttons only while open', () => {
    const open = approvalCard(view('pending'), SECRET);
    const t = renderText(open, { zone: 'UTC' });
    for (const want of ['Requested by', 'J-1001', 'Acme Facilities SAS (ACME-HVAC v1)', 'EUR 190.00', 'Unlocks logging DUCT-CLEAN on J-1001', 'approvals.outOfScope: approvers manager, autoApproveUnder 150.00', 'expires Thu 26 Nov']) {
      expect(t).toContain(want);
    }
    expect(open.actions?.map((a) => decodeAction(a.id, SECRET))).toEqual([
      { t: 'decide', approval: 7, approve: true },
      { t: 'decide', approval: 7, approve: false },
    ]);
    expect(open.actions?.[1]?.reason).toEqual({ label: 'Why reject?', required: true });
    for (const [, v] of states.slice(1)) expect(approvalCard(v, SECRET).actions).toEqual([]);
    expect(renderText(approvalCard(states[5][1], SECRET), { zone: 'UTC' })).toMatch(/can no longer be approved/);
    expect(requesterCard({ view: view('pending'), autoApproved: false }, SECRET).actions).toEqual([]);
  });
});

describe('approval policy', () => {
  it('reads approvers, limit, above and autoApproveUnder; defaults where a contract is silent', () => {
    const good = policyFor(acme, 'goodwill').policy;
    expect(deciderRoles(good, 30000)).toEqual(['manager']); // at the limit: not beyond it
    expect(deciderRoles(good, 30001)).toEqual(['finance']);
    expect(escalated(good, 30001)).toBe(true);
    const oos = policyFor(acme, 'outOfScope').policy;
    expect(autoApproves(oos, 14999)).toBe(true);
    expect(autoApproves(oos, 15000)).toBe(false);
    expect(policyText(acme, 'goodwill')).toBe('approvals.goodwill: approvers manager, limit 300.00, above finance');
    expect(policyFor(brightdesk, 'rateOverride')).toEqual({ policy: { approvers: ['finance'] }, fromContract: false });
    expect(policyText(brightdesk, 'permit')).toMatch(/default: BRIGHTDESK-IT names no permit rule/);
  });
});
