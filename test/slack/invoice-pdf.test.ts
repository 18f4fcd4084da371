/**
 * /invoice issue in Slack: the card in the channel and the Factur-X PDF uploaded next to it
 * (files.uploadV2: an upload URL for the PDF's length, the bytes, then the share into the channel),
 * which the fake Slack accepts only for an upload it handed out and received in full.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackHarness, uid, type SlackHarness } from './harness.js';

let h: SlackHarness;

beforeAll(async () => {
  h = await slackHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('the invoice PDF in Slack', () => {
  it('is uploaded into the channel where finance issued the invoice', { timeout: 120_000 }, async () => {
    h.kit.clock.set('2026-11-02T09:00:00Z');
    await h.command(uid('fiona'), '/invoice', 'issue ACME-HVAC 2026-10', { channel_id: 'C0FINANCE' });
    const asked = await h.fake.waitFor('files.getUploadURLExternal', (c) => c.args.filename === 'F000001.pdf', 60_000);
    const done = await h.fake.waitFor('files.completeUploadExternal', undefined, 60_000);
    expect(done.result).toMatchObject({ ok: true });
    expect(done.args).toMatchObject({ channel_id: 'C0FINANCE' });
    expect(JSON.stringify(done.args.files)).toContain('Invoice F000001 (Factur-X PDF)');
    const upload = h.fake.callsTo('upload').at(-1)!;
    expect(upload.result).toMatchObject({ ok: true });
    // The whole PDF went up: the length announced is the file's, and the form carried at least that.
    const size = statSync(join(h.kit.app.ctx.services.attachmentsDir, 'invoices', 'F000001.pdf')).size;
    expect(Number(asked.args.length)).toBe(size);
    expect(Number(upload.args.bytes)).toBeGreaterThanOrEqual(size);
  });
});
