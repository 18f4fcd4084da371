/**
 * The field pages' frame: one small stylesheet inline (no extra request on a slow link), mobile
 * first (one column from 360 px), visible focus, colours at WCAG AA contrast or better, and the
 * refusal page every bad link gets.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { currentLang } from '../i18n/current.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

// #1b1b1b on #fff is 17:1, #fff on #0b4f8a 8.6:1, #8a1c1c on #fff 8.3:1, #555 on #fff 7.5:1.
const CSS = `*{box-sizing:border-box}body{margin:0;overflow-wrap:anywhere;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.35rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{text-align:left;padding:.35rem .3rem;border-bottom:1px solid #bbb;vertical-align:top}td.n,th.n{text-align:right}
.muted{color:#555}.box{border:1px solid #999;border-radius:.4rem;padding:.8rem;margin:.8rem 0}.ok{border-color:#1d6b35;background:#eef8f1}.bad{border-color:#8a1c1c;background:#fdf0f0;color:#8a1c1c}
label{display:block;font-weight:600;margin:.8rem 0 .25rem}input[type=text],textarea,select{width:100%;font:inherit;padding:.55rem;border:1px solid #555;border-radius:.3rem;background:#fff;color:#1b1b1b}
button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border-radius:.3rem;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;margin:.6rem .4rem 0 0;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}button.danger{background:#8a1c1c;border-color:#8a1c1c}button:disabled{background:#ddd;border-color:#999;color:#444;cursor:not-allowed}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}ul.steps{list-style:none;padding:0}ul.steps li{border-bottom:1px solid #bbb;padding:.6rem 0}
.tag{display:inline-block;font-size:.8rem;font-weight:700;padding:0 .35rem;border-radius:.25rem;border:1px solid #8a1c1c;color:#8a1c1c;margin-right:.3rem}
canvas{display:block;width:100%;height:12rem;border:2px dashed #555;border-radius:.3rem;touch-action:none;background:#fff}img{max-width:100%}`;

export function page(title: string, body: Html, opts: { scripts?: string[]; lang?: string } = {}): Html {
  return html`<!doctype html>
<html lang="${opts.lang ?? 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${title}</title><style>${raw(CSS)}</style></head>
<body><main id="main">${body}</main>${(opts.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}</body></html>`;
}

/** What a refused link shows: why, and what to do; nothing of any job. In the current reader's language, `<html lang>` with it. */
export function refusalPage(title: string, why: string): Html {
  return page(title, html`<h1>${title}</h1><div class="box bad" role="alert"><p>${why}</p></div>`, { lang: currentLang() });
}
