/** The digest chart is a real PNG of the right size, with something drawn on it, in our font. */
import { readFileSync } from 'node:fs';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CHART_FONT, digestChartSpec, renderChart, setupCharts } from '../../src/kpi/chart.js';
import type { WeekPoint } from '../../src/rules/kpi.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which PNG requires first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Variance of the grey level over all pixels: 0 for a blank image. */
async function pixelVariance(png: Buffer): Promise<{ variance: number; distinct: number }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const { data } = g.getImageData(0, 0, img.width, img.height);
  let sum = 0;
  let sq = 0;
  const seen = new Set<number>();
  const n = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    const grey = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
    sum += grey;
    sq += grey * grey;
    seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  }
  const mean = sum / n;
  return { variance: sq / n - mean * mean, distinct: seen.size };
}

const POINTS: WeekPoint[] = [
  { label: '2026-W40', closed: 31, response: 93.5, restore: 87.1 },
  { label: '2026-W41', closed: 28, response: 96.4, restore: 89.3 },
  { label: '2026-W42', closed: 0, response: null, restore: null },
  { label: '2026-W43', closed: 35, response: 91.4, restore: 82.9 },
  { label: '2026-W44', closed: 40, response: 97.5, restore: 92.5 },
  { label: '2026-W45', closed: 33, response: 100, restore: 93.9 },
  { label: '2026-W46', closed: 29, response: 89.7, restore: 86.2 },
  { label: '2026-W47', closed: 37, response: 94.6, restore: 91.9 },
];

describe('charts', () => {
  it('renders the digest chart as a PNG of the asked size that is not blank', async () => {
    const png = await renderChart({ ...digestChartSpec('hvac-paris: SLA met, last 8 weeks', POINTS), width: 800, height: 400 });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    const { variance, distinct } = await pixelVariance(png);
    // A blank (or single-colour) image has variance 0; lines, bars and text give thousands of grey levels squared.
    expect(variance).toBeGreaterThan(100);
    expect(distinct).toBeGreaterThan(20);
  });

  it('draws an 8-week chart of empty weeks without failing (gaps, zero bars)', async () => {
    const empty = POINTS.map((p) => ({ ...p, closed: 0, response: null, restore: null }));
    const png = await renderChart(digestChartSpec('no jobs', empty));
    expect(pngSize(png)).toEqual({ width: 960, height: 440 });
    // Still has axes, legend and title text.
    expect((await pixelVariance(png)).variance).toBeGreaterThan(10);
  });

  it('has its own font registered, and that font draws glyphs', () => {
    setupCharts();
    expect(GlobalFonts.has(CHART_FONT)).toBe(true);
    const c = createCanvas(200, 60);
    const g = c.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 200, 60);
    g.fillStyle = '#000';
    g.font = `24px "${CHART_FONT}"`;
    const width = g.measureText('W47 ▲ 92%').width;
    expect(width).toBeGreaterThan(60);
    g.fillText('W47 ▲ 92%', 10, 40);
    const { data } = g.getImageData(0, 0, 200, 60);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
    expect(dark).toBeGreaterThan(100);
  });

  it('the chart committed for docs/kpi.md is a PNG', () => {
    const png = readFileSync(new URL('../../docs/digest-chart.png', import.meta.url));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png).width).toBeGreaterThan(0);
  });
});
