/**
 * What an approval changes, written in the deciding transaction. Most effects are the approved row
 * itself (billing reads approved out-of-scope codes, free-text extras, permits and overrides from
 * `approvals`); a goodwill credit becomes a `credits` row (the invoice's negative line), a permit
 * is written on the job (the `job.permit` placeholder), and approved out-of-scope work gets a
 * customer quote draft. A rejected or expired request changes nothing but its own row.
 */
import mustache from 'mustache';
import { eq } from 'drizzle-orm';
import { credits, customerMessages, jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { firstZone } from '../contracts/save-terms.js';
import { PLACEHOLDER_TAGS, siteTime } from '../messages/template.js';
import { periodOf } from '../rules/sla-credits.js';
import { customerVoice } from '../i18n/customer.js';
import { wordQuoteLine } from '../billing/line-text.js';
import type { ApprovalView } from './store.js';
import { publicLink } from '../web/links.js';

/**
 * The customer's quote: not one of the contract's templates (confirmation, departure, closing,
 * delay), so the bot's own wording in the contract's language (catalog `quote-draft.template`), a
 * mustache template with the known placeholders and `quote.*`. See docs/approvals.md.
 */
export function quoteTemplate(locale: string): string {
  return customerVoice(locale).t('quote-draft.template', {
    ...PLACEHOLDER_TAGS,
    ...Object.fromEntries(['description', 'lines', 'amount', 'ref', 'link'].map((k) => [`quote_${k}`, `{{quote.${k}}}`])),
    link_open: '{{#quote.link}}',
    link_close: '{{/quote.link}}',
  });
}

/** The quote page's signed link, when the server knows its public address (PUBLIC_URL). */
function quoteLink(ctx: Ctx, jobId: number, approvalId: number, from: Date): string {
  return publicLink(ctx.services, { p: 'quote', j: jobId, a: approvalId }, from) ?? '';
}

export async function applyApproved(tx: Ctx, v: ApprovalView): Promise<void> {
  const { row, parsed, contract } = v;
  const at = row.decidedAt ?? tx.clock.now();
  switch (parsed.kind) {
    case 'goodwill': {
      const per = contract.sla.creditCap?.per ?? 'month';
      await tx.db
        .insert(credits)
        .values({
          contractId: row.contractId,
          jobId: row.jobId,
          kind: 'goodwill',
          amount: row.amount,
          period: periodOf(at, per, firstZone(contract)),
          rule: `approvals.goodwill, approval #${row.id}, ${contract.id} v${parsed.request.version}`,
          reason: `Goodwill: ${row.reason}`,
          // One credit per approval, whatever retries happen.
          key: `goodwill:${row.id}`,
          approvalId: row.id,
          at,
        })
        .onConflictDoNothing();
      return;
    }
    case 'permit': {
      if (!v.job) return;
      const from = new Date(parsed.request.from);
      const to = new Date(parsed.request.to);
      await tx.db
        .update(jobs)
        .set({ permit: customerVoice(contract.locale).t('customer.permit.span', { id: row.id, from: siteTime(from, v.zone, contract.locale), to: siteTime(to, v.zone, contract.locale) }), updatedAt: tx.clock.now() })
        .where(eq(jobs.id, v.job.id));
      return;
    }
    case 'outOfScope': {
      if (!v.job) return;
      const site = contract.sites.find((s) => s.id === v.job!.siteId);
      const contact = contract.customer.contacts[0];
      const r = parsed.request;
      const voice = customerVoice(contract.locale);
      const lines = r.lines.length > 1 ? r.lines.map((q) => wordQuoteLine(q, contract.locale, row.currency)).map((l) => voice.t('quote-draft.line', { description: l.description, amount: voice.money(l.amount, row.currency), rule: l.rule })).join('\n') + '\n' : '';
      const body = mustache
        .render(
          quoteTemplate(contract.locale),
          {
            contract: { id: contract.id },
            customer: { name: contract.customer.name },
            contact: { name: contact?.name ?? contract.customer.name },
            site: { name: site?.name ?? v.job.siteId, address: site?.address ?? '', tier: site?.tier ?? '' },
            job: { id: v.job.ref, priority: v.job.priority, summary: v.job.summary, permit: v.job.permit ?? '' },
            quote: { description: r.description, lines, amount: voice.money(row.amount, row.currency), ref: `${v.job.ref}/Q${row.id}`, link: quoteLink(tx, v.job.id, row.id, at) },
          },
          undefined,
          { escape: (s: string) => s },
        )
        .trim();
      const [msg] = await tx.db
        .insert(customerMessages)
        .values({ jobId: v.job.id, kind: 'quote', body, recipients: contract.customer.contacts.map((c) => c.email), status: 'draft', createdBy: row.deciderId ?? row.requesterId })
        .returning({ id: customerMessages.id });
      await audit(tx, 'approval.quote_drafted', { kind: 'approval', id: row.id }, { job: v.job.ref, message: msg!.id });
      return;
    }
    case 'rateOverride':
      // Billing reads approved overrides from the row when it prices the job's lines.
      return;
  }
}
