/**
 * Charts as PNG: chart.js drawing on @napi-rs/canvas (Skia, prebuilt; DESIGN.md decision 7).
 *
 * Deterministic on purpose: the font is the Liberation Sans shipped beside this file (registered
 * under our own family name, so a machine without fonts, or with different ones, draws the same
 * letters), animation is off (a server-side chart is drawn once, at its final state), and the
 * device pixel ratio is fixed at 1 whatever the host says.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type * as Skia from '@napi-rs/canvas';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  type ChartConfiguration,
  type ChartItem,
  type Plugin,
} from 'chart.js';
import { t } from '../i18n/t.js';
import { projectPath } from '../project-root.js';
import type { WeekPoint } from '../rules/kpi.js';

export const CHART_FONT = 'ContractOps Sans';

let ready = false;

/** Loaded on the first chart (synchronously: it is a native module): Skia costs ~20 MB of RSS. */
let skia: typeof Skia | undefined;
const canvasLib = (): typeof Skia => (skia ??= createRequire(import.meta.url)('@napi-rs/canvas') as typeof Skia);

/** Register the fonts and the chart.js parts we draw with, once per process. */
export function setupCharts(): void {
  if (ready) return;
  for (const f of ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf']) {
    const key = canvasLib().GlobalFonts.registerFromPath(projectPath('src', 'kpi', 'fonts', f), CHART_FONT);
    if (!key) throw new Error(`could not load the chart font ${f}`);
  }
  // Tree-shaken registration: only what the charts below use (bar + line on category/linear axes).
  Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Title, Filler);
  Chart.defaults.font.family = CHART_FONT;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#1f2933';
  ready = true;
}

/** PNGs are transparent by default; chat clients in dark mode would draw black text on black. */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const c = chart.ctx;
    c.save();
    c.fillStyle = '#ffffff';
    c.fillRect(0, 0, chart.width, chart.height);
    c.restore();
  },
};

export interface LineSeries {
  label: string;
  /** percent 0-100; null leaves a gap (nothing measured), it is not drawn as 0 */
  data: (number | null)[];
  color: string;
}

export interface ChartSpec {
  title: string;
  labels: string[];
  lines: LineSeries[];
  /** a count per label on its own right-hand axis (jobs closed) */
  bars?: { label: string; data: number[]; color: string };
  /** left axis title */
  yTitle: string;
  /** a dashed reference line (target %) */
  target?: { label: string; value: number };
  width?: number;
  height?: number;
}

export const COLORS = { response: '#2563eb', restore: '#d97706', bars: '#cbd5e1', target: '#16a34a' } as const;

/** Render a chart spec to PNG bytes. */
export async function renderChart(spec: ChartSpec): Promise<Buffer> {
  setupCharts();
  const width = spec.width ?? 960;
  const height = spec.height ?? 440;
  const canvas = canvasLib().createCanvas(width, height);
  const datasets: ChartConfiguration['data']['datasets'] = spec.lines.map((l) => ({
    type: 'line' as const,
    label: l.label,
    data: l.data,
    borderColor: l.color,
    backgroundColor: l.color,
    borderWidth: 3,
    pointRadius: 4,
    spanGaps: false,
    yAxisID: 'y',
    order: 1,
  }));
  if (spec.target) {
    datasets.push({ type: 'line' as const, label: spec.target.label, data: spec.labels.map(() => spec.target!.value), borderColor: COLORS.target, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, yAxisID: 'y', order: 2 });
  }
  if (spec.bars) {
    datasets.push({ type: 'bar' as const, label: spec.bars.label, data: spec.bars.data, backgroundColor: spec.bars.color, yAxisID: 'count', order: 3 });
  }
  const maxCount = Math.max(1, ...(spec.bars?.data ?? [0]));
  const config: ChartConfiguration = {
    type: 'line',
    data: { labels: spec.labels, datasets },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      events: [],
      layout: { padding: { top: 10, right: 12, bottom: 6, left: 8 } },
      plugins: {
        title: { display: true, text: spec.title, font: { size: 18, weight: 'bold' }, padding: { bottom: 8 } },
        legend: { position: 'bottom', labels: { boxWidth: 18 } },
      },
      scales: {
        y: { min: 0, max: 105, title: { display: true, text: spec.yTitle }, ticks: { stepSize: 10, callback: (v) => (Number(v) <= 100 ? `${v}%` : '') } },
        ...(spec.bars ? { count: { position: 'right' as const, min: 0, suggestedMax: Math.ceil(maxCount * 1.25), grid: { drawOnChartArea: false }, title: { display: true, text: spec.bars.label }, ticks: { precision: 0 } } } : {}),
      },
    },
    plugins: [whiteBackground],
  };
  // chart.js accepts any 2D context that behaves like the DOM's; Skia's does.
  const chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, config);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

/** The digest's chart: 8 weeks of response and restore hit rate, jobs closed as bars. */
export function digestChartSpec(title: string, points: WeekPoint[]): ChartSpec {
  return {
    title,
    labels: points.map((p) => p.label.replace(/^\d{4}-/, '')),
    lines: [
      { label: t('kpi-chart.response-met'), data: points.map((p) => p.response), color: COLORS.response },
      { label: t('kpi-chart.restore-met'), data: points.map((p) => p.restore), color: COLORS.restore },
    ],
    bars: { label: t('kpi-chart.jobs-closed'), data: points.map((p) => p.closed), color: COLORS.bars },
    yTitle: t('kpi-chart.sla-met'),
  };
}

/**
 * One small chart of the digest's panels: its own title, lines on a 0-100 % axis or an hours axis,
 * optional bars (jobs closed) on a right-hand count axis.
 */
export interface PanelSpec {
  title: string;
  labels: string[];
  lines: LineSeries[];
  bars?: { label: string; data: number[]; color: string };
  /** '%': 0-100; '% low': percent from 0 to just above the highest value (rates of a few %); 'h': hours from 0 */
  unit: '%' | '% low' | 'h';
  target?: { label: string; value: number };
}

export interface PanelsSpec {
  title: string;
  panels: PanelSpec[];
  /** panels per row */
  columns: number;
}

export const KPI_COLORS = { disputes: '#dc2626', unbilled: '#7c3aed', lead: '#0891b2', renewals: '#16a34a' } as const;

/**
 * Sized for chat: Slack and Teams show an image about 400-500 px wide, so a 1200 px image is
 * scaled by ~0.4; fonts of 24-30 px stay readable at that size.
 */
const PANEL = { width: 600, height: 340, titleHeight: 64, font: 22, titleFont: 26, pageTitleFont: 32 } as const;

/** The chart.js configuration of one panel: what the renderer draws, and what tests read. */
export function panelConfig(p: PanelSpec): ChartConfiguration {
  const datasets: ChartConfiguration['data']['datasets'] = p.lines.map((l) => ({
    type: 'line' as const,
    label: l.label,
    data: l.data,
    borderColor: l.color,
    backgroundColor: l.color,
    borderWidth: 4,
    pointRadius: 5,
    spanGaps: false,
    yAxisID: 'y',
    order: 1,
  }));
  if (p.target) datasets.push({ type: 'line' as const, label: p.target.label, data: p.labels.map(() => p.target!.value), borderColor: COLORS.target, borderDash: [8, 5], borderWidth: 2, pointRadius: 0, yAxisID: 'y', order: 2 });
  if (p.bars) datasets.push({ type: 'bar' as const, label: p.bars.label, data: p.bars.data, backgroundColor: p.bars.color, yAxisID: 'count', order: 3 });
  const maxCount = Math.max(1, ...(p.bars?.data ?? [0]));
  const values = p.lines.flatMap((l) => l.data).filter((v): v is number => v !== null);
  const y =
    p.unit === '%'
      ? { min: 0, max: 100, ticks: { stepSize: 25, font: { size: PANEL.font }, callback: (v: string | number) => `${v}%` } }
      : p.unit === '% low'
        ? { min: 0, suggestedMax: Math.min(100, Math.max(10, ...values) * 1.2), ticks: { maxTicksLimit: 5, font: { size: PANEL.font }, callback: (v: string | number) => `${v}%` } }
        : { min: 0, suggestedMax: Math.max(24, ...values) * 1.1, ticks: { maxTicksLimit: 5, font: { size: PANEL.font }, callback: (v: string | number) => `${v} h` } };
  return {
    type: 'line',
    data: { labels: p.labels, datasets },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      events: [],
      layout: { padding: { top: 6, right: 24, bottom: 4, left: 6 } },
      plugins: {
        title: { display: true, text: p.title, font: { size: PANEL.titleFont, weight: 'bold' }, padding: { bottom: 6 } },
        legend: { display: p.lines.length + (p.bars ? 1 : 0) + (p.target ? 1 : 0) > 1, position: 'bottom', labels: { boxWidth: 22, font: { size: PANEL.font - 2 } } },
      },
      scales: {
        x: { ticks: { font: { size: PANEL.font - 2 }, maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
        y,
        ...(p.bars ? { count: { position: 'right' as const, min: 0, suggestedMax: Math.ceil(maxCount * 1.25), grid: { drawOnChartArea: false }, ticks: { precision: 0, font: { size: PANEL.font - 2 } } } } : {}),
      },
    },
    plugins: [whiteBackground],
  };
}

/** Panels on one white page under one title, as one PNG. */
export async function renderPanels(spec: PanelsSpec): Promise<Buffer> {
  setupCharts();
  const lib = canvasLib();
  const rows = Math.ceil(spec.panels.length / spec.columns);
  const page = lib.createCanvas(PANEL.width * spec.columns, PANEL.titleHeight + PANEL.height * rows);
  const g = page.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, page.width, page.height);
  g.fillStyle = '#1f2933';
  g.font = `bold ${PANEL.pageTitleFont}px "${CHART_FONT}"`;
  g.textBaseline = 'middle';
  g.fillText(spec.title, 16, PANEL.titleHeight / 2, page.width - 32);
  for (const [i, p] of spec.panels.entries()) {
    const canvas = lib.createCanvas(PANEL.width, PANEL.height);
    const chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, panelConfig(p));
    try {
      g.drawImage(canvas, (i % spec.columns) * PANEL.width, PANEL.titleHeight + Math.floor(i / spec.columns) * PANEL.height);
    } finally {
      chart.destroy();
    }
  }
  return page.encode('png');
}

/**
 * The digest's chart: the five KPIs of the digest over 8 weeks, one panel each (SLA met with the
 * jobs closed as bars, dispute rate, unbilled time, invoice lead time, renewal readiness).
 */
export function digestPanels(title: string, points: WeekPoint[]): PanelsSpec {
  const labels = points.map((p) => p.label.replace(/^\d{4}-/, ''));
  const series = (k: 'disputes' | 'unbilled' | 'leadHours' | 'renewals') => points.map((p) => p[k] ?? null);
  return {
    title,
    columns: 2,
    panels: [
      {
        title: t('kpi-chart.sla-met'),
        labels,
        unit: '%',
        lines: [
          { label: t('kpi-chart.response'), data: points.map((p) => p.response), color: COLORS.response },
          { label: t('kpi-chart.restore'), data: points.map((p) => p.restore), color: COLORS.restore },
        ],
        bars: { label: t('kpi-chart.jobs-closed'), data: points.map((p) => p.closed), color: COLORS.bars },
      },
      { title: t('kpi-chart.disputes-title'), labels, unit: '% low', lines: [{ label: t('kpi-chart.disputes'), data: series('disputes'), color: KPI_COLORS.disputes }] },
      { title: t('kpi-chart.unbilled-title'), labels, unit: '% low', lines: [{ label: t('kpi-chart.unbilled'), data: series('unbilled'), color: KPI_COLORS.unbilled }] },
      { title: t('kpi-chart.lead-title'), labels, unit: 'h', lines: [{ label: t('kpi-chart.lead'), data: series('leadHours'), color: KPI_COLORS.lead }] },
      { title: t('kpi-chart.renewals-title'), labels, unit: '%', lines: [{ label: t('kpi-chart.renewals'), data: series('renewals'), color: KPI_COLORS.renewals }] },
    ],
  };
}

/** The renewal pack's chart: SLA met per month of the term, jobs closed as bars. */
export function termChartSpec(title: string, points: WeekPoint[]): ChartSpec {
  return { ...digestChartSpec(title, points), labels: points.map((p) => p.label), yTitle: t('kpi-chart.sla-met-month') };
}

/** Write PNG bytes where chat adapters can pick them up; returns the path. */
export function writePng(path: string, png: Buffer): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  return path;
}
