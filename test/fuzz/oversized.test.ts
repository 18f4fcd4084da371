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
/** bodies the spy route below was handed */
const spied: number[] = [];

beforeAll(async () => {
  // 1 MB per file: the attachment route's limit is then 10 files + 1 MB = 11 MB.
  h = await slackHarness({ env: { MAX_ATTACHMENT_MB: '1' } });
  // A route that records every body it reads, to show an oversized one never reaches a handler.
  h.kit.app.api.post('/test/spy', async (c) => {
    spied.push((await c.req.arrayBuffer()).byteLength);
    return c.text('read');
  });
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

  // A multipart or CSV content type once raised the limit to the upload one (101 MB) on every path,
  // so a 90 MB chunked body to /slack/events was read whole before its 413.
  it('the upload limit follows the route, not the content type: a chunked multipart body a bit over 1 MB is a 413 everywhere else, unread', async () => {
    const body = Buffer.alloc(MAX_BODY_BYTES + 64 * 1024, 'z');
    const before = await rowCounts(h.kit.db);
    for (const type of ['multipart/form-data; boundary=x', 'text/csv', 'application/octet-stream', 'application/json']) {
      for (const path of ['/test/spy', '/slack/events', '/api/messages', '/api/v1/jobs', '/api/v1/contracts']) {
        const res = await post(path, { authorization: `Bearer ${token}`, 'content-type': type }, body, true);
        expect(res.status, `${type} ${path}`).toBe(413);
        if (res.text.startsWith('{')) expect(JSON.parse(res.text), `${type} ${path}`).toMatchObject({ status: 413, detail: 'The request body is larger than 1 MB.' });
      }
    }
    expect(spied).toEqual([]);
    await h.slack.idle();
    expect(h.fake.callsTo('response_url')).toEqual([]);
    expect(changed(before, await rowCounts(h.kit.db))).toEqual([]);
    // The spy does read what is under the limit.
    expect((await post('/test/spy', { 'content-type': 'multipart/form-data; boundary=x' }, Buffer.alloc(1000), true)).status).toBe(200);
    expect(spied).toEqual([1000]);
  });

  it('the upload routes stop reading a chunked body a bit over their own limit (10 files of MAX_ATTACHMENT_MB + 1 MB) with a 413', async () => {
    const job = await h.kit.app.api.request('/api/v1/jobs', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'upload target' }) });
    const ref = ((await job.json()) as { id: string }).id;
    const limit = 11 * 2 ** 20;
    const before = await rowCounts(h.kit.db);
    const head = Buffer.from('--x\r\ncontent-disposition: form-data; name="file"; filename="big.jpg"\r\ncontent-type: image/jpeg\r\n\r\n');
    const multipart = Buffer.concat([head, Buffer.alloc(limit + 64 * 1024 - head.length, 1), Buffer.from('\r\n--x--\r\n')]);
    const upload = await post(`/api/v1/jobs/${ref}/attachments`, { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=x' }, multipart, true);
    expect(upload.status).toBe(413);
    if (upload.text.startsWith('{')) expect(JSON.parse(upload.text)).toMatchObject({ status: 413, detail: 'The request body is larger than 11 MB.' });
    const csv = await post('/api/v1/imports?kind=parts', { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, Buffer.alloc(limit + 64 * 1024, 'a'), true);
    expect(csv.status).toBe(413);
    expect(changed(before, await rowCounts(h.kit.db))).toEqual([]);
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
