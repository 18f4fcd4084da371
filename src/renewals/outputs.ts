/** A renewal pack in every form at once: chart PNG and PDF written to disk, and the card. */
import { join } from 'node:path';
import { renewalCard } from '../../cards/build/renewal.js';
import type { Card } from '../../cards/card.js';
import type { Ctx } from '../context.js';
import { inLanguage } from '../i18n/current.js';
import { customerVoice } from '../i18n/customer.js';
import { renderChart, termChartSpec, writePng } from '../kpi/chart.js';
import { chartFile } from '../kpi/digest.js';
import { renewalPdf } from './pdf.js';
import { stampWritten } from '../privacy/file-retention.js';
import type { RenewalPack } from './renewal-pack.js';
import { mkdirSync, writeFileSync } from 'node:fs';

export interface RenewalOutputs {
  card: Card;
  pdf: Buffer;
  pdfPath: string;
  chartPath: string;
}

export async function renewalOutputs(ctx: Ctx, pack: RenewalPack): Promise<RenewalOutputs> {
  const name = `${pack.contract.id}-${pack.contract.term.end}`;
  // The chart goes into the customer's PDF: its title, legend and axes in the customer's language.
  const v = customerVoice(pack.contract.locale);
  const spec = inLanguage(v.lang, () => termChartSpec(v.t('renewal-pack.chart', { contract: pack.contract.id, from: v.date(pack.span.from), to: v.date(pack.span.to) }), pack.sla.months), v.locale);
  const png = await renderChart(spec);
  const chartPath = writePng(chartFile(ctx, `renewal-${name}`), png);
  const pdf = await renewalPdf(pack, png);
  const dir = join(ctx.services.attachmentsDir, 'renewals');
  mkdirSync(dir, { recursive: true });
  const pdfPath = join(dir, `renewal-${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`);
  writeFileSync(pdfPath, pdf);
  stampWritten(ctx, pdfPath);
  const pdfUrl = ctx.services.publicUrl ? `${ctx.services.publicUrl.replace(/\/$/, '')}/api/v1/contracts/${encodeURIComponent(pack.contract.id)}/renewal?format=pdf` : undefined;
  return { card: renewalCard(pack, { chartPath, pdfPath, pdfUrl }), pdf, pdfPath, chartPath };
}
