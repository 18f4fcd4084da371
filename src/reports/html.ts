/**
 * The closing report as one standalone HTML file: styles inline, pictures embedded as data: URIs,
 * every string escaped. It opens offline, can be mailed or archived as is. The report passed in is
 * already redacted.
 */
import type { ClosingReport } from '../proof/closing-report.js';
import { attachmentLine, jobFacts, lineStatus, messageLine, money, qty, reportVoice, signatureLine, stepLine, totalsLines, when, whenShort, workLine } from './format.js';
import type { ReportImage } from './images.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

const STYLE = `
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1d1f;overflow-wrap:anywhere;max-width:880px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.1em}h2{font-size:1.15em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
.sub{color:#555}table{border-collapse:collapse;width:100%;font-size:.92em}th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #eee;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}.rule{color:#666;font-size:.85em}.ok{color:#17693a}.bad{color:#b3261e;font-weight:600}
.totals p{margin:.2em 0;font-weight:600}figure{display:inline-block;margin:.5em 1em .5em 0;max-width:48%}figure img{max-width:100%;border:1px solid #ddd}
figcaption{font-size:.85em;color:#555}ul{padding-left:1.2em}.small{font-size:.85em;color:#555}
`;

export function renderReportHtml(r: ClosingReport, images: Map<number, ReportImage>): string {
  const v = reportVoice(r);
  const out: string[] = [];
  const section = (title: string, body: string) => out.push(`<h2>${e(title)}</h2>\n${body}`);
  const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : `<p class="small">${e(v.t('report.none'))}</p>`);

  out.push(`<!doctype html>\n<html lang="${v.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(v.t('report.title', { ref: r.job.ref }))}</title><style>${STYLE}</style></head><body>`);
  out.push(`<h1>${e(v.t('report.title', { ref: r.job.ref }))}</h1><p class="sub">${e(v.t('report.generated', { customer: r.contract.customer, site: r.job.site.name, at: when(r, r.generatedAt, v) }))}</p>`);
  out.push(`<table>${jobFacts(r, v).map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>`);

  section(
    v.t('report.section.sla'),
    `<ul>${[r.sla.response, r.sla.restore].map((w) => `<li class="${w.breached ? 'bad' : w.outcome === 'met' ? 'ok' : ''}">${e(w.text)}</li>`).join('')}</ul>`,
  );
  section(v.t('report.section.work'), list(r.work.map((w) => workLine(r, w, v))) + (r.parts.length ? `<p>${e(v.t('report.parts'))}</p>${list(r.parts.map((p) => `${p.qty} × ${p.name} (${p.sku}), ${whenShort(r, p.at, v)}`))}` : ''));

  const rows = r.lines
    .map(
      (l) =>
        `<tr><td>${e(v.numericDate(l.date))}</td><td>${e(l.description)}${l.code ? ` <span class="small">${e(l.code)}</span>` : ''}<div class="rule">${e(l.rule)}</div></td><td class="num">${e(qty(l, v))}</td><td class="num">${e(money(r, l.amount, v))}</td><td>${e(lineStatus(r, l, v))}</td></tr>`,
    )
    .join('');
  section(
    v.t('report.section.lines'),
    (r.lines.length
      ? `<table><tr><th>${e(v.t('report.lines.head.date'))}</th><th>${e(v.t('report.lines.head.what'))}</th><th class="num">${e(v.t('report.lines.head.quantity'))}</th><th class="num">${e(v.t('report.lines.head.amount'))}</th><th>${e(v.t('report.lines.head.status'))}</th></tr>${rows}</table>`
      : `<p class="small">${e(v.t('report.lines.none'))}</p>`) +
      `<div class="totals">${totalsLines(r, v).map((t) => `<p>${e(t)}</p>`).join('')}</div>` +
      (r.held.length ? `<p class="bad">${e(v.t('report.held'))}</p>${list(r.held.map((h) => v.t('common.pair', { a: v.duration(h.minutes), b: h.reason })))}` : ''),
  );

  const steps = r.checklists
    .map((c) => `<h3>${e(v.t('common.pair', { a: c.code, b: c.name }))}</h3><ul>${c.steps.map((s) => `<li class="${s.done ? '' : s.required ? 'bad' : ''}">${e(stepLine(r, s, v))}</li>`).join('')}</ul>`)
    .join('');
  section(v.t('report.section.checklists'), steps || `<p class="small">${e(v.t('report.checklists.none'))}</p>`);
  section(v.t('report.section.signatures'), list(r.signatures.map((s) => signatureLine(r, s, v))));

  const pics = r.attachments
    .filter((a) => images.has(a.id))
    .map((a) => {
      const img = images.get(a.id)!;
      return `<figure><img alt="${e(a.fileName)}" width="${img.width}" height="${img.height}" src="data:${img.mime};base64,${img.data.toString('base64')}"><figcaption>${e(`${a.fileName}${a.step ? ` (${a.step})` : ''}, ${whenShort(r, a.at, v)}`)}</figcaption></figure>`;
    })
    .join('');
  section(v.t('report.section.proof'), (pics || `<p class="small">${e(v.t('report.pictures.none'))}</p>`) + `<p>${e(v.t('report.files'))}</p>${list(r.attachments.map((a) => attachmentLine(r, a, v)))}`);
  section(v.t('report.section.messages'), list(r.messages.map((m) => messageLine(r, m, v))));
  out.push(`<p class="small">${e(v.t('report.footer', { zone: r.zone, currency: r.contract.currency, contract: r.contract.id, version: r.contract.version }))}</p>`);
  out.push('</body></html>');
  return out.join('\n');
}
