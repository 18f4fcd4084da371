/** The weekly chart shows the digest's five KPIs, each in a panel readable at chat display sizes. */
import { writeFileSync } from 'node:fs';
import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { digestPanels, panelConfig, renderPanels } from '../../src/kpi/chart.js';
import type { WeekPoint } from '../../src/rules/kpi.js';

const POINTS: WeekPoint[] = [
  { label: '2026-W40', closed: 31, response: 93.5, restore: 87.1, disputes: 2.1, unbilled: 8.4, leadHours: 52, renewals: null },
  { label: '2026-W41', closed: 28, response: 96.4, restore: 89.3, disputes: 0, unbilled: 6.2, leadHours: 41, renewals: null },
  { label: '2026-W42', closed: 0, response: null, restore: null, disputes: null, unbilled: null, leadHours: null, renewals: null },
  { label: '2026-W43', closed: 35, response: 91.4, restore: 82.9, disputes: 3.3, unbilled: 11.9, leadHours: 66, renewals: 0 },
  { label: '2026-W44', closed: 40, response: 97.5, restore: 92.5, disputes: 1.2, unbilled: 9.1, leadHours: 38, renewals: 50 },
  { label: '2026-W45', closed: 33, response: 100, restore: 93.9, disputes: 0.8, unbilled: 5.5, leadHours: 30, renewals: 50 },
  { label: '2026-W46', closed: 29, response: 89.7, restore: 86.2, disputes: 4.5, unbilled: 7.7, leadHours: 27, renewals: 100 },
  // a digest stored before the other KPIs were charted has SLA points only: gaps, not zeros
  { label: '2026-W47', closed: 37, response: 94.6, restore: 91.9 },
];

describe('the digest chart', () => {
  it('gives the renderer the five KPIs of the digest, one panel each, with the 8 weeks', () => {
    const spec = digestPanels('hvac-paris: 8 weeks to 2026-W47', POINTS);
    const configs = spec.panels.map(panelConfig);
    const series = configs.map((c) => c.data.datasets.map((d) => d.label));
    expect(series).toEqual([['Response', 'Restore', 'Jobs closed'], ['Dispute rate'], ['Unbilled time'], ['Invoice lead time'], ['Renewal readiness']]);
    for (const c of configs) expect(c.data.labels).toEqual(['W40', 'W41', 'W42', 'W43', 'W44', 'W45', 'W46', 'W47']);
    const data = (panel: number) => configs[panel]!.data.datasets[0]!.data;
    expect(data(1)).toEqual([2.1, 0, null, 3.3, 1.2, 0.8, 4.5, null]);
    expect(data(3)).toEqual([52, 41, null, 66, 38, 30, 27, null]);
    expect(data(4)).toEqual([null, null, null, 0, 50, 50, 100, null]);
    // SLA and readiness on a 0-100 % axis; rates of a few % on an axis just above their highest value, so they are not flat lines
    expect(configs.map((c) => (c.options?.scales?.y as { max?: number }).max)).toEqual([100, undefined, undefined, undefined, 100]);
    expect((configs[1]!.options?.scales?.y as { suggestedMax?: number }).suggestedMax).toBe(12);
  });

  it('renders one PNG with the panels in two columns, wide enough to stay readable when chat scales it down', async () => {
    const png = await renderPanels(digestPanels('hvac-paris: 8 weeks to 2026-W47', POINTS));
    const img = await loadImage(png);
    expect([img.width, img.height]).toEqual([1200, 64 + 3 * 340]);
    if (process.env.KEEP_CHART) writeFileSync(process.env.KEEP_CHART, png);
  });
});
