/**
 * The app icons Teams requires, drawn rather than hand-edited so they stay reproducible: a
 * 192×192 color icon (full bleed; Teams crops the corners) and a 32×32 outline icon, white on
 * transparent, as Teams' store validation demands. `npm run teams:package -- --icons` rewrites them.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

const ACCENT = '#2B6CB0';

/** A contract sheet with a clock on it: the contract, applied live. Drawn in a 32-unit box. */
function glyph(ctx: SKRSContext2D, color: string, line: number): void {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = line;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  // the sheet, with a folded corner
  ctx.beginPath();
  ctx.moveTo(7, 4);
  ctx.lineTo(19, 4);
  ctx.lineTo(25, 10);
  ctx.lineTo(25, 15);
  ctx.moveTo(14, 28);
  ctx.lineTo(7, 28);
  ctx.closePath();
  ctx.moveTo(7, 28);
  ctx.lineTo(7, 4);
  ctx.moveTo(19, 4);
  ctx.lineTo(19, 10);
  ctx.lineTo(25, 10);
  ctx.stroke();
  // two lines of text
  ctx.beginPath();
  ctx.moveTo(10.5, 12);
  ctx.lineTo(15.5, 12);
  ctx.moveTo(10.5, 16.5);
  ctx.lineTo(14, 16.5);
  ctx.stroke();
  // the clock
  ctx.beginPath();
  ctx.arc(22, 22.5, 6.5, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(22, 19.5);
  ctx.lineTo(22, 22.5);
  ctx.lineTo(24.5, 24);
  ctx.stroke();
}

export async function colorIcon(): Promise<Buffer> {
  const size = 192;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = ACCENT;
  ctx.fillRect(0, 0, size, size);
  // the glyph at 2/3 of the icon, centred
  const scale = (size * 0.66) / 32;
  ctx.translate((size - 32 * scale) / 2, (size - 32 * scale) / 2);
  ctx.scale(scale, scale);
  glyph(ctx, '#FFFFFF', 2);
  return canvas.encode('png');
}

export async function outlineIcon(): Promise<Buffer> {
  const canvas = createCanvas(32, 32);
  const ctx = canvas.getContext('2d');
  glyph(ctx, '#FFFFFF', 2);
  return canvas.encode('png');
}

export const ICON_ACCENT = ACCENT;
