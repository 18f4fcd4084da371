/**
 * Correcting work from buttons: Edit and Delete on the technician's day card, Fix and Decline on a
 * /mydata flag's card. They run the verbs of /log edit and /log delete (same rights, reason,
 * audit); a deleted entry stays visible, marked, and is no longer rated; the person who flagged is
 * told the outcome in their language, at a working hour.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import { auditLog, outbox, people, timeEntries } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { logTime } from '../../src/billing/log-time.js';
import { previewInvoice } from '../../src/billing/preview-invoice.js';
import type { Ctx } from '../../src/context.js';
import { testKit, type TestKit } from '../support/app.js';
import { job, say, text } from './helpers.js';

let kit: TestKit;
const directs: { person: string; card: Card }[] = [];
const TOM_EMAIL = 'tom@demo.example';
beforeAll(async () => {
  kit = await testKit();
  kit.app.notifier.addDeliverer({ platform: 'shell', post: async () => 1, update: async () => undefined, direct: async (p, card) => (directs.push({ person: p.email === TOM_EMAIL ? 'Tom Technician' : p.email, card }), 1) });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  directs.length = 0;
  kit.clock.set('2026-10-06T15:00:00Z'); // Tue 17:00 in Paris
});

const d = (iso: string) => new Date(iso);
const entry = async (id: number) => (await kit.db.db.select().from(timeEntries).where(eq(timeEntries.id, id)))[0]!;

/** ACME-HVAC job at PAR-HQ with tom's 09:00-11:00 (Paris) of HVAC-LAB; returns its ref and the entry id. */
async function tomsMorning(): Promise<{ ref: string; id: number }> {
  const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
  const t = await logTime(await kit.as('tom'), { job: ref, start: d('2026-10-06T07:00:00Z'), end: d('2026-10-06T09:00:00Z'), code: 'HVAC-LAB', note: 'belt' });
  return { ref, id: t.entry.id };
}

function button(c: Card, label: string) {
  const a = c.actions?.find((x) => x.label === label);
  if (!a) throw new Error(`no button "${label}" on ${c.title}: ${c.actions?.map((x) => x.label).join(', ')}`);
  return a;
}

async function press(ctx: Ctx, c: Card, label: string, input: { reason?: string; values?: Record<string, string> } = {}): Promise<Card> {
  const [out] = await kit.app.act(ctx, button(c, label).id, input);
  return out!;
}

describe('the day card', () => {
  it('Delete asks for the reason, marks the entry deleted, and the day, the API and the invoice no longer count it', async () => {
    const { ref, id } = await tomsMorning();
    const tom = await kit.as('tom');
    const day = await say(kit, tom, '/log today');
    expect(button(day, `Delete T${id}`).reason).toMatchObject({ required: true });

    const fiona = await kit.as('fiona');
    const jobLines = async () => (await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' })).lines.filter((l) => l.jobId === ref).map((l) => l.code);
    expect(await jobLines()).toContain('HVAC-LAB');

    const noReason = await press(tom, day, `Delete T${id}`, { reason: ' ' });
    expect(noReason.kind).toBe('error');
    expect(text(noReason)).toMatch(/a reason is required/);
    expect((await entry(id)).deletedAt).toBeNull();

    const done = await press(tom, day, `Delete T${id}`, { reason: 'logged on the wrong job' });
    expect(done.title).toBe(`T${id} on ${ref} deleted`);
    expect(await entry(id)).toMatchObject({ deleteReason: 'logged on the wrong job', deletedBy: tom.actor.person!.id, deletedAt: d('2026-10-06T15:00:00Z') });
    const [audit] = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'time.deleted'));
    expect(audit!.data).toMatchObject({ entry: id, reason: 'logged on the wrong job' });

    // Still on the day, marked, out of the total and without buttons.
    const after = await say(kit, tom, '/log today');
    expect(after.title).toMatch(/0m/);
    expect(text(after)).toMatch(new RegExp(`T${id} \\(deleted\\) \\| ${ref} \\| HVAC-LAB .*\\(2h\\) \\| Deleted by Tom Technician: logged on the wrong job`));
    expect(after.actions ?? []).toEqual([]);
    expect(text(await say(kit, tom, '/mydata'))).toContain(`T${id} (deleted) | ${ref}`);

    // The API lists it with its mark; the invoice and the job's rating leave it out.
    const token = await createToken(kit.db.db, 'read', ['read']);
    const res = await kit.app.api.request(`/api/v1/jobs/${ref}/time`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items: { id: number; deleted: unknown }[] };
    expect(body.items).toEqual([expect.objectContaining({ id, deleted: { at: '2026-10-06T15:00:00.000Z', by: tom.actor.person!.id, reason: 'logged on the wrong job' } })]);
    expect(await jobLines()).not.toContain('HVAC-LAB');

    // Deleting again, or editing it, is refused with what happened.
    const again = await press(tom, day, `Delete T${id}`, { reason: 'twice' });
    expect(text(again)).toMatch(/was deleted \(logged on the wrong job\)/);
    // The same slot can be logged again.
    await logTime(tom, { job: ref, start: d('2026-10-06T07:00:00Z'), end: d('2026-10-06T09:00:00Z'), code: 'HVAC-LAB' });
  });

  it('Edit opens a form prefilled with the entry on the site clock and runs /log edit with what changed', async () => {
    const { ref, id } = await tomsMorning();
    const tom = await kit.as('tom');
    const day = await say(kit, tom, '/log today');
    const edit = button(day, `Edit T${id}`);
    const values = Object.fromEntries(edit.form!.fields.map((f) => [f.key, f.value]));
    expect(values).toEqual({ date: '2026-10-06', start: '09:00', duration: '2h', note: 'belt', reason: '' });
    // Slack asks for the same form at the click.
    expect(await kit.app.form(tom, edit.id)).toEqual({ form: edit.form });

    const unchanged = await press(tom, day, `Edit T${id}`, { values: { ...values, reason: 'nothing' } as Record<string, string> });
    expect(text(unchanged)).toMatch(/Nothing changed on T\d+/);
    const bad = await press(tom, day, `Edit T${id}`, { values: { ...values, duration: '1h75m', reason: 'x' } as Record<string, string> });
    expect(text(bad)).toMatch(/1h75m/);
    expect((await entry(id)).endAt).toEqual(d('2026-10-06T09:00:00Z'));

    const c = await press(tom, day, `Edit T${id}`, { values: { ...values, start: '09:30', duration: '1h15m', note: 'belt and filter', reason: 'started later' } as Record<string, string> });
    expect(c.title).toBe(`T${id} on ${ref} corrected`);
    expect(text(c)).toMatch(/Was .*\(2h\), now .*\(1h15m\)/);
    expect(await entry(id)).toMatchObject({ startAt: d('2026-10-06T07:30:00Z'), endAt: d('2026-10-06T08:45:00Z'), note: 'belt and filter', deletedAt: null });
    const [audit] = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'time.corrected'));
    expect(audit!.data).toMatchObject({ entry: id, reason: 'started later', new: { minutes: 75, note: 'belt and filter' } });
  });

  it("each entry's Edit form is on its own job site's clock, for a day across two contracts", async () => {
    const { id: paris } = await tomsMorning();
    const tom = await kit.as('tom');
    const ldn = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'LDN-CORE', 'P3', '2026-10-06T09:30:00Z');
    const london = (await logTime(tom, { job: ldn, start: d('2026-10-06T10:00:00Z'), end: d('2026-10-06T11:30:00Z'), code: 'NET-ENG' })).entry.id;
    const day = await say(kit, tom, '/log today');
    const start = (label: string) => button(day, label).form!.fields.find((f) => f.key === 'start')!.value;
    expect(start(`Edit T${paris}`)).toBe('09:00');
    expect(start(`Edit T${london}`)).toBe('11:00');
  });

  it('a technician cannot delete an invoiced entry from the button; nothing changes', async () => {
    const { id } = await tomsMorning();
    const day = await say(kit, await kit.as('tom'), '/log today');
    kit.clock.set('2026-11-02T09:00:00Z');
    await issueInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-10' });
    const c = await press(await kit.as('tom'), day, `Delete T${id}`, { reason: 'wrong job' });
    expect(c.kind).toBe('error');
    expect(text(c)).toMatch(/is on issued invoice ACME-HVAC-2026-10; a dispatcher or finance corrects it/);
    expect((await entry(id)).deletedAt).toBeNull();
  });
});

describe('a /mydata flag', () => {
  async function flagged(): Promise<{ ref: string; id: number; card: Card; flag: number }> {
    const w = await tomsMorning();
    await say(kit, await kit.as('tom'), `/mydata flag T${w.id} I stopped at 10:00, not 11:00`);
    const [row] = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'correction'));
    const card = await kit.app.notifier.currentCard('correction', row!.subjectId, 'shell');
    return { ...w, card: card!.card, flag: Number(row!.subjectId) };
  }

  it("Fix opens the entry's form with the flag's text as the reason, corrects it, resolves the flag, and tells the technician at their next shift", async () => {
    const { id, card, flag } = await flagged();
    expect(card.actions?.map((a) => a.label)).toEqual([`Fix T${id}`, `Delete T${id}`, 'Decline']);
    const dana = await kit.as('dana');
    const fix = button(card, `Fix T${id}`);
    const form = await kit.app.form(dana, fix.id);
    expect(form).toEqual({ form: fix.form });
    const values = Object.fromEntries(fix.form!.fields.map((f) => [f.key, f.value ?? '']));
    expect(values).toMatchObject({ date: '2026-10-06', start: '09:00', duration: '2h', reason: 'I stopped at 10:00, not 11:00' });

    const done = await press(dana, card, `Fix T${id}`, { values: { ...values, duration: '1h' } });
    expect(text(done)).toMatch(new RegExp(`Corrected: #${flag} from Tom Technician`));
    expect(text(done)).toMatch(/fixed by Dana Dispatcher .*: I stopped at 10:00, not 11:00/);
    expect(done.actions ?? []).toEqual([]);
    expect((await entry(id)).endAt).toEqual(d('2026-10-06T08:00:00Z'));
    // Pressing again says it is handled.
    expect(text(await press(dana, card, 'Decline', { reason: 'late' }))).toMatch(/already fixed by Dana Dispatcher/);

    // Tom is on call, not on shift, at 17:00: he is told at 07:00 the next morning.
    await kit.app.notifier.deliverDue();
    expect(directs).toEqual([]);
    kit.clock.set('2026-10-07T05:00:00Z');
    await kit.app.notifier.deliverDue();
    expect(directs.map((m) => [m.person, m.card.title, text(m.card)])).toEqual([
      ['Tom Technician', `Corrected: your flag #${flag}`, expect.stringMatching(new RegExp(`Dana Dispatcher corrected T${id}, which you flagged: "I stopped at 10:00, not 11:00"\\.\\nReason: I stopped at 10:00, not 11:00`))],
    ]);
  });

  it('Delete from the flag removes the entry with the reason typed, and the technician reads it in French', async () => {
    const { id, card, flag } = await flagged();
    await kit.db.db.update(people).set({ language: 'fr' }).where(eq(people.shellHandle, 'tom'));
    kit.clock.set('2026-10-07T08:00:00Z'); // Wed 10:00 in Paris: on shift
    const done = await press(await kit.as('dana'), card, `Delete T${id}`, { values: { reason: 'double entry' } });
    expect(text(done)).toMatch(/fixed by Dana Dispatcher .*: double entry/);
    expect(await entry(id)).toMatchObject({ deleteReason: 'double entry' });
    await kit.app.notifier.deliverDue();
    expect(directs.map((m) => [m.card.title, text(m.card)])).toEqual([[`Corrigé\u00a0: votre signalement n°${flag}`, expect.stringContaining(`Dana Dispatcher a supprimé T${id}, que vous aviez signalé`)]]);
  });

  it('Decline asks for a reason, keeps the entry, and tells the technician why', async () => {
    const { id, card, flag } = await flagged();
    kit.clock.set('2026-10-07T08:00:00Z');
    const dana = await kit.as('dana');
    expect(button(card, 'Decline').reason).toMatchObject({ required: true });
    expect(text(await press(dana, card, 'Decline', { reason: '' }))).toMatch(/Say why the record stays as it is/);
    const done = await press(dana, card, 'Decline', { reason: 'the badge log shows 11:00' });
    expect(text(done)).toMatch(/rejected by Dana Dispatcher .*: the badge log shows 11:00/);
    expect((await entry(id)).endAt).toEqual(d('2026-10-06T09:00:00Z'));
    await kit.app.notifier.deliverDue();
    expect(directs.map((m) => [m.card.title, text(m.card)])).toEqual([
      [`Not changed: your flag #${flag}`, `Not changed: your flag #${flag}\nDana Dispatcher kept T${id} as it is, which you flagged: "I stopped at 10:00, not 11:00".\nReason: the badge log shows 11:00`],
    ]);
  });

  it('a technician cannot press Fix', async () => {
    const { id, card } = await flagged();
    const c = await press(await kit.as('tom'), card, `Fix T${id}`, { values: { date: '2026-10-06', start: '09:00', duration: '1h', note: '', reason: 'me' } });
    expect(c.kind).toBe('error');
    expect((await entry(id)).endAt).toEqual(d('2026-10-06T09:00:00Z'));
  });
});
