/**
 * The technician's checklist on the phone, working offline: the page is cached by a service
 * worker once opened, and what is done without signal is kept on the phone and sent as one batch
 * when the connection returns (check-script.ts). Safety steps are first and block the rest, as in
 * chat; the server checks the order again when the batch arrives.
 */
import type { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { loadJob } from '../jobs/job-store.js';
import { loadChecklists, type JobChecklists } from '../proof/checklist.js';
import { fieldBatchSchema, syncFieldBatch, type ItemResult } from '../proof/sync-field-batch.js';
import type { IncomingFile } from '../proof/files.js';
import { localTime } from '../messages/template.js';
import { asReader, checkedLink, linkHolder, linkOf, refusal, refusedFor, technicianFor, type FieldDeps } from './field-ctx.js';
import { page, refusalPage, type Html } from './html.js';
import { checkCsrf, csrfToken, linkPath, signLink } from './links.js';
import { CHECK_JS, SW_JS } from './check-script.js';
import { currentLang, currentLocale, inLanguage } from '../i18n/current.js';
import { fieldCheck } from '../i18n/en/field-check.js';
import { t, type MessageKey } from '../i18n/t.js';
import { langOf } from '../i18n/lang.js';

/** JSON inside a <script> element: nothing in it can close the element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}

type ScriptTexts = Record<string, string | Record<string, string>>;

/** scriptTexts() by reader (language and locale): the catalog does not change while running. */
const scriptTextsCache = new Map<string, ScriptTexts>();

/**
 * The script's messages in the page's language, `{name}` left for the browser to fill; a count
 * comes in each plural form the language has (the script picks one with Intl.PluralRules).
 * Built once per reader language and locale.
 */
function scriptTexts(): ScriptTexts {
  const reader = `${currentLang()} ${currentLocale()}`;
  let texts = scriptTextsCache.get(reader);
  if (!texts) {
    texts = buildScriptTexts();
    scriptTextsCache.set(reader, texts);
  }
  return texts;
}

function buildScriptTexts(): ScriptTexts {
  const out: ScriptTexts = { 'done-state': t('field-check.done-state', { what: '{what}' }) };
  const keys = Object.keys(fieldCheck).filter((k): k is MessageKey & `field-check.js.${string}` => k.startsWith('field-check.js.'));
  for (const key of keys) {
    const name = key.slice('field-check.js.'.length);
    const args = Object.fromEntries((fieldCheck[key].match(/\{(\w+)\}/g) ?? []).map((m) => [m.slice(1, -1), m]));
    out[name] = fieldCheck[key].startsWith('{n, plural,') ? { one: t(key, { n: 1, count: '{n}' }), other: t(key, { n: 2, count: '{n}' }) } : t(key, args);
  }
  return out;
}

function checkPage(cl: JobChecklists, token: string, secret: string, signUrl: string | undefined): Html {
  const job = cl.job;
  const site = cl.contract.sites.find((s) => s.id === job.siteId);
  const steps = cl.lists.flatMap((l) =>
    l.steps.map((s) => ({
      code: l.code,
      index: s.index,
      number: s.number,
      step: s.step,
      required: s.required,
      safety: s.safety,
      proof: s.proof ?? null,
      done: Boolean(s.tick),
      doneText: s.tick ? t('field-check.done-by', { time: localTime(s.tick.at, cl.zone, 'HH:mm'), name: s.tick.personName }) : '',
    })),
  );
  const data = { job: job.id, status: job.status, csrf: csrfToken(token, secret), sync: `${linkPath('check', token)}/sync`, offline: `/f/offline/${currentLang()}`, steps, t: scriptTexts() };
  const codes = [...new Set([...(job.taskCode ? [job.taskCode] : []), ...cl.codes])];
  return page(
    t('field-check.title', { ref: job.ref }),
    html`<h1>${t('field-check.title', { ref: job.ref })}</h1>
<p>${job.summary}<br><span class="muted">${site ? `${site.name}, ${site.address}` : job.siteId}</span></p>
<p id="net" role="status" aria-live="polite" tabindex="-1"></p><p id="queued" class="muted" aria-live="polite"></p>
<div id="refused" class="box bad" hidden><h2>${t('field-check.not-applied')}</h2><ul></ul><button type="button" id="dismiss" class="secondary">${t('field-check.dismiss')}</button></div>
<h2>${t('field-check.visit')}</h2><p id="visit-state" class="muted" aria-live="polite"></p><button type="button" id="arrived">${t('field-check.arrived')}</button><button type="button" id="resolved" class="secondary">${t('field-check.work-done')}</button>
${cl.lists.map(
  (l) => html`<h2>${t('common.pair', { a: l.code, b: l.name })}</h2><ul class="steps">${l.steps.map((s) => {
    const id = `${l.code}-${s.number}`;
    const proof =
      s.proof === 'reading'
        ? html`<label for="r-${id}">${t('field-check.reading')}</label><input type="text" id="r-${id}" inputmode="decimal" placeholder="12 %LEL" maxlength="40">`
        : s.proof === 'photo'
          ? html`<label for="p-${id}">${t('field-check.photo')}</label><input type="file" id="p-${id}" accept="image/*" capture="environment">`
          : '';
    const action =
      s.proof === 'signature'
        ? s.tick
          ? ''
          : signUrl
            ? html`<p><a href="${signUrl}">${t('field-check.sign-link')}</a>${t('field-check.needs-signal')}</p>`
            : ''
        : html`<button type="button" class="tick" id="tick-${id}" aria-describedby="t-${id} st-${id}">${t('field-check.done')}</button>`;
    return html`<li class="step" id="s-${id}"><strong>${s.number}.</strong> <span id="t-${id}">${s.safety ? html`<span class="tag">${t('field-check.safety')}</span>` : ''}${s.step}${s.required ? '' : html` <span class="muted">${t('field-check.optional')}</span>`}</span>
${proof}${action}<div class="state muted" id="st-${id}">${s.tick ? t('field-check.done-state', { what: t('field-check.done-by', { time: localTime(s.tick.at, cl.zone, 'HH:mm'), name: s.tick.personName }) }) : ''}</div></li>`;
  })}</ul>`,
)}
${cl.lists.length ? '' : html`<p>${t('field-check.no-checklist')}</p>`}
<h2>${t('field-check.time')}</h2>
<label for="timer-code">${t('field-check.work-code')}</label><select id="timer-code">${codes.map((c) => html`<option>${c}</option>`)}</select>
<label for="timer-note">${t('field-check.note')}</label><input type="text" id="timer-note" maxlength="500">
<p id="timer-state" class="muted" aria-live="polite"></p><button type="button" id="timer-start">${t('field-check.start')}</button><button type="button" id="timer-stop" class="secondary">${t('field-check.stop')}</button>
<script type="application/json" id="field-data">${raw(scriptJson(data))}</script>`,
    { scripts: ['/f/check.js'], lang: currentLang() },
  );
}

export function registerCheckPage(app: Hono, deps: FieldDeps): void {
  app.get('/f/sw.js', (c) => c.body(SW_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  app.get('/f/check.js', (c) => c.body(CHECK_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  // What the service worker shows offline for a checklist never opened on the phone, in the
  // language of the page that stored it (the technician's).
  app.get('/f/offline/:lang', (c) => {
    const lang = langOf(c.req.param('lang')) ?? deps.ctx.services.defaultLanguage;
    return inLanguage(lang, () => c.html(refusalPage(t('field-check.offline-title'), t('field-check.offline'))));
  });

  app.get('/f/check/:token', async (c) => {
    const l = await linkOf(c, deps, 'check');
    if (!l.ok) return l.response;
    const holder = await linkHolder(deps, l.link);
    const job = await loadJob(deps.ctx.root, l.link.j).catch(() => undefined);
    if (!job) return refusedFor(c, holder.reader, 410, 'errors-web.job-gone-title', () => t('errors-web.job-gone'));
    const who = asReader(holder.reader, () => technicianFor(deps, holder, job));
    if ('why' in who) return refusedFor(c, holder.reader, 403, 'errors-web.no-longer-title', () => who.why);
    const cl = await loadChecklists(deps.ctx.root, job);
    const now = deps.ctx.clock.now();
    const signUrl = cl.lists.some((x) => x.steps.some((s) => s.proof === 'signature')) ? linkPath('sign', signLink({ p: 'sign', j: job.id, u: l.link.u! }, deps.ctx.services.actionSecret, now)) : undefined;
    return c.html(asReader(holder.reader, () => checkPage(cl, l.token, deps.ctx.services.actionSecret, signUrl)));
  });

  // Every answer, refusals of the link, the form and the batch included, is in the technician's
  // language, as their page; an altered link vouches for nobody and is answered in the deployment's.
  app.post('/f/check/:token/sync', async (c) => {
    const l = await checkedLink(c, deps, 'check');
    if (!l.ok) return asReader(l.reader, () => c.json({ error: t(l.refused === 'expired' ? 'errors-web.sync-expired' : 'errors-web.sync-altered') }, l.status));
    const holder = await linkHolder(deps, l.link);
    return asReader(holder.reader, async () => {
      const body = (await c.req.parseBody()) as Record<string, string | File>;
      if (!checkCsrf(l.token, body['csrf'], deps.ctx.services.actionSecret)) return c.json({ error: t('errors-web.sync-form') }, 403);
      let parsed;
      try {
        parsed = fieldBatchSchema.safeParse(JSON.parse(typeof body['batch'] === 'string' ? body['batch'] : ''));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) return c.json({ error: t('errors-web.sync-batch') }, 400);
      const items = parsed.data.items;
      const job = await loadJob(deps.ctx.root, l.link.j).catch(() => undefined);
      const who = job ? technicianFor(deps, holder, job) : { why: t('errors-web.job-gone') };
      if ('why' in who) {
        const results: ItemResult[] = items.map((i) => ({ id: i.id, status: 'refused', text: i.kind === 'tick' ? t('field-sync.item-tick', { code: i.code, step: i.step }) : t(i.kind === 'time' ? 'field-sync.item-time' : 'field-sync.item-status'), why: who.why }));
        return c.json({ results });
      }
      const files = new Map<string, IncomingFile>();
      for (const [k, v] of Object.entries(body)) {
        if (typeof v !== 'string' && k.startsWith('photo-')) files.set(k, { name: v.name, contentType: v.type, data: Buffer.from(await v.arrayBuffer()) });
      }
      try {
        return c.json({ results: await syncFieldBatch(who.ctx, { job: l.link.j, items, files }) });
      } catch (err) {
        const r = refusal(err);
        return c.json({ error: r.message }, r.status as 400);
      }
    });
  });
}
