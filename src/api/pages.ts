/**
 * The three public pages the Teams app manifest links to (`websiteUrl`, `privacyUrl`,
 * `termsOfUseUrl`): `/`, `/privacy` and `/terms`, served by the bot itself so an installed app
 * never points at a 404. The privacy page lists what the bot stores from the same list `/mydata`
 * shows it by (STORED_ABOUT_A_PERSON).
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { STORED_ABOUT_A_PERSON } from '../proof/my-data.js';
import type { Api } from './app.js';

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a202c}h1{color:#1f3a5f}nav a{margin-right:1rem}code{background:#edf2f7;padding:0 .2rem}';

function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${STYLE}</style></head>
<body>
<nav><a href="/">contract-ops</a><a href="/privacy">Privacy</a><a href="/terms">Terms of use</a></nav>
${body}
</body>
</html>`;
}

export function registerPages(api: Api): void {
  api.get('/', (c) =>
    c.html(
      page(
        'contract-ops',
        html`<h1>contract-ops</h1>
<p>A Slack and Microsoft Teams bot that turns field-service contracts into live rules: jobs and their SLA clocks, breach-risk alerts with the contract's fallbacks, approvals for out-of-scope work and credits, time and parts priced by the contract, and invoices that say which rule priced each line.</p>
<p>In Slack or Teams, type <code>help</code> to the bot (or <code>/help</code>) for every command with an example. This deployment is run by your organisation; ask its administrator to be added.</p>`,
      ),
    ),
  );

  api.get('/privacy', (c) =>
    c.html(
      page(
        'contract-ops: privacy',
        html`<h1>Privacy</h1>
<p>contract-ops is run by your organisation, on its own server and database. It stores what people enter on jobs, and this about each person:</p>
<ul>${STORED_ABOUT_A_PERSON.map((k) => html`<li><strong>${k.label}</strong>: ${k.what}.</li>`)}</ul>
<p>Type <code>/mydata</code> to the bot to see every record it holds about you, and <code>/mydata flag &lt;ref&gt; &lt;what is wrong&gt;</code> to have a dispatcher correct one.</p>
<p>Messages go through the chat platform you use (Slack or Microsoft Teams), under that platform's own terms. Customers receive only the e-mails a dispatcher sends them. Nothing is sold or shared with anyone else.</p>`,
      ),
    ),
  );

  api.get('/terms', (c) =>
    c.html(
      page(
        'contract-ops: terms of use',
        html`<h1>Terms of use</h1>
<p>contract-ops is provided to you by your organisation for its field-service work. Use it for that work, with your own account; what you enter (time, parts, checklist steps, approvals, files) is part of your organisation's records and is audited.</p>
<p>Prices, SLA clocks and credits are computed from the contracts your organisation loaded; the contract itself is what binds. Questions go to your organisation's administrator.</p>`,
      ),
    ),
  );
}
