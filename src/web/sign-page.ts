/**
 * Sign-off on the technician's phone: the customer's representative picks the sign-off step,
 * types their name and role and signs with a finger (or a mouse). The drawing is stored as a PNG
 * through the checklist verb, like a signature image sent in chat: attachment with its SHA-256,
 * the step confirmed with the signer's name, role and time, both in the closing report.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { loadJob } from '../jobs/job-store.js';
import { loadChecklists, type StepState } from '../proof/checklist.js';
import { tickStep } from '../proof/tick-step.js';
import { localTime } from '../messages/template.js';
import { AppError } from '../errors.js';
import { formOf, linkOf, refusal, technicianFor, text, type FieldDeps } from './field-ctx.js';
import { page, refusalPage, type Html } from './html.js';
import { csrfToken, linkPath } from './links.js';
import { SIGN_JS } from './sign-script.js';
import { t } from '../i18n/index.js';

const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/;

interface Open {
  code: string;
  step: StepState;
}

function signPage(ref: string, open: Open[], token: string, secret: string, opts: { error?: string; done?: string; name?: string; role?: string } = {}): Html {
  const form = open.length
    ? html`<form method="post" id="signform" action="${linkPath('sign', token)}">
<input type="hidden" name="csrf" value="${csrfToken(token, secret)}"><input type="hidden" name="png" id="png">
<label for="step">Step to sign</label><select id="step" name="step">${open.map((o) => html`<option value="${o.code}:${o.step.number}">${o.code} step ${o.step.number}: ${o.step.step}</option>`)}</select>
<label for="name">Signer's name</label><input type="text" id="name" name="name" autocomplete="name" required maxlength="120" value="${opts.name ?? ''}">
<label for="role">Signer's role</label><input type="text" id="role" name="role" required maxlength="120" placeholder="charge nurse, site manager" value="${opts.role ?? ''}">
<label for="pad" id="padlabel">Signature</label><canvas id="pad" tabindex="0" role="img" aria-labelledby="padlabel" aria-describedby="padmsg"></canvas>
<p id="padmsg" class="muted" aria-live="polite"></p>
<button type="button" id="clear" class="secondary">Clear</button><button type="submit">Sign</button>
</form>`
    : html`<p>No sign-off step is waiting on ${ref}${opts.done ? '' : ': earlier steps come first, or it is signed already'}.</p>`;
  return page(
    `Sign-off ${ref}`,
    html`<h1>Sign-off ${ref}</h1>${opts.done ? html`<div class="box ok" role="status">${opts.done}</div>` : ''}${opts.error ? html`<div class="box bad" role="alert">${opts.error}</div>` : ''}${form}`,
    { scripts: open.length ? ['/f/sign.js'] : [] },
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
    return { job, open, zone: cl.zone };
  }

  app.get('/f/sign/:token', async (c) => {
    const l = await linkOf(c, deps, 'sign');
    if (!l.ok) return l.response;
    const s = await state(l.link.j);
    if (!s) return c.html(refusalPage('Job not available', 'This job no longer exists.'), 410);
    const who = await technicianFor(deps, l.link, s.job);
    if ('why' in who) return c.html(refusalPage('Link no longer applies', who.why), 403);
    return c.html(signPage(s.job.ref, s.open, l.token, deps.ctx.services.actionSecret));
  });

  app.post('/f/sign/:token', async (c) => {
    const l = await linkOf(c, deps, 'sign');
    if (!l.ok) return l.response;
    const form = await formOf(c, deps, l.token);
    if (form instanceof Response) return form;
    const s = await state(l.link.j);
    if (!s) return c.html(refusalPage('Job not available', 'This job no longer exists.'), 410);
    const who = await technicianFor(deps, l.link, s.job);
    if ('why' in who) return c.html(refusalPage('Link no longer applies', who.why), 403);
    const name = text(form['name']).trim();
    const role = text(form['role']).trim();
    try {
      const [code, n] = text(form['step']).split(':');
      const png = PNG_DATA_URL.exec(text(form['png']));
      if (!png) throw new AppError('invalid', t('errors-web.sign-first'));
      if (!name || !role) throw new AppError('invalid', t('errors-web.signer'));
      const r = await tickStep(who.ctx, { job: s.job.id, code, step: Number(n), signature: { name, role }, file: { name: `signature-${s.job.ref}-${code}-${n}.png`, contentType: 'image/png', data: Buffer.from(png[1]!, 'base64') } });
      const file = r.view.attachments.find((a) => r.proof?.kind === 'signature' && a.id === r.proof.attachmentId);
      const after = await state(l.link.j);
      const done = `${r.code} step ${r.number} signed by ${name} (${role}) at ${localTime(r.at, s.zone)}${file ? `; SHA-256 ${file.sha256}` : ''}.`;
      return c.html(signPage(s.job.ref, after?.open ?? [], l.token, deps.ctx.services.actionSecret, { done }));
    } catch (err) {
      const r = refusal(err);
      return c.html(signPage(s.job.ref, s.open, l.token, deps.ctx.services.actionSecret, { error: r.message, name, role }), r.status as 400);
    }
  });
}
