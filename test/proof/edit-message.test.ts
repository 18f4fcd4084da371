/**
 * The Edit button on a draft customer message (issue #8 §4), in Teams (inputs on the card,
 * Action.Execute answered with the updated card) and in the terminal (a prompt per field). The
 * Slack modal is in test/proof/slack.test.ts. Edits go through /message edit's verb: who and when
 * are recorded, only drafts change, the subject and body cannot be empty.
 */
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, customerMessages, teamChannels } from '../../db/schema.js';
import { Shell } from '../../src/chat/shell/shell.js';
import { ShiftedClock } from '../../src/clock.js';
import { loadMessageView } from '../../src/messages/load-message.js';
import type { TestKit } from '../support/app.js';
import { CHANNEL, execute, message, post, TENANT } from '../teams/activities.js';
import { adaptiveCardProblems, allActions } from '../teams/adaptive-cards.js';
import { knowDemoPeople, teamsKit, type FakeConnector } from '../teams/fake-connector.js';

let kit: TestKit;
let fake: FakeConnector;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ kit, fake, close } = await teamsKit({ now: '2026-11-24T14:00:00Z' }));
});
afterAll(() => close?.());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T14:00:00Z');
  fake.clear();
  knowDemoPeople(fake);
});

const messages = () => kit.db.db.select().from(customerMessages).orderBy(customerMessages.id);

describe('Edit in Teams', () => {
  /** The confirmation draft of a new St Luke job, as posted to the team's Teams channel. */
  async function draftPosted(): Promise<Record<string, unknown>> {
    await kit.db.db.insert(teamChannels).values({ teamId: 'biomed-east', purpose: 'dispatch', platform: 'teams', target: { conversationId: CHANNEL, serviceUrl: fake.url, tenantId: TENANT } });
    await post(kit.app, message(fake.url, 'dana', 'job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm'));
    fake.clear();
    await kit.app.notifier.deliverDue();
    const card = fake.cards().find((c) => c.conversationId === CHANNEL && /Draft to St Luke/.test(JSON.stringify(c.card)))!.card;
    expect(adaptiveCardProblems(card)).toEqual([]);
    return card;
  }

  /** The Edit ShowCard: its inputs (id -> prefilled value) and its Save button's data. */
  function editForm(card: Record<string, unknown>) {
    const show = allActions(card).find((a) => a.type === 'Action.ShowCard' && a.title === 'Edit')!;
    const inner = show.card as { body: { type: string; id: string; value?: string; isRequired?: boolean }[] };
    const save = allActions(inner).find((a) => a.type === 'Action.Execute' && a.title === 'Save')!;
    return { inputs: inner.body.filter((b) => b.type === 'Input.Text'), data: save.data as Record<string, unknown> };
  }

  it('the card holds the subject and body prefilled; Save answers with the updated card and records who and when', async () => {
    const card = await draftPosted();
    const { inputs, data } = editForm(card);
    const [row] = await messages();
    expect(inputs.map((i) => [i.id.replace(/^form\.\d+\./, ''), i.value, i.isRequired])).toEqual([
      ['subject', "J-1001: Service request received (St Luke's Regional Hospital)", true],
      ['body', row!.body, true],
    ]);
    const [subjectId, bodyId] = inputs.map((i) => i.id);
    const res = await post(kit.app, execute(fake.url, 'dana', { ...data, [subjectId!]: 'Pump alarm: on our way', [bodyId!]: 'Hello, Tom is on his way.\nETA 10:30.' }, { channel: CHANNEL }));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const updated = JSON.stringify(res.body!.value);
    expect(updated).toMatch(/Pump alarm: on our way/);
    expect(updated).toMatch(/Tom is on his way/);
    expect(updated).toMatch(/Edited/);
    expect(adaptiveCardProblems(res.body!.value)).toEqual([]);
    const [after] = await messages();
    expect(after).toMatchObject({ status: 'draft', subject: 'Pump alarm: on our way', body: 'Hello, Tom is on his way.\nETA 10:30.', editedAt: new Date('2026-11-24T14:00:00Z') });
    const v = await loadMessageView(kit.db.db, after!.id, kit.clock.now());
    expect(v.editedBy).toBe('Dana Dispatcher');
    const trail = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'message.edited'));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.data).toMatchObject({ after: 'Hello, Tom is on his way.\nETA 10:30.', subject: 'Pump alarm: on our way' });
  });

  it('an emptied field, a technician, or a message no longer a draft change nothing', async () => {
    const card = await draftPosted();
    const { inputs, data } = editForm(card);
    const [subjectId, bodyId] = inputs.map((i) => i.id);
    const [before] = await messages();
    // Teams leaves an emptied input out of the data
    const empty = await post(kit.app, execute(fake.url, 'dana', { ...data, [subjectId!]: 'New subject' }, { channel: CHANNEL }));
    expect(empty.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/Type the new text of the message/) });
    const tech = await post(kit.app, execute(fake.url, 'tom', { ...data, [subjectId!]: 'x', [bodyId!]: 'y' }, { channel: CHANNEL }));
    expect(String(tech.body!.value)).toMatch(/Only dispatcher or manager can edit customer messages/);
    await kit.app.dispatch(await kit.as('dana'), `/message discard ${before!.id}`);
    const late = await post(kit.app, execute(fake.url, 'dana', { ...data, [subjectId!]: 'x', [bodyId!]: 'y' }, { channel: CHANNEL }));
    expect(String(late.body!.value)).toMatch(/This message was discarded/);
    const [after] = await messages();
    expect([after!.body, after!.subject, after!.editedAt]).toEqual([before!.body, null, null]);
  });
});

describe('Edit in the terminal', () => {
  function shell() {
    const out = new PassThrough();
    let screen = '';
    out.on('data', (d: Buffer) => (screen += d.toString()));
    const sh = new Shell(
      {
        ctx: kit.app.ctx,
        clock: new ShiftedClock(),
        dispatch: (c, line) => kit.app.dispatch(c, line),
        act: (c, id, input) => kit.app.act(c, id, input),
        tick: async () => void (await kit.app.notifier.deliverDue()),
        out,
        zone: 'UTC',
      },
      'dana',
    );
    kit.app.notifier.addDeliverer(sh);
    return { sh, screen: () => screen };
  }

  it('Edit prompts for each field showing its current text; Enter keeps it, \\n starts a new line', async () => {
    const { sh, screen } = shell();
    await sh.handleLine('/job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm', async () => undefined);
    await sh.handleLine('/message 1', async () => undefined);
    const choice = /\[(\d+)\] Edit \(asks for subject, message\)/.exec(screen())?.[1];
    expect(choice).toBeDefined();
    const asked: string[] = [];
    const answers = ['', 'Hello,\\nTom arrives at 10:30.'];
    await sh.handleLine(choice!, async (q) => {
      asked.push(q);
      return answers.shift();
    });
    expect(asked).toEqual(['Subject, Enter keeps it: ', 'Message (\\n for a new line), Enter keeps it: ']);
    expect(screen()).toMatch(/Subject now:\n {2}\| J-1001: Service request received \(St Luke's Regional Hospital\)/);
    const [row] = await messages();
    expect(row).toMatchObject({ subject: "J-1001: Service request received (St Luke's Regional Hospital)", body: 'Hello,\nTom arrives at 10:30.' });
    expect(screen()).toMatch(/Edited\s+by Dana Dispatcher/);
  });

  it('a blank answer keeps the current text: only the field typed changes', async () => {
    const { sh, screen } = shell();
    await sh.handleLine('/job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm', async () => undefined);
    await sh.handleLine('/message 1', async () => undefined);
    const [before] = await messages();
    const choice = /\[(\d+)\] Edit/.exec(screen())![1]!;
    const answers = ['New subject', '   '];
    await sh.handleLine(choice, async () => answers.shift());
    const [after] = await messages();
    expect(after!.body).toBe(before!.body);
    expect(after!.subject).toBe('New subject');
  });
});
