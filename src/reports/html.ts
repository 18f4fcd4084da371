/**
 * The closing report as one standalone HTML file: styles inline, pictures embedded as data: URIs,
 * every string escaped. It opens offline, can be mailed or archived as is. The report passed in is
 * already redacted.
 */
import type { ClosingReport } from '../proof/closing-report.js';
import { formatDuration } from '../rules/units.js';
import { attachmentLine, jobFacts, lineStatus, messageLine, money, qty, signatureLine, stepLine, totalsLines, when, workLine } from './format.js';
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
  const out: string[] = [];
  const section = (title: string, body: string) => out.push(`<h2>${e(title)}</h2>\n${body}`);
  const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : '<p class="small">None.</p>');

  out.push(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(`Closing report ${r.job.ref}`)}</title><style>${STYLE}</style></head><body>`);
  out.push(`<h1>${e(`Closing report ${r.job.ref}`)}</h1><p class="sub">${e(`${r.contract.customer}, ${r.job.site.name}. Generated ${when(r.generatedAt, r.zone)}.`)}</p>`);
  out.push(`<table>${jobFacts(r).map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>`);

  section(
    'Service level',
    `<ul>${[r.sla.response, r.sla.restore].map((w) => `<li class="${w.breached ? 'bad' : w.outcome === 'met' ? 'ok' : ''}">${e(w.text)}</li>`).join('')}</ul>`,
  );
  section('What was done', list(r.work.map((w) => workLine(r, w))) + (r.parts.length ? `<p>Parts</p>${list(r.parts.map((p) => `${p.qty} × ${p.name} (${p.sku}), ${when(p.at, r.zone, 'ccc d LLL HH:mm')}`))}` : ''));

  const rows = r.lines
    .map(
      (l) =>
        `<tr><td>${e(l.date)}</td><td>${e(l.description)}${l.code ? ` <span class="small">${e(l.code)}</span>` : ''}<div class="rule">${e(l.rule)}</div></td><td class="num">${e(qty(l))}</td><td class="num">${e(money(r, l.amount))}</td><td>${e(lineStatus(r, l))}</td></tr>`,
    )
    .join('');
  section(
    'Covered and billable',
    (r.lines.length
      ? `<table><tr><th>Date</th><th>What, and the clause that prices it</th><th class="num">Quantity</th><th class="num">Amount</th><th>Status</th></tr>${rows}</table>`
      : '<p class="small">No time or parts recorded on this job.</p>') +
      `<div class="totals">${totalsLines(r).map((t) => `<p>${e(t)}</p>`).join('')}</div>` +
      (r.held.length ? `<p class="bad">Not priced yet:</p>${list(r.held.map((h) => `${formatDuration(h.minutes)}: ${h.reason}`))}` : ''),
  );

  const steps = r.checklists
    .map((c) => `<h3>${e(`${c.code}: ${c.name}`)}</h3><ul>${c.steps.map((s) => `<li class="${s.done ? '' : s.required ? 'bad' : ''}">${e(stepLine(r, s))}</li>`).join('')}</ul>`)
    .join('');
  section('Safety steps and checklist', steps || '<p class="small">The contract has no checklist for this job\'s work.</p>');
  section('Signatures', list(r.signatures.map((s) => signatureLine(r, s))));

  const pics = r.attachments
    .filter((a) => images.has(a.id))
    .map((a) => {
      const img = images.get(a.id)!;
      return `<figure><img alt="${e(a.fileName)}" width="${img.width}" height="${img.height}" src="data:${img.mime};base64,${img.data.toString('base64')}"><figcaption>${e(`${a.fileName}${a.step ? ` (${a.step})` : ''}, ${when(a.at, r.zone, 'ccc d LLL HH:mm')}`)}</figcaption></figure>`;
    })
    .join('');
  section('Proof', (pics || '<p class="small">No pictures.</p>') + `<p>Files on record</p>${list(r.attachments.map((a) => attachmentLine(r, a)))}`);
  section('Customer messages', list(r.messages.map((m) => messageLine(r, m))));
  out.push(`<p class="small">${e(`Times in ${r.zone}. Amounts in ${r.contract.currency}, as the invoice prices this work under ${r.contract.id} v${r.contract.version}.`)}</p>`);
  out.push('</body></html>');
  return out.join('\n');
}
