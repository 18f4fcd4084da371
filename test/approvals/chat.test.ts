/**
 * Approvals through a chat surface: commands typed as people, the card delivered to the approvals
 * channel, its buttons pressed with `app.act` using the action ids on the delivered card, exactly as
 * Slack, Teams and the terminal do. And the terminal chat end to end: a technician's /oos shows a
 * quote, a manager approves by typing the number of the button.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Card } from '../../cards/card.js';
import { plain } from '../../cards/card.js';
import { renderText } from '../../cards/text.js';
import { approvals, credits, customerMessages, timeEntries } from '../../db/schema.js';
import { logTime } from '../../src/billing/log-time.js';
import { previewInvoice } from '../../src/billing/preview-invoice.js';
import { expireAndRemind } from '../../src/approvals/expire-and-remind.js';
import { Shell } from '../../src/chat/shell/shell.js';
import { ShiftedClock } from '../../src/clock.js';
import type { Deliverer } from '../../src/notify/deliverer.js';
import { testKit, type TestKit } from '../support/app.js';
import { aJob } from './helpers.js';

/**
 * A fake channel: records the approval cards the notifier posts and updates, and the approval
 * notices it sends directly (other features post their own cards to the same outbox; ignored).
 */
class Recorder implements Deliverer {
  readonly platform = 'shell' as const;
  posts: Card[] = [];
  updates: Card[] = [];
  directs: { email: string; card: Card }[] = [];
  private n = 0;
  async post(_t: unknown, c: Card) {
    if (c.kind === 'approval') this.posts.push(c);
    return { line: ++this.n };
  }
  async update(_r: unknown, c: Card) {
    if (c.kind === 'approval') this.updates.push(c);
  }
  async direct(p: { email: string }, c: Card) {
    if (c.kind === 'approval' || /request #\d+/.test(c.title)) this.directs.push({ email: p.email, card: c });
    return {};
  }
}

let kit: TestKit;
let rec: Recorder;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-23T09:00:00Z');
  rec = new Recorder();
  kit.app.notifier.addDeliverer(rec);
});

const text = (c: Card) => renderText(c, { zone: 'UTC' });
const action = (c: Card | undefined, label: RegExp) => {
  const a = c?.actions?.find((x) => label.test(x.label));
  if (!a) throw new Error(`no action ${label} on ${c ? c.title : 'no card'}`);
  return a;
};

async function say(handle: string, line: string): Promise<Card> {
  const [c] = await kit.app.dispatch(await kit.as(handle), line);
  return c!;
}

async function press(handle: string, id: string, reason?: string): Promise<Card> {
  const [c] = await kit.app.act(await kit.as(handle), id, { reason });
  return c!;
}

describe('approvals in chat', () => {
  it('a request is posted with Approve and Reject; the verb refuses the requester and wrong roles; one approval, then "already approved"', async () => {
    const ref = await aJob(kit);
    const reply = await say('tom', `/oos ${ref} DUCT-CLEAN 2h ducts clogged, customer asked on site`);
    expect(reply.title).toMatch(/^Sent for approval \(#1\) to manager/);
    expect(reply.actions).toEqual([]);
    expect(text(reply)).toContain('EUR 190.00');
    expect(text(reply)).toContain('approvals.outOfScope: approvers manager, autoApproveUnder 150.00');

    await kit.app.notifier.deliverDue();
    expect(rec.posts).toHaveLength(1);
    const posted = rec.posts[0]!;
    expect(posted.title).toBe(`Approval needed: out-of-scope work on ${ref}`);
    const t = text(posted);
    for (const want of ['Tom Technician', `${ref}: Air handler noisy`, 'Acme Facilities SAS (ACME-HVAC v1)', 'EUR 190.00', 'Unlocks logging DUCT-CLEAN', 'ducts clogged']) expect(t).toContain(want);
    const approve = action(posted, /^Approve/);
    const reject = action(posted, /^Reject/);
    expect(reject.reason).toEqual({ label: 'Why reject?', required: true });

    const own = await press('tom', approve.id);
    expect(own.kind).toBe('error');
    expect(plain((own.blocks[0] as { text: string }).text)).toMatch(/Nobody decides their own request/);
    expect(text(await press('dana', approve.id))).toMatch(/only a manager can decide/);

    const done = await press('max', approve.id);
    expect(done.title).toBe(`Approved: out-of-scope work on ${ref}`);
    expect(done.actions).toEqual([]);
    expect(text(done)).toMatch(/Approved by Max Manager at/);

    const again = await press('max', approve.id);
    expect(again.title).toBe('Already done');
    expect(text(again)).toMatch(/already approved by Max Manager at Mon 23 Nov 09:00 UTC; nothing was changed/);
    expect(text(await press('lee', reject.id, 'too dear'))).toMatch(/already approved by Max Manager/);

    await kit.app.notifier.deliverDue();
    expect(rec.updates.map((c) => c.title)).toEqual([`Approved: out-of-scope work on ${ref}`]);
    expect(rec.directs.map((d) => [d.email, d.card.title])).toEqual([['tom@demo.example', 'Your request #1 was approved']]);
    const [row] = await kit.db.db.select().from(approvals);
    expect(row).toMatchObject({ status: 'approved', decidedAt: new Date('2026-11-23T09:00:00Z') });
  });

  it('two managers pressing Approve and Reject at once: exactly one decision', async () => {
    const ref = await aJob(kit);
    await say('tom', `/credit ${ref} 200.00 two late visits`);
    await kit.app.notifier.deliverDue();
    const c = rec.posts[0]!;
    const [a, b] = await Promise.all([press('max', action(c, /^Approve/).id), press('lee', action(c, /^Reject/).id, 'not our fault')]);
    const titles = [a.title, b.title].sort();
    expect(titles.filter((x) => x === 'Already done')).toHaveLength(1);
    expect(titles.some((x) => /^(Approved|Rejected): goodwill credit/.test(x))).toBe(true);
    const [row] = await kit.db.db.select().from(approvals);
    expect(await kit.db.db.select().from(credits)).toHaveLength(row!.status === 'approved' ? 1 : 0);
  });

  it('rejecting asks for a reason and the card shows it', async () => {
    const ref = await aJob(kit);
    await say('tom', `/oos ${ref} "Repaint plant room" 450.00 peeling`);
    await kit.app.notifier.deliverDue();
    const reject = action(rec.posts[0], /^Reject/);
    expect(text(await press('max', reject.id))).toMatch(/Say why you reject it/);
    const card = await press('max', reject.id, 'not maintenance work');
    expect(card.title).toMatch(/^Rejected: out-of-scope work/);
    expect(text(card)).toMatch(/Rejected by Max Manager at .*: not maintenance work/);
  });

  it('over the goodwill limit finance decides; under autoApproveUnder it is approved at once', async () => {
    const ref = await aJob(kit);
    await say('dana', `/credit ${ref} 400.00 outage during their launch`);
    await kit.app.notifier.deliverDue();
    const approve = action(rec.posts[0], /^Approve/);
    expect(text(rec.posts[0]!)).toMatch(/Beyond the limit: finance must decide/);
    expect(text(await press('max', approve.id))).toMatch(/beyond approvals.goodwill.limit 300.00, so only finance/);
    expect((await press('fiona', approve.id)).title).toMatch(/^Approved: goodwill credit/);

    const auto = await say('tom', `/oos ${ref} DUCT-CLEAN 1 quick extra`);
    expect(auto.title).toMatch(/^Approved automatically \(#2\): EUR 95.00 is under/);
    await kit.app.notifier.deliverDue();
    expect(rec.posts[1]!.title).toMatch(/^Approved automatically: out-of-scope work/);
    expect(rec.posts[1]!.actions).toEqual([]);
  });

  it('an expired request says so on its card and its buttons no longer approve', async () => {
    const ref = await aJob(kit);
    await say('tom', `/oos ${ref} DUCT-CLEAN 3h`);
    await kit.app.notifier.deliverDue();
    const approve = action(rec.posts[0], /^Approve/);
    expect(text(rec.posts[0]!)).toMatch(/expires Thu 26 Nov/);
    kit.clock.advance(72 * 60 + 1);
    await expireAndRemind(kit.app.ctx);
    await kit.app.notifier.deliverDue();
    expect(rec.updates[0]!.title).toMatch(/^Expired: out-of-scope work/);
    expect(rec.updates[0]!.actions).toEqual([]);
    expect(text(await press('max', approve.id))).toMatch(/expired at Thu 26 Nov 09:00 UTC without a decision/);
  });

  it('/requests lists what waits for me with its buttons; /audit shows the trail; usage errors explain themselves', async () => {
    const ref = await aJob(kit);
    await say('tom', `/oos ${ref} DUCT-CLEAN 2h`);
    const mine = await say('tom', '/requests');
    expect(text(mine)).toMatch(/Your pending requests \(1\)/);
    expect(mine.actions).toEqual([]);
    const todo = await say('max', '/requests');
    expect(text(todo)).toMatch(/Waiting for your decision \(1\)/);
    expect((await press('max', action(todo, /^Approve #1/).id)).title).toMatch(/^Approved/);
    const trail = await say('dana', `/audit ${ref}`);
    expect(text(trail)).toMatch(/approval\.requested[\s\S]*approval\.approved/);
    expect((await say('tom', '/oos')).title).toBe('Usage');
    expect(text(await say('tom', `/oos ${ref} DUCT-CLEAN lots`))).toMatch(/not a quantity/);
    expect(text(await say('tom', `/credit ${ref} soon sorry`))).toMatch(/neither an amount/);
  });

  it('/role and /team: admins change roles; managers bind the channel they type in', async () => {
    expect(text(await say('ada', '/role @tess manager'))).toMatch(/Tess Technician: added manager/);
    expect(text(await say('ada', '/role @tess -manager'))).toMatch(/removed manager/);
    expect(text(await say('max', '/role @tess manager'))).toMatch(/Only admin can manage roles/);
    const max = await kit.as('max');
    const [bound] = await kit.app.dispatch({ ...max, origin: { platform: 'shell', target: {}, label: 'this terminal' } }, '/team bind approvals hvac-paris');
    expect(text(bound!)).toMatch(/this terminal now receives hvac-paris's approvals on shell/);
    expect(text(await say('max', '/team lead @max hvac-paris'))).toMatch(/Max Manager now leads hvac-paris/);
    expect(text(await say('max', '/team show hvac-paris'))).toMatch(/approvals\s+shell/);
  });
});

describe('terminal chat', () => {
  it("a technician's /oos shows a quote; a manager approves it by typing the button's number", async () => {
    // A wide terminal, so each invoice line prints on one line (the shell wraps to the terminal's width).
    const out = Object.assign(new PassThrough(), { columns: 200 });
    let screen = '';
    out.on('data', (d: Buffer) => (screen += d.toString()));
    const shell = new Shell(
      {
        ctx: kit.app.ctx,
        clock: new ShiftedClock(),
        dispatch: (c, line) => kit.app.dispatch(c, line),
        act: (c, id, input) => kit.app.act(c, id, input),
        tick: async () => {
          await expireAndRemind(kit.app.ctx);
          await kit.app.notifier.deliverDue();
        },
        out,
        zone: 'UTC',
      },
      'dana',
    );
    kit.app.notifier.addDeliverer(shell);
    const ask = async () => 'not needed';
    await shell.handleLine('/job new ACME-HVAC PAR-HQ P3 Air handler noisy', ask);
    await shell.handleLine('/as tom', ask);
    await shell.handleLine('/oos J-1001 DUCT-CLEAN 2h ducts clogged', ask);
    expect(screen).toMatch(/Sent for approval \(#1\) to manager/);
    expect(screen).toMatch(/Quote\s+EUR 190.00/);
    expect(screen).toMatch(/>> #hvac-paris approvals\n== ! Approval needed: out-of-scope work on J-1001 ==/);
    const n = [...screen.matchAll(/\[(\d+)\] Approve\n/g)].at(-1)![1]!;
    await shell.handleLine('/as max', ask);
    await shell.handleLine(n, ask);
    expect(screen).toMatch(/== Approved: out-of-scope work on J-1001 ==[\s\S]*Approved by Max Manager/);
    expect(screen).toMatch(/>> direct message to tom@demo.example\n== Your request #1 was approved ==/);
    expect(screen).toMatch(/>> \(card updated\)/);
    const [row] = await kit.db.db.select().from(approvals);
    expect(row).toMatchObject({ kind: 'outOfScope', status: 'approved', amount: 19000, request: expect.objectContaining({ code: 'DUCT-CLEAN', minutes: 120 }) });
    expect(await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'quote'))).toHaveLength(1);

    // Work the library lacks: a quoted extra, approved the same way.
    await shell.handleLine('/as tom', ask);
    await shell.handleLine('/oos J-1001 "Replace damper actuator" 240.00 seized', ask);
    const m = [...screen.matchAll(/\[(\d+)\] Approve\n/g)].at(-1)![1]!;
    await shell.handleLine('/as max', ask);
    await shell.handleLine(m, ask);

    // The invoice preview shows the approved extra, referencing the approval.
    await shell.handleLine('/as fiona', ask);
    const before = screen.length;
    await shell.handleLine('/invoice ACME-HVAC 2026-11', ask);
    expect(screen.slice(before)).toMatch(/Replace damper actuator.*240\.00.*devis hors périmètre approuvé \(A2\)/);
  });
});

describe('billing reads the approvals', () => {
  it('approved out-of-scope time is logged and priced on the invoice preview, referencing the approval', async () => {
    const ref = await aJob(kit);
    await say('tom', `/oos ${ref} DUCT-CLEAN 2h ducts clogged`);
    const tom = await kit.as('tom');
    kit.clock.set('2026-11-23T12:00:00Z'); // Mon 13:00 Paris
    const span = { job: ref, start: new Date('2026-11-23T10:00:00Z'), end: new Date('2026-11-23T12:00:00Z'), code: 'DUCT-CLEAN' };
    await expect(logTime(tom, span)).rejects.toThrow(/out of scope/);
    const [a] = await kit.db.db.select().from(approvals);
    await kit.app.act(await kit.as('max'), (await kit.app.dispatch(await kit.as('max'), '/requests'))[0]!.actions![0]!.id);
    const logged = await logTime(tom, span);
    expect(logged.entry.approvalId).toBe(a!.id);
    const inv = await previewInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-11' });
    const line = inv.lines.find((l) => l.code === 'DUCT-CLEAN');
    expect(line).toMatchObject({ amount: 19000, sources: expect.arrayContaining([`T${logged.entry.id}`]) });
    expect(line!.rule).toMatch(/hors périmètre approuvé \(A1\)/);
    expect(await kit.db.db.select().from(timeEntries)).toHaveLength(1);
  });
});
