/**
 * The renewal pack as a PDF (pdfkit): real text, so it can be searched, quoted and extracted, in
 * the Liberation Sans the charts use (embedded and subset by pdfkit, so any name a contract holds,
 * accents or not, prints as written), with the SLA chart as an image. The creation date is the
 * pack's own instant, so the same pack gives the same document. Written in the customer's language
 * and formats (the contract's `locale`).
 */
import { projectPath } from '../project-root.js';
import { openPdf, PDF_MARGIN } from '../reports/pdf.js';
import { customerVoice, type CustomerVoice } from '../i18n/customer.js';
import { formatNumberIn } from '../i18n/format.js';
import type { Ratio } from '../rules/kpi.js';
import { alertActWord } from '../i18n/alert-act-words.js';
import { packFacts } from './present.js';
import type { RenewalPack } from './renewal-pack.js';

const FONT = projectPath('src', 'kpi', 'fonts', 'LiberationSans-Regular.ttf');
const FONT_BOLD = projectPath('src', 'kpi', 'fonts', 'LiberationSans-Bold.ttf');
const MARGIN = PDF_MARGIN;

export async function renewalPdf(p: RenewalPack, chartPng?: Buffer): Promise<Buffer> {
  const v = customerVoice(p.contract.locale);
  const c = p.contract;
  const { doc, done, width } = await openPdf({
    Title: v.t('renewal-pack.doc-title', { contract: c.id }),
    Author: 'contract-ops',
    Subject: v.t('renewal-pack.doc-subject', { customer: c.customer, start: v.date(c.term.start), end: v.date(c.term.end) }),
    CreationDate: p.at,
  });
  doc.registerFont('sans', FONT);
  doc.registerFont('sans-bold', FONT_BOLD);
  // Liberation Sans has no narrow no-break space (French money and dates); a no-break space prints the same.
  const printable = (s: string) => s.replace(/\u202f/g, '\u00a0');
  const text = (s: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(printable(s), { width, ...opts });
  const heading = (s: string) => {
    if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
    doc.moveDown(0.8).font('sans-bold').fontSize(13).fillColor('#000');
    text(s);
    doc.moveDown(0.3).font('sans').fontSize(10);
  };
  const fact = (k: string, value: string) => {
    doc.font('sans-bold');
    text(v.t('renewal-pack.fact', { label: k }), { continued: true });
    doc.font('sans');
    text(value);
  };
  const money = (m: number) => v.money(m, c.currency);
  const percent = (x: number) => v.percent(x);
  const ratio = (r: Ratio) => (r.value === null ? v.t('renewal-pack.no-jobs') : v.t('renewal-pack.ratio', { percent: percent(r.value), n: r.numerator, total: r.denominator }));

  doc.font('sans-bold').fontSize(20);
  text(v.t('renewal-pack.title', { contract: c.id }));
  doc.font('sans').fontSize(11).fillColor('#444');
  text(v.t('renewal-pack.evidence', { customer: c.customer, from: v.date(p.span.from), to: v.date(p.span.to) }));
  doc.fillColor('#000').moveDown(0.6).fontSize(10);
  for (const [k, value] of packFacts(p, v)) fact(k, value);

  heading(v.t('renewal-pack.sla'));
  fact(v.t('renewal-pack.response-met'), ratio(p.sla.response));
  fact(v.t('renewal-pack.restore-met'), ratio(p.sla.restore));
  if (chartPng) {
    doc.moveDown(0.4);
    doc.image(chartPng, { width });
    doc.moveDown(0.4);
  }
  if (p.sla.byPriority.length) {
    doc.moveDown(0.3);
    const cols = [0, 120, 220, 340];
    const row = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
      const y = doc.y;
      doc.font(bold ? 'sans-bold' : 'sans');
      cells.forEach((cell, i) => doc.text(printable(cell), MARGIN + cols[i]!, y, { width: 110, lineBreak: false }));
      doc.x = MARGIN;
      doc.moveDown(0.9);
    };
    row([v.t('renewal-pack.priority'), v.t('renewal-pack.jobs-closed'), v.t('renewal-pack.response-met'), v.t('renewal-pack.restore-met')], true);
    for (const cut of p.sla.byPriority) row([cut.key, String(cut.closed), cut.response.value === null ? '-' : percent(cut.response.value), cut.restore.value === null ? '-' : percent(cut.restore.value)]);
    doc.font('sans');
  }

  heading(v.t('renewal-pack.value'));
  if ('error' in p.value) text(v.t('renewal-pack.rating-failed', { detail: p.value.detail }));
  else {
    fact(v.t('renewal-pack.covered'), money(p.value.nominalCovered));
    fact(v.t('renewal-pack.fees'), money(p.value.feeBilled));
    fact(
      v.t('renewal-pack.per-fee'),
      p.value.ratio.value === null ? v.t('renewal-pack.no-fee') : v.t('renewal-pack.per-fee-value', { ratio: decimals(v, p.value.ratio.value) }),
    );
    fact(v.t('renewal-pack.beyond'), money(p.value.billable - p.value.feeBilled));
    const logged = v.duration(p.value.loggedMinutes);
    fact(v.t('renewal-pack.logged'), p.value.unbilledMinutes ? v.t('renewal-pack.logged-unbilled', { logged, unbilled: v.duration(p.value.unbilledMinutes) }) : logged);
  }
  if (p.prepaid.length) {
    heading(v.t('renewal-pack.prepaid'));
    for (const b of p.prepaid) {
      fact(
        v.t('renewal-pack.prepaid-label', { codes: b.codes.join(', '), from: v.date(b.from), until: v.date(b.until) }),
        v.t('renewal-pack.prepaid-value', { used: v.duration(b.usedMinutes), hours: b.hours, percent: percent(b.hours ? b.usedMinutes / (b.hours * 60) : 0) }),
      );
    }
  }

  heading(v.t('renewal-pack.credits'));
  fact(v.t('renewal-pack.sla-credits'), v.t('renewal-pack.sla-credits-value', { amount: money(p.credits.sla), n: p.credits.slaCount, capped: p.credits.capped }));
  fact(v.t('renewal-pack.goodwill'), v.t('renewal-pack.goodwill-value', { amount: money(p.credits.goodwill), n: p.credits.goodwillCount }));

  const d = p.disputes;
  heading(v.t('renewal-pack.disputes'));
  fact(
    v.t('renewal-pack.lines-disputed'),
    d.lines ? v.t('renewal-pack.lines-disputed-value', { disputed: d.disputed, lines: d.lines, percent: percent(d.disputed / d.lines), amount: money(d.amount) }) : v.t('renewal-pack.no-invoice'),
  );
  fact(v.t('renewal-pack.open'), String(d.open));
  fact(v.t('renewal-pack.settled'), v.t('renewal-pack.settled-value', { accepted: d.accepted, credited: money(d.credited), rejected: d.rejected }));

  heading(v.t('renewal-pack.saves'));
  if (!p.highlights.length) text(v.t('renewal-pack.no-saves'));
  for (const h of p.highlights) {
    text(
      v.t('renewal-pack.save', {
        ref: h.ref,
        priority: h.priority,
        window: h.window,
        level: h.level,
        action: alertActWord(h.action, 'saved', v.lang),
        by: h.actedBy ? v.t('renewal-pack.save-by', { name: h.actedBy }) : '',
        margin: v.duration(h.marginMinutes),
        avoided: h.avoided ? v.t('renewal-pack.save-avoided', { amount: money(h.avoided) }) : '',
      }),
    );
    doc.moveDown(0.15);
  }
  doc.moveDown(1).fontSize(8).fillColor('#555');
  text(v.t('renewal-pack.footer', { at: v.lang === 'en' ? p.at.toISOString() : v.time(p.at, p.zone), contract: c.id, version: c.version }));
  doc.end();
  return done;
}

/** A ratio with two decimals: "0.07", "0,07". */
function decimals(v: CustomerVoice, x: number): string {
  return v.lang === 'en' ? x.toFixed(2) : formatNumberIn(v.locale, x, 2);
}
