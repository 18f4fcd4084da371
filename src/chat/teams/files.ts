/**
 * Files both ways. Out: an image the bot wrote (a chart) or a personal export (JSON, CSV) has no
 * URL, so Teams gets a sealed, expiring link served by this bot when PUBLIC_URL is set, else (images
 * only) a data: URI if small enough for the card.
 * In: files attached to a message (a contract upload, a photo) are downloaded for the command,
 * with the bot token only where Teams serves them (the service URL's own host).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import type { Args } from '../../../commands/command.js';
import type { Api } from '../../api/app.js';
import { contentDisposition } from '../../api/disposition.js';
import type { Logger } from '../../log.js';
import type { Inbound } from './activity.js';

const FILES_PATH = '/api/teams/files/';
/** leave room in the card's 26 KB for everything else */
const DATA_URI_MAX_BYTES = 12_000;
/** How long a file link works: long enough for a card read days later, not forever. */
export const FILE_LINK_TTL_MS = 7 * 24 * 60 * 60_000;
const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.pdf': 'application/pdf' };
const isImage = (type: string) => type.startsWith('image/');

const downloadInfo = z.object({ downloadUrl: z.url(), fileType: z.string().optional() });

export interface FilesOptions {
  secret: string;
  publicUrl?: string;
  maxBytes: number;
  /** development mode: plain http on loopback is a valid file location */
  dev: boolean;
  log: Logger;
  /** a GET with the bot token (the SDK's client); returns the body */
  getWithBotToken(url: string, maxBytes: number): Promise<Buffer>;
  /** milliseconds since the epoch, for link expiry (tests pass their clock) */
  now?: () => number;
  /** how long a link works; FILE_LINK_TTL_MS unless told */
  ttlMs?: number;
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

export class TeamsFiles {
  private readonly key: Buffer;

  constructor(private o: FilesOptions) {
    this.key = createHmac('sha256', o.secret).update('contract-ops teams file links v2').digest();
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  /**
   * An opaque link token: the path and its expiry sealed with AES-256-GCM under a key derived from
   * the action secret. It reveals nothing of the server's paths, and nobody can make or alter one.
   */
  private seal(path: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const plain = Buffer.from(JSON.stringify({ p: path, e: this.now() + (this.o.ttlMs ?? FILE_LINK_TTL_MS) }));
    return Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]).toString('base64url');
  }

  /** The path a token names, 'expired', or undefined when it is not one of ours. */
  private open(token: string): string | 'expired' | undefined {
    const raw = Buffer.from(token, 'base64url');
    if (raw.length < 12 + 16 + 1) return undefined;
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(raw.length - 16));
      const plain = Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]);
      const { p, e } = z.object({ p: z.string(), e: z.number() }).parse(JSON.parse(plain.toString('utf8')));
      return e <= this.now() ? 'expired' : p;
    } catch {
      return undefined;
    }
  }

  /** A URL Teams can load for a file the bot wrote, or undefined (the card shows the alt text). */
  fileUrl = (path: string): string | undefined => {
    const type = MIME[extname(path).toLowerCase()];
    if (!type) return undefined;
    if (this.o.publicUrl) {
      return `${this.o.publicUrl.replace(/\/+$/, '')}${FILES_PATH}${this.seal(path)}/${encodeURIComponent(basename(path))}`;
    }
    if (!isImage(type)) return undefined;
    try {
      if (statSync(path).size > DATA_URI_MAX_BYTES) return undefined;
      return `data:${type};base64,${readFileSync(path).toString('base64')}`;
    } catch {
      return undefined;
    }
  };

  /** Serve the sealed links: only paths this bot sealed, before they expire, only the types above. */
  route(api: Api): void {
    api.get(`${FILES_PATH}:token/:name`, (c) => {
      const path = this.open(c.req.param('token'));
      if (!path) return c.json({ error: 'Not found' }, 404);
      if (path === 'expired') return c.json({ error: 'This link has expired' }, 410);
      const type = MIME[extname(path).toLowerCase()];
      if (!type) return c.json({ error: 'Not found' }, 404);
      try {
        return c.body(readFileSync(path), 200, { 'content-type': type, 'cache-control': 'private, max-age=86400', 'content-disposition': contentDisposition(isImage(type) ? 'inline' : 'attachment', basename(path)) });
      } catch {
        return c.json({ error: 'Gone' }, 404);
      }
    });
  }

  private allowed(url: URL): boolean {
    if (url.protocol === 'https:') return true;
    return this.o.dev && url.protocol === 'http:' && isLoopbackHost(url.hostname);
  }

  /**
   * The files of a message, downloaded. Teams sends uploads in personal chats as download links
   * (pre-authenticated, no token) and pasted images as connector URLs (bot token needed).
   * A file that cannot be fetched is skipped and logged; the command then says what it misses.
   */
  async download(a: Inbound): Promise<Args['files']> {
    const out: NonNullable<Args['files']> = [];
    const service = new URL(a.serviceUrl);
    for (const att of a.attachments ?? []) {
      try {
        if (att.contentType === 'application/vnd.microsoft.teams.file.download.info') {
          const info = downloadInfo.parse(att.content);
          const url = new URL(info.downloadUrl);
          if (!this.allowed(url)) continue;
          const data = await this.fetchPlain(url);
          out.push({ name: att.name ?? 'file', contentType: contentTypeFor(att.name, info.fileType), data });
        } else if (att.contentType.startsWith('image/') && att.contentUrl) {
          const url = new URL(att.contentUrl);
          if (!this.allowed(url)) continue;
          const data = url.origin === service.origin ? await this.o.getWithBotToken(url.toString(), this.o.maxBytes) : await this.fetchPlain(url);
          out.push({ name: att.name ?? `image${extForType(att.contentType)}`, contentType: att.contentType, data });
        }
      } catch (err) {
        this.o.log.warn({ err: (err as Error).message, name: att.name }, 'Teams attachment not downloaded');
      }
    }
    return out.length ? out : undefined;
  }

  private async fetchPlain(url: URL): Promise<Buffer> {
    const res = await fetch(url, { signal: AbortSignal.timeout(20_000), redirect: 'follow' });
    if (!res.ok) throw new Error(`download failed with ${res.status}`);
    if (res.url && !this.allowed(new URL(res.url))) throw new Error('download redirected off https');
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > this.o.maxBytes) throw new Error(`file over ${this.o.maxBytes} bytes`);
    const data = Buffer.from(await res.arrayBuffer());
    if (data.length > this.o.maxBytes) throw new Error(`file over ${this.o.maxBytes} bytes`);
    return data;
  }
}

function contentTypeFor(name: string | undefined, fileType: string | undefined): string {
  const ext = (fileType ?? extname(name ?? '').slice(1)).toLowerCase();
  const known: Record<string, string> = { yaml: 'application/yaml', yml: 'application/yaml', json: 'application/json', csv: 'text/csv', txt: 'text/plain', pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };
  return known[ext] ?? 'application/octet-stream';
}

function extForType(t: string): string {
  return t === 'image/png' ? '.png' : t === 'image/jpeg' ? '.jpg' : '';
}
