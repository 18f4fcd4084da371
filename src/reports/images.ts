/**
 * Pictures for reports: the stored photo or signature, decoded and redrawn (Skia, via
 * @napi-rs/canvas) at most 1200 px wide or high, on white, as JPEG. A 10 MB phone photo becomes a
 * ~200 KB picture, PDF embedding only has to support JPEG, and a transparent signature PNG does not
 * turn black. A picture that cannot be read is listed, not drawn: the report is never refused for it.
 */
import type { Logger } from '../log.js';
import { readStored } from '../proof/files.js';

export const MAX_IMAGE_PX = 1200;

export interface ReportImage {
  id: number;
  data: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
}

export interface ImageSource {
  id: number;
  contentType: string;
  storagePath: string;
  sha256: string;
}

export async function reportImage(dir: string, a: ImageSource): Promise<ReportImage> {
  const raw = await readStored(dir, a.storagePath, a.sha256);
  // Loaded on the first report with pictures: Skia costs ~20 MB of RSS in a bot that may draw none.
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const img = await loadImage(raw);
  const scale = Math.min(1, MAX_IMAGE_PX / Math.max(img.width, img.height));
  const width = Math.max(1, Math.round(img.width * scale));
  const height = Math.max(1, Math.round(img.height * scale));
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.drawImage(img, 0, 0, width, height);
  return { id: a.id, data: await canvas.encode('jpeg', 82), mime: 'image/jpeg', width, height };
}

export async function reportImages(dir: string, list: ImageSource[], log: Logger): Promise<Map<number, ReportImage>> {
  const out = new Map<number, ReportImage>();
  for (const a of list) {
    if (!a.contentType.startsWith('image/')) continue;
    try {
      out.set(a.id, await reportImage(dir, a));
    } catch (err) {
      log.warn({ err: (err as Error).message, attachment: a.id }, 'picture left out of the report');
    }
  }
  return out;
}
