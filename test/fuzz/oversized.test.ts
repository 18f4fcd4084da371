/**
 * Oversized input on the one HTTP server: bodies past 1 MB are refused (413) before any handler
 * reads them, with or without Content-Length, on the API, /slack/events and /api/messages; a
 * long but legal Slack command is answered within Block Kit's limits.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/api/app.js';
import { createToken } from '../../src/api/tokens.js';
import type { Platforms } from '../../src/chat/platforms.js';
import { startTeams } from '../../src/chat/teams/index.js';
import { silentLogger } from '../../src/log.js';
import { slackHarness, uid, type SlackHarness } from '../slack/harness.js';
import { form, sign, slashCommand } from '../slack/payloads.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { changed, rowCounts } from './support.js';

let h: SlackHarness;
let base: string;
let token: string;
let teams: Platforms;

beforeAll(async () => {
  h = await slackHarness();
  // Teams beside Slack on the same server, with credentials (routes are added before any request).
  teams = await startTeams(h.kit.app, { ...h.kit.config, teams: { clientId: '00000000-0000-0000-0000-0000000000aa', clientSecret: 'not-a-real-secret', tenantId: 'tenant-demo' } }, silentLogger);
  base = `http://127.0.0.1:${h.http!.port}`;
  token = await createToken(h.kit.db.db, 'oversized', ['read', 'write', 'admin']);
});
afterAll(async () => {
  await teams?.stop();
  await h?.close();
});

/** POST over a real socket, either with Content-Length or chunked (no length: read as it streams). */
function post(path: string, headers: Record<string, string>, body: Buffer, chunked: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { ...headers, ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may answer 413 and close before the whole body is sent.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: 413, text: 'closed while sending' }) : reject(err)));
    if (chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

const big = (bytes: number) => Buffer.from(JSON.stringify({ contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'x'.repeat(bytes) }));

describe('bodies past the limit', () => {
  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked, no Content-Length' : 'with Content-Length';
    it(`the API refuses 1.5 MB of JSON (${how}) with a 413 problem and writes nothing`, async () => {
      const before = await rowCounts(h.kit.db);
      const res = await post('/api/v1/jobs', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, big(1.5 * MAX_BODY_BYTES), chunked);
      expect(res.status).toBe(413);
      if (res.text.startsWith('{')) expect(JSON.parse(res.text)).toMatchObject({ status: 413, title: 'Payload too large' });
      expect(changed(before, await rowCounts(h.kit.db))).toEqual([]);
    });

    it(`/slack/events refuses a signed 1.5 MB body (${how})`, async () => {
      const body = form(slashCommand({ command: '/job', text: `new ACME-HVAC PAR-HQ P3 ${'y'.repeat(1.5 * MAX_BODY_BYTES)}`, user_id: uid('dana'), response_url: h.fake.responseUrl(), trigger_id: h.fake.triggerId() }));
      const before = await rowCounts(h.kit.db);
      const res = await post('/slack/events', { 'content-type': 'application/x-www-form-urlencoded', ...sign(body, 'test-signing-secret') }, Buffer.from(body), chunked);
      expect(res.status).toBe(413);
      await h.slack.idle();
      expect(h.fake.callsTo('response_url')).toEqual([]);
      expect(changed(before, await rowCounts(h.kit.db))).toEqual([]);
    });
  }

  it('/api/messages (Teams) refuses a 1.5 MB activity, chunked, before token validation', async () => {
    const res = await post('/api/messages', { 'content-type': 'application/json' }, big(1.5 * MAX_BODY_BYTES), true);
    expect(res.status).toBe(413);
    // The route is there: a small unsigned activity is refused by the SDK's token check instead.
    const small = await post('/api/messages', { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ type: 'message', text: 'help', serviceUrl: 'http://127.0.0.1/' })), false);
    expect(small.status).toBe(401);
  });

  it('a body just under the limit still reaches the handler', async () => {
    const res = await post('/api/v1/jobs', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, big(MAX_BODY_BYTES - 1024), true);
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });
});

describe('long but legal input', () => {
  it('a 3,000-character Slack command is answered within Block Kit limits', async () => {
    const { res, responseUrl } = await h.command(uid('dana'), '/job', `new ACME-HVAC PAR-HQ P3 ${'Chiller <!channel> tripping '.repeat(110)}`);
    expect(res.status).toBe(200);
    await h.slack.idle();
    const replies = [...h.responses(responseUrl), ...h.fake.callsTo('chat.postMessage')];
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) {
      expect(r.result.ok, JSON.stringify(r.result)).toBe(true);
      expect(blockKitProblems(r.args.blocks)).toEqual([]);
    }
  });
});
