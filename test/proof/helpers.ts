/** What the proof and message tests share: refusal matcher, real pictures, PDF text, API calls. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { expect } from 'vitest';
import type { Card } from '../../cards/card.js';
import { plain } from '../../cards/card.js';
import { renderText } from '../../cards/text.js';
import { AppError } from '../../src/errors.js';
import type { TestKit } from '../support/app.js';
import { openPdf } from '../support/pdf.js';

export async function expectError(p: Promise<unknown>, code: string, text: RegExp): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(text);
  return err as AppError;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `contract-ops-${prefix}-`));
}

/** A real picture, as a phone would send it. */
export async function picture(kind: 'png' | 'jpeg' | 'webp' = 'png', w = 64, h = 48, color = '#2a7'): Promise<Buffer> {
  const c = createCanvas(w, h);
  const g = c.getContext('2d');
  g.fillStyle = color;
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#fff';
  g.fillRect(w / 4, h / 4, w / 2, h / 2);
  return kind === 'png' ? c.encode('png') : kind === 'jpeg' ? c.encode('jpeg', 90) : c.encode('webp', 90);
}

/** Text of a PDF as a reader extracts it (pdf.js), pages joined. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await openPdf(pdf);
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const lines: string[] = [];
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    pages.push(lines.join('\n'));
  }
  await doc.destroy();
  return pages.join('\n');
}

/** All the words of a card as the terminal prints them. */
export function cardText(c: Card | Card[]): string {
  return (Array.isArray(c) ? c : [c]).map((x) => renderText(x, { zone: 'UTC' })).join('\n');
}

export function titles(cards: Card[]): string[] {
  return cards.map((c) => plain(c.title));
}

export function api(kit: TestKit, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  return {
    get: (path: string) => kit.app.api.request(path, { headers: auth }),
    post: (path: string, body: unknown) => kit.app.api.request(path, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    upload: (path: string, files: { name: string; type: string; data: Buffer }[], fields: Record<string, string> = {}) => {
      const form = new FormData();
      for (const f of files) form.append('file', new File([new Uint8Array(f.data)], f.name, { type: f.type }));
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      return kit.app.api.request(path, { method: 'POST', headers: auth, body: form });
    },
  };
}
