/**
 * Sign-off on the technician's phone: the customer's representative picks the sign-off step,
 * types their name and role and signs with a finger (or a mouse). The drawing is stored as a PNG
 * through the checklist verb, like a signature image sent in chat: attachment with its SHA-256,
 * the step confirmed with the signer's name, role and time, both in the closing report. Written in
 * the customer's language and formats (the contract's `locale`), `<html lang>` with it; a refused
 * link (expired, no longer the technician's) is written for the technician it was given to.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { loadJob } from '../jobs/job-store.js';
import { loadChecklists, type StepState } from '../proof/checklist.js';
import { tickStep } from '../proof/tick-step.js';
import { customerVoice, type CustomerVoice } from '../i18n/customer.js';
import { AppError } from '../errors.js';
import { asReader, formOf, linkHolder, linkOf, refusal, refusedFor, technicianFor, text, type FieldDeps } from './field-ctx.js';
import { page, type Html } from './html.js';
import { csrfToken, linkPath } from './links.js';
import { SIGN_JS } from './sign-script.js';
import { t } from '../i18n/index.js';

const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/;

interface Open {
  code: string;
  step: StepState;
}

function signPage(ref: string, voice: CustomerVoice, open: Open[], token: string, secret: string, opts: { error?: string; done?: string; name?: string; role?: string } = {}): Html {
  const t = voice.t;
  const form = open.length
    ? html`<form method="post" id="signform" action="${linkPath('sign', token)}">
<input type="hidden" name="csrf" value="${csrfToken(token, secret)}"><input type="hidden" name="png" id="png">
<label for="step">${t('field-sign.step')}</label><select id="step" name="step">${open.map((o) => html`<option value="${o.code}:${o.step.number}">${t('field-sign.option', { code: o.code, n: o.step.number, step: o.step.step })}</option>`)}</select>
<label for="name">${t('field-sign.name')}</label><input type="text" id="name" name="name" autocomplete="name" required maxlength="120" value="${opts.name ?? ''}">
<label for="role">${t('field-sign.role')}</label><input type="text" id="role" name="role" required maxlength="120" placeholder="${t('field-sign.role-hint')}" value="${opts.role ?? ''}">
<label for="pad" id="padlabel">${t('field-sign.signature')}</label><canvas id="pad" tabindex="0" role="img" aria-labelledby="padlabel" aria-describedby="padmsg" data-sign-first="${t('field-sign.sign-first')}"></canvas>
<p id="padmsg" class="muted" aria-live="polite"></p>
<button type="button" id="clear" class="secondary">${t('field-sign.clear')}</button><button type="submit">${t('field-sign.sign')}</button>
</form>`
    : html`<p>${t('field-sign.none', { ref, why: opts.done ? '' : t('field-sign.none-why') })}</p>`;
  return page(
    t('field-sign.title', { ref }),
    html`<h1>${t('field-sign.title', { ref })}</h1>${opts.done ? html`<div class="box ok" role="status">${opts.done}</div>` : ''}${opts.error ? html`<div class="box bad" role="alert">${opts.error}</div>` : ''}${form}`,
    { scripts: open.length ? ['/f/sign.js'] : [], lang: voice.lang },
  );
}

export function registerSignPage(app: Hono, deps: FieldDeps): void {
  app.get('/f/sign.js', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(SIGN_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });

  async function state(jobId: number) {
    const job = await loadJob(deps.ctx.root, jobId).catch(() => undefined);
    if (!job) return undefined;
    const cl = await loadChecklists(deps.ctx.root, job);
    const open = cl.lists.flatMap((l) => l.steps.filter((s) => s.proof === 'signature' && !s.tick && !s.waitsFor.length).map((step) => ({ code: l.code, step })));
    return { job, open, zone: cl.zone, voice: customerVoice(cl.contract.locale) };
  }

  app.get('/f/sign/:token', async (c) => {
    const l = await linkOf(c, deps, 'sign');
    if (!l.ok) return l.response;
    const s = await state(l.link.j);
    const holder = await linkHolder(deps, l.link);
    if (!s) return refusedFor(c, holder.reader, 410, 'errors-web.job-gone-title', () => t('errors-web.job-gone'));
    const who = asReader(holder.reader, () => technicianFor(deps, holder, s.job));
    if ('why' in who) return refusedFor(c, holder.reader, 403, 'errors-web.no-longer-title', () => who.why);
    return c.html(signPage(s.job.ref, s.voice, s.open, l.token, deps.ctx.services.actionSecret));
  });

  app.post('/f/sign/:token', async (c) => {
    const l = await linkOf(c, deps, 'sign');
    if (!l.ok) return l.response;
    const form = await formOf(c, deps, l.token, l.link);
    if (form instanceof Response) return form;
    const s = await state(l.link.j);
    const holder = await linkHolder(deps, l.link);
    if (!s) return refusedFor(c, holder.reader, 410, 'errors-web.job-gone-title', () => t('errors-web.job-gone'));
    const who = asReader(holder.reader, () => technicianFor(deps, holder, s.job));
    if ('why' in who) return refusedFor(c, holder.reader, 403, 'errors-web.no-longer-title', () => who.why);
    const name = text(form['name']).trim();
    const role = text(form['role']).trim();
    try {
      const [code, n] = text(form['step']).split(':');
      // What the signer is told is in the page's language, the contract's.
      const r = await asReader(s.voice, async () => {
        const png = PNG_DATA_URL.exec(text(form['png']));
        if (!png) throw new AppError('invalid', t('errors-web.sign-first'));
        if (!name || !role) throw new AppError('invalid', t('errors-web.signer'));
        return tickStep(who.ctx, { job: s.job.id, code, step: Number(n), signature: { name, role }, file: { name: `signature-${s.job.ref}-${code}-${n}.png`, contentType: 'image/png', data: Buffer.from(png[1]!, 'base64') } });
      });
      const file = r.view.attachments.find((a) => r.proof?.kind === 'signature' && a.id === r.proof.attachmentId);
      const after = await state(l.link.j);
      const done = s.voice.t('field-sign.done', { code: r.code, n: r.number, name, role, at: s.voice.time(r.at, s.zone), sha: file ? s.voice.t('field-sign.sha', { sha: file.sha256 }) : '' });
      return c.html(signPage(s.job.ref, s.voice, after?.open ?? [], l.token, deps.ctx.services.actionSecret, { done }));
    } catch (err) {
      const r = refusal(err);
      return c.html(signPage(s.job.ref, s.voice, s.open, l.token, deps.ctx.services.actionSecret, { error: r.message, name, role }), r.status as 400);
    }
  });
}
