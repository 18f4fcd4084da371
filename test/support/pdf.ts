/**
 * A PDF as a reader opens it (pdf.js). pdf.js installs DOMMatrix, ImageData and Path2D globals from
 * its own copy of @napi-rs/canvas when they are missing; test files share a worker, so the
 * project's copy is installed first and chart.js, drawing with the project's canvas, keeps working.
 */
import { fileURLToPath } from 'node:url';
import * as canvas from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

export async function openPdf(pdf: Buffer | Uint8Array): Promise<PDFDocumentProxy> {
  const g = globalThis as Record<string, unknown>;
  g.DOMMatrix ??= canvas.DOMMatrix;
  g.ImageData ??= canvas.ImageData;
  g.Path2D ??= canvas.Path2D;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));
  return pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: fonts, useSystemFonts: false, isEvalSupported: false }).promise;
}
