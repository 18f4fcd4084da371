/** Billing cards fit every platform: Block Kit limits, Adaptive Card 1.5 and Teams' size, terminal text. */
import { describe, expect, it } from 'vitest';
import { billedVsPromisedCard, creditNoteCard, disputeCard, disputeListCard, disputeSettledCard, heldItems, invoiceCard } from '../../cards/build/invoice.js';
import { inLanguage } from '../../src/i18n/index.js';
import { outOfScopeCard, partLoggedCard, timeLoggedCard, todayCard } from '../../cards/build/time.js';
import { workCorrectionCard } from '../../cards/build/work-correction.js';
import { usageCard } from '../../cards/build/usage.js';
import type { Card } from '../../cards/card.js';
import { HOSTILE } from '../../cards/examples.js';
import { renderSlack, SLACK_LIMITS } from '../../cards/slack.js';
import { renderTeams, TEAMS_LIMITS } from '../../cards/teams.js';
import { renderText } from '../../cards/text.js';
import type { BilledVsPromised } from '../../src/billing/billed-vs-promised.js';
import type { NumberedLine } from '../../src/billing/invoice-store.js';
import type { ContractUsage } from '../../src/billing/usage.js';
import type { Period } from '../../src/rules/contract-types.js';
import type { InvoiceView } from '../../src/billing/preview-invoice.js';
import { OutOfScopeRefusal } from '../../src/billing/refusals.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { adaptiveCardProblems } from '../teams/adaptive-cards.js';

const SECRET = 'cards-secret';
const at = new Date('2026-11-24T10:00:00Z');

function line(i: number): NumberedLine {
  return {
    lineNo: i + 1,
    kind: i % 7 === 0 ? 'part' : 'labour',
    jobId: `J-${1000 + i}`,
    siteId: 'PAR-HQ',
    date: '2026-11-05',
    code: 'HVAC-LAB',
    description: `Corrective labour ${HOSTILE}`,
    quantity: 1.25,
    unit: 'hour',
    unitPrice: 12750,
    amount: 15938,
    covered: i % 5 === 0,
    nominal: 15938,
    rule: `after-hours ×1.5, ACME-HVAC v3, rates.HVAC-LAB ${HOSTILE}`,
    version: 3,
    sources: [`T${i}`],
    minutes: 75,
  };
}

function bigInvoice(): InvoiceView {
  return {
    contractId: 'ACME-HVAC',
    customer: `Acme <Facilities> & Sons ${HOSTILE}`,
    currency: 'EUR',
    period: { key: '2026-11', from: '2026-11-01', to: '2026-11-30' },
    number: 'ACME-HVAC-2026-11',
    status: 'preview',
    lines: Array.from({ length: 400 }, (_, i) => line(i)),
    totals: { billable: 123456789, credits: -9000, total: 123447789, nominalCovered: 500000 },
    held: Array.from({ length: 30 }, (_, i) => ({ what: 'time' as const, jobId: `J-${i}`, sources: [`T${i}`], minutes: 60, reason: { code: 'outside-access' as const, site: HOSTILE } })),
    creditNotes: [{ number: 'ACME-HVAC-2026-11-CN1', total: -4250, issuedAt: at }],
    zone: 'Europe/Paris',
  };
}

function promisedView(per: Period = 'year'): BilledVsPromised {
  return {
    contractId: 'NORTHWIND-TEL',
    version: 2,
    currency: 'GBP',
    period: { key: '2026-12', from: '2026-12-01', to: '2026-12-31' },
    zone: 'Europe/London',
    promised: {
      fee: 420000,
      covered: [{ code: 'NET-SWAP', name: HOSTILE, unit: 'visit' }],
      prepaid: [{ index: 0, hours: 60, codes: ['NET-ENG'], from: '2026-04-01', until: '2027-03-31', usedBefore: 3480, usedThisPeriod: 120, leftMinutes: 0 }],
      caps: [{ siteId: 'MAN-AGG', visits: 14, per, usedBefore: 13, usedAfter: 16 }],
      warranty: [{ parts: ['SFP-*'], until: '2027-01-01', labour: true }],
    },
    delivered: { minutes: { logged: 800, billed: 590, covered: 210, unbilled: 45, added: 40 }, coveredValue: 22000, visits: [{ siteId: 'MAN-AGG', visits: 3 }], jobs: 6 },
    billed: { byKind: { fee: 420000, labour: 100000, credit: -42000 }, billable: 520000, credits: -42000, total: 478000, invoice: { number: 'NORTHWIND-TEL-2026-12', total: 478000, creditNotes: 0 } },
    unbilled: { minutes: 45, items: bigInvoice().held },
  };
}

function usageView(): ContractUsage {
  return {
    contractId: 'STLUKE-BIOMED',
    currency: 'CAD',
    today: '2026-11-24',
    zone: 'America/Toronto',
    month: '2026-11',
    banks: [{ index: 0, hours: 120, codes: ['BIOMED-SVC'], from: '2026-01-15', until: '2027-01-14', active: true, usedMinutes: 5790, leftMinutes: 1410 }],
    sites: [
      { siteId: 'SLR-ICU', name: HOSTILE, used: 3 },
      { siteId: 'SLR-IMG', name: 'Imaging', caps: { visits: 14, per: 'year' }, used: 15, left: 0 },
    ],
    credits: { count: 2, sla: 51200, goodwill: 1000, cap: 128000, capLeft: 76800, invoiced: 0 },
  };
}

function cards(): Card[] {
  const inv = bigInvoice();
  return [
    invoiceCard(inv, { moreUrl: 'https://bot.example.com/api/v1/invoices/ACME-HVAC-2026-11.json' }),
    invoiceCard({ ...inv, lines: [], held: [], status: 'issued', issuedAt: at, issuedBy: 'Fiona' }),
    creditNoteCard({ number: 'ACME-HVAC-2026-11-CN1', corrects: 'ACME-HVAC-2026-11', line: line(2), corrected: line(2), amount: 4250, currency: 'EUR', leftAfter: 11688 }),
    disputeCard({ invoice: 'ACME-HVAC-2026-11', line: line(3), id: 7, reason: HOSTILE, currency: 'EUR' }),
    billedVsPromisedCard(promisedView()),
    usageCard(usageView()),
    timeLoggedCard({ ref: 'J-1042', person: 'Tom', code: 'HVAC-LAB', kind: 'labour', start: at, end: new Date(at.getTime() + 5_400_000), minutes: 90, note: HOSTILE, zone: 'Europe/Paris', warnings: [HOSTILE] }),
    timeLoggedCard({ ref: 'J-1042', person: 'Tom', code: 'HVAC-LAB', kind: 'labour', start: at, end: null, zone: 'Europe/Paris' }),
    todayCard({ person: 'Tom', zone: 'Europe/Paris', date: '2026-11-24', running: { id: 1, job: 'J-1', code: 'X', kind: 'labour', start: at, end: null, minutes: 50, note: null }, entries: Array.from({ length: 60 }, (_, i) => ({ id: i, job: `J-${i}`, code: 'HVAC-LAB', kind: 'labour', start: at, end: at, minutes: 30, note: HOSTILE })), totalMinutes: 1800 }),
    partLoggedCard({ ref: 'J-1042', person: 'Tom', sku: 'BELT-A42', name: HOSTILE, qty: 2, price: 2200, currency: 'EUR', version: 1 }),
    workCorrectionCard({ subject: 'T12', ref: 'J-1042', deleted: false, changes: [['Was ', { time: at }, ` ${HOSTILE}`]], reason: HOSTILE, adjustments: [{ invoice: 'ACME-HVAC-2026-10', amount: -8500 }], currency: 'EUR', zone: 'Europe/Paris' }),
    disputeListCard({ status: 'open', items: Array.from({ length: 50 }, (_, i) => ({ id: i, invoice: 'ACME-HVAC-2026-10', line: i, description: HOSTILE, amount: 8500, currency: 'EUR', reason: HOSTILE, status: 'rejected', outcome: HOSTILE })) }),
    disputeSettledCard({ id: 3, invoice: 'ACME-HVAC-2026-10', line: 2, status: 'rejected', reason: HOSTILE, message: 7, currency: 'EUR' }),
    outOfScopeCard(new OutOfScopeRefusal('precondition_failed', `DUCT-CLEAN is out of scope ${HOSTILE}`, [HOSTILE], { id: 4, ref: 'J-1004' }, 'DUCT-CLEAN', 120), SECRET),
  ];
}

describe('billing cards', () => {
  it.each(cards().map((c, i) => [`${i} ${c.title.slice(0, 40)}`, c] as const))('%s renders within Slack, Teams and terminal limits', (_n, c) => {
    const m = renderSlack(c);
    expect(blockKitProblems(m.blocks)).toEqual([]);
    expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    const ac = renderTeams(c);
    expect(adaptiveCardProblems(ac)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(ac))).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(renderText(c).length).toBeGreaterThan(0);
  });

  it('the out-of-scope refusal carries one signed "request approval" button, asking why', () => {
    const c = cards().at(-1)!;
    expect(c.actions).toHaveLength(1);
    expect(c.actions![0]).toMatchObject({ label: 'Request approval for DUCT-CLEAN', style: 'primary', reason: { required: true } });
  });
});

describe('held items on an invoice card', () => {
  it('say why in the reader\'s language', () => {
    const held = [{ what: 'time' as const, jobId: 'J-1001', sources: ['T12'], minutes: 60, reason: { code: 'out-of-scope' as const, task: 'DUCT-CLEAN' } }];
    expect(inLanguage('en', () => heldItems(held))[0]).toContain('DUCT-CLEAN is out of scope: needs an approved out-of-scope request');
    expect(inLanguage('fr', () => heldItems(held))[0]).toContain('DUCT-CLEAN est hors périmètre\u00a0: il faut une demande hors périmètre approuvée');
    // The line around the reason is French too: its word for the item, and a space before the colon.
    expect(inLanguage('en', () => heldItems(held))[0]).toMatch(/^J-1001 time 1h\S* \(T12\): DUCT-CLEAN/);
    expect(inLanguage('fr', () => heldItems(held))[0]!.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^J-1001 temps 1 h \(T12\) : DUCT-CLEAN/);
  });
});

describe('site caps on the billed-vs-promised card', () => {
  it('name their period in the reader\'s words, a quarter included', () => {
    expect(inLanguage('en', () => renderText(billedVsPromisedCard(promisedView('quarter'))))).toContain('MAN-AGG: 14 covered visits per quarter');
    expect(inLanguage('fr', () => renderText(billedVsPromisedCard(promisedView('quarter'))))).toContain('MAN-AGG\u00a0: 14 visites couvertes par trimestre');
    expect(inLanguage('fr', () => renderText(billedVsPromisedCard(promisedView('year'))))).toContain('MAN-AGG\u00a0: 14 visites couvertes par an');
  });
});

describe('a prepaid bank on the usage card', () => {
  it('shows what is left as a whole percentage the reader\'s way', () => {
    // 1410 of 7200 minutes left: 19.6 %, shown whole.
    expect(inLanguage('en', () => renderText(usageCard(usageView())))).toContain('23h30m (20%)');
    expect(inLanguage('fr', () => renderText(usageCard(usageView()))).replace(/[\u00a0\u202f]/g, ' ')).toContain('23 h 30 (20 %)');
  });
});

describe('the invoice PDF on a card', () => {
  const c: Card = { kind: 'invoice', title: 'Issued F000001 (ACME-HVAC-2026-10)', blocks: [{ type: 'file', name: 'Invoice F000001 (Factur-X PDF)', path: '/data/attachments/invoices/F000001.pdf' }], visibility: 'channel' };

  it('is the saved path in the terminal and an attachment note in Slack', () => {
    expect(renderText(c)).toContain('Invoice F000001 (Factur-X PDF): saved to /data/attachments/invoices/F000001.pdf');
    expect(JSON.stringify(renderSlack(c).blocks)).toContain(':page_facing_up: Invoice F000001 (Factur-X PDF) (attached)');
  });

  it('is a link in Teams when the bot can serve it, and says why not otherwise', () => {
    const url = 'https://bot.example.com/api/teams/files/TOKEN/F000001.pdf';
    const linked = renderTeams(c, { fileUrl: (p) => (p.endsWith('F000001.pdf') ? url : undefined) });
    expect(adaptiveCardProblems(linked)).toEqual([]);
    const texts = (linked.body as { text?: string }[]).map((b) => b.text);
    expect(texts).toContain(`[Invoice F000001 \\(Factur-X PDF\\)](${url}) (the link works for 7 days)`);
    expect(JSON.stringify(renderTeams(c, { fileUrl: () => undefined }))).toContain('not attached in Teams: the bot has no PUBLIC_URL to serve it from');
  });
});
