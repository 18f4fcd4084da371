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
import { siteTime } from '../messages/template.js';
import { periodOf } from '../rules/sla-credits.js';
import { formatMoney } from '../rules/units.js';
import type { ApprovalView } from './store.js';
import { publicLink } from '../web/links.js';

/**
 * The contract's templates (docs/contract-format.md) are confirmation, departure, closing (and delay); a quote is none of them,
 * so this default is used, written in the same mustache language and placeholders, with `quote.*`
 * added. See docs/approvals.md.
 */
export const DEFAULT_QUOTE_TEMPLATE = `Hello {{contact.name}},

For {{job.id}} at {{site.name}}, the following work is outside the scope of agreement {{contract.id}}:

{{quote.description}}
{{quote.lines}}
Price: {{quote.amount}} (excluding tax), reference {{quote.ref}}.

Please reply to confirm that we should go ahead; it will appear on your invoice as approved extra work.{{#quote.link}}

Accept or decline online: {{quote.link}}{{/quote.link}}`;

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
        .set({ permit: `#${row.id} ${siteTime(from, v.zone)} to ${siteTime(to, v.zone)}`, updatedAt: tx.clock.now() })
        .where(eq(jobs.id, v.job.id));
      return;
    }
    case 'outOfScope': {
      if (!v.job) return;
      const site = contract.sites.find((s) => s.id === v.job!.siteId);
      const contact = contract.customer.contacts[0];
      const r = parsed.request;
      const lines = r.lines.length > 1 ? r.lines.map((l) => `- ${l.description}: ${formatMoney(l.amount, row.currency)} (${l.rule})`).join('\n') + '\n' : '';
      const body = mustache
        .render(
          DEFAULT_QUOTE_TEMPLATE,
          {
            contract: { id: contract.id },
            customer: { name: contract.customer.name },
            contact: { name: contact?.name ?? contract.customer.name },
            site: { name: site?.name ?? v.job.siteId, address: site?.address ?? '', tier: site?.tier ?? '' },
            job: { id: v.job.ref, priority: v.job.priority, summary: v.job.summary, permit: v.job.permit ?? '' },
            quote: { description: r.description, lines, amount: formatMoney(row.amount, row.currency), ref: `${v.job.ref}/Q${row.id}`, link: quoteLink(tx, v.job.id, row.id, at) },
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
