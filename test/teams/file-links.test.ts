/**
 * Links to files the bot wrote (charts in Teams cards): opaque, unforgeable and expiring.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/app.js';
import { FILE_LINK_TTL_MS, TeamsFiles } from '../../src/chat/teams/files.js';
import { createLogger } from '../../src/log.js';

describe('file links', () => {
  it('carry no server path, work until they expire, then answer 410; a forged or altered one is 404', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'co-links-'));
    const chart = join(dir, 'kpi-chart.png');
    writeFileSync(chart, Buffer.from('89504e470d0a1a0a', 'hex'));
    let now = Date.parse('2026-11-23T09:00:00Z');
    const files = new TeamsFiles({ secret: 'k', publicUrl: 'https://bot.example.com/', maxBytes: 1e6, dev: false, log: createLogger('silent'), getWithBotToken: () => Promise.reject(new Error('unused')), now: () => now });
    const api = new OpenAPIHono() as unknown as Api;
    files.route(api);

    const url = files.fileUrl(chart)!;
    expect(url).toMatch(/^https:\/\/bot\.example\.com\/api\/teams\/files\/[\w-]+\/kpi-chart\.png$/);
    const token = url.split('/').at(-2)!;
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain(dir);
    expect(url).not.toContain(Buffer.from(chart).toString('base64url').slice(0, 12));

    const get = (u: string) => api.request(new URL(u).pathname);
    const ok = await get(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');

    const flipped = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect((await get(url.replace(token, flipped))).status).toBe(404);
    const oldStyle = `${Buffer.from(chart).toString('base64url')}.abcdefghijklmnopqrstuv`;
    expect((await get(url.replace(token, oldStyle))).status).toBe(404);
    const other = new TeamsFiles({ secret: 'another', publicUrl: 'https://bot.example.com', maxBytes: 1e6, dev: false, log: createLogger('silent'), getWithBotToken: () => Promise.reject(new Error('unused')), now: () => now });
    expect((await get(other.fileUrl(chart)!)).status).toBe(404);

    now += FILE_LINK_TTL_MS - 1000;
    expect((await get(url)).status).toBe(200);
    now += 2000;
    const gone = await get(url);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toEqual({ error: 'This link has expired' });
  });

  it('serve an invoice PDF as a download while the link lasts; without PUBLIC_URL a PDF gets no link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'co-links-pdf-'));
    const pdf = join(dir, 'F000001.pdf');
    writeFileSync(pdf, Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1'));
    let now = Date.parse('2026-11-23T09:00:00Z');
    const opts = { secret: 'k', maxBytes: 1e6, dev: false, log: createLogger('silent'), getWithBotToken: () => Promise.reject(new Error('unused')), now: () => now };
    const files = new TeamsFiles({ ...opts, publicUrl: 'https://bot.example.com' });
    const api = new OpenAPIHono() as unknown as Api;
    files.route(api);
    const url = files.fileUrl(pdf)!;
    expect(url).toMatch(/\/F000001\.pdf$/);
    const res = await api.request(new URL(url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=F000001.pdf');
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toBe('%PDF-1.7\n%%EOF\n');
    now += FILE_LINK_TTL_MS + 1000;
    expect((await api.request(new URL(url).pathname)).status).toBe(410);
    expect(new TeamsFiles(opts).fileUrl(pdf)).toBeUndefined();
  });
});
