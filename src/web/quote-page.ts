/**
 * The customer's quote page, reached from the quote e-mail: the work, its priced lines and the
 * clause behind each, and Accept / Decline (a reason is required to decline). What the page shows
 * is redacted as the contract says, like the e-mail itself. Written in the customer's language and
 * formats (the contract's `locale`), `<html lang>` with it.
 */
import { wordQuoteLine } from '../billing/line-text.js';
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { customerDecide } from '../approvals/customer-decide.js';
import { loadApprovalView, type ApprovalView } from '../approvals/store.js';
import { AppError } from '../errors.js';
import { outboundContract } from '../messages/outbound.js';
import { redactDeep } from '../messages/template.js';
import { customerVoice } from '../i18n/customer.js';
import { asReader, formOf, linkOf, linkReader, refusal, refusedFor, text, type FieldDeps } from './field-ctx.js';
import { page, type Html } from './html.js';
import { csrfToken, linkPath, type Link } from './links.js';
import { t } from '../i18n/index.js';

interface QuoteShown {
  ref: string;
  customer: string;
  site: string;
  job: string;
  description: string;
  lines: { description: string; qty: string; unitPrice: string; amount: string; rule: string }[];
  total: string;
  clause: string;
  contact: string;
}

function shown(v: ApprovalView, contract: Parameters<typeof redactDeep>[0]): QuoteShown {
  if (v.parsed.kind !== 'outOfScope' || !v.job) throw new AppError('not_found', t('errors-web.no-quote'));
  const r = v.parsed.request;
  const site = v.contract.sites.find((s) => s.id === v.job!.siteId);
  const cur = v.row.currency;
  const voice = customerVoice(v.contract.locale);
  const lines = r.lines.length
    ? r.lines.map((q) => wordQuoteLine(q, v.contract.locale, cur)).map((l) => ({ description: l.description, qty: voice.quantity(l.quantity, l.unit), unitPrice: voice.money(l.unitPrice, cur), amount: voice.money(l.amount, cur), rule: l.rule }))
    : [{ description: r.description, qty: '1', unitPrice: voice.money(v.row.amount, cur), amount: voice.money(v.row.amount, cur), rule: voice.t('field-quote.quoted-price') }];
  return redactDeep(contract, {
    ref: `${v.job.ref}/Q${v.row.id}`,
    customer: v.contract.customer.name,
    site: site ? `${site.name}${site.address ? `, ${site.address}` : ''}` : v.job.siteId,
    job: voice.t('common.pair', { a: v.job.ref, b: v.job.summary }),
    description: r.description,
    lines,
    total: voice.money(v.row.amount, cur),
    clause: r.code
      ? voice.t('field-quote.clause-code', { code: r.code, contract: v.contract.id, version: v.version.version, rule: v.rule })
      : voice.t('field-quote.clause-none', { contract: v.contract.id, rule: v.rule }),
    contact: v.contract.customer.contacts[0]?.name ?? '',
  });
}

function quotePage(q: QuoteShown, v: ApprovalView, token: string, secret: string, opts: { error?: string; name?: string; reason?: string } = {}): Html {
  const c = v.customer;
  const voice = customerVoice(v.contract.locale);
  const t = voice.t;
  const answer = c
    ? html`<div class="box ${c.decision === 'accepted' ? 'ok' : 'bad'}" role="status"><p><strong>${t('field-quote.decision', { decision: c.decision === 'accepted' ? 'accepted' : 'declined' })}</strong>${t('field-quote.decided', { name: c.name, at: voice.time(c.at, v.zone), reason: c.reason ? t('field-quote.decided-reason', { reason: c.reason }) : '' })}</p><p>${t('field-quote.thanks')}</p></div>`
    : html`<form method="post" action="${linkPath('quote', token)}">
<input type="hidden" name="csrf" value="${csrfToken(token, secret)}">
${opts.error ? html`<div class="box bad" role="alert" id="err">${opts.error}</div>` : ''}
<label for="name">${t('field-quote.name')}</label><input type="text" id="name" name="name" autocomplete="name" required maxlength="120" value="${opts.name ?? q.contact}">
<button type="submit" name="decision" value="accept">${t('field-quote.accept')}</button>
<label for="reason">${t('field-quote.reason')}</label><textarea id="reason" name="reason" rows="3" maxlength="1000"${opts.error ? html` aria-describedby="err"` : ''}>${opts.reason ?? ''}</textarea>
<button type="submit" name="decision" value="decline" class="danger">${t('field-quote.decline')}</button>
</form>`;
  return page(
    t('field-quote.title', { ref: q.ref }),
    html`<h1>${t('field-quote.title', { ref: q.ref })}</h1>
<p>${q.customer}<br>${q.site}<br><span class="muted">${q.job}</span></p>
<h2>${t('field-quote.work')}</h2><p>${q.description}</p>
<table><caption class="muted">${t('field-quote.caption')}</caption><thead><tr><th scope="col">${t('field-quote.line')}</th><th scope="col" class="n">${t('field-quote.qty')}</th><th scope="col" class="n">${t('field-quote.unit-price')}</th><th scope="col" class="n">${t('field-quote.amount')}</th></tr></thead>
<tbody>${q.lines.map((l) => html`<tr><td>${l.description}<div class="muted">${l.rule}</div></td><td class="n">${l.qty}</td><td class="n">${l.unitPrice}</td><td class="n">${l.amount}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row" colspan="3">${t('field-quote.total')}</th><td class="n"><strong>${q.total}</strong></td></tr></tfoot></table>
<h2>${t('field-quote.contract')}</h2><p>${q.clause}</p>
<h2>${t('field-quote.answer')}</h2>${answer}`,
    { lang: voice.lang },
  );
}

async function load(deps: FieldDeps, jobId: number, approvalId: number) {
  const now = deps.ctx.clock.now();
  const v = await loadApprovalView(deps.ctx.root, approvalId, now).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return undefined;
    throw err;
  });
  // A link reaches its own job's quote only; anything else reads as "not available".
  if (!v || !v.job || v.job.id !== jobId || v.parsed.kind !== 'outOfScope' || v.row.status !== 'approved') return undefined;
  return { v, q: shown(v, await outboundContract(deps.ctx.root, v.job, now)) };
}

const gone = async (c: Context, deps: FieldDeps, link: Link) => refusedFor(c, await linkReader(deps, link), 410, 'errors-web.quote-gone-title', () => t('errors-web.quote-gone'));

export function registerQuotePage(app: Hono, deps: FieldDeps): void {
  app.get('/f/quote/:token', async (c) => {
    const l = await linkOf(c, deps, 'quote');
    if (!l.ok) return l.response;
    const got = await load(deps, l.link.j, l.link.a ?? 0);
    if (!got) return gone(c, deps, l.link);
    return c.html(quotePage(got.q, got.v, l.token, deps.ctx.services.actionSecret));
  });

  app.post('/f/quote/:token', async (c) => {
    const l = await linkOf(c, deps, 'quote');
    if (!l.ok) return l.response;
    const form = await formOf(c, deps, l.token, l.link);
    if (form instanceof Response) return form;
    const got = await load(deps, l.link.j, l.link.a ?? 0);
    if (!got) return gone(c, deps, l.link);
    const decision = text(form['decision']);
    const name = text(form['name']);
    const reason = text(form['reason']);
    // The page is the customer's: its refusals are in the contract's locale, as the page.
    const voice = customerVoice(got.v.contract.locale);
    try {
      await asReader(voice, async () => {
        if (decision !== 'accept' && decision !== 'decline') throw new AppError('invalid', t('errors-web.accept-or-decline'));
        await customerDecide(deps.ctx, { approval: got.v.row.id, jobId: l.link.j, accept: decision === 'accept', name, reason });
      });
    } catch (err) {
      const r = refusal(err);
      const again = await load(deps, l.link.j, l.link.a ?? 0);
      if (!again) return gone(c, deps, l.link);
      return c.html(quotePage(again.q, again.v, l.token, deps.ctx.services.actionSecret, { error: r.message, name, reason }), r.status as 400);
    }
    // Post, then redirect: a reload does not send the answer again.
    return c.redirect(linkPath('quote', l.token), 303);
  });
}
