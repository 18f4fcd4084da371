/**
 * Issue a contract's invoice for a month that is over: rate it, freeze the lines with their tax
 * terms, give it its reference (ACME-HVAC-2026-11) and its legal number from the issuer's gapless
 * sequence (F000042), freeze the seller and buyer as they stand, keep the prepaid and visit usage
 * it reached, and mark the credits it carries. One invoice per contract and month, ever: the unique index refuses a second one even
 * when two people press at the same moment on two replicas.
 */
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import { contracts, credits, invoiceLines, invoices, jobs, people, timeEntries, workAdjustments } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { conflict, preconditionFailed } from '../errors.js';
import { formatMoney } from '../rules/units.js';
import { inTransaction } from '../verb.js';
import { invoiceNumber, issuedFor, issuerName } from './invoice-store.js';
import { issuerOf } from './issuer.js';
import { nextLegalNumber } from './numbering.js';
import { addDays, localDate, parsePeriod, periodBounds } from './period.js';
import { taxTermsFor, taxTotals } from '../rules/tax.js';
import { contractTerms, ratePeriod } from './rating-input.js';
import { documentLocale, mainZone, versionAt } from '../contracts/version-at.js';
import { emitInvoiceWebhook } from '../webhooks/emit.js';
import { draftInvoiceMessage } from './invoice-message.js';
import { t } from '../i18n/index.js';
import { readerDate } from '../i18n/format.js';
import { lineWorder } from './line-text.js';

export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return true;
  }
  return false;
}

export async function issueInvoice(ctx: Ctx, input: { contract: string; period: string }) {
  const me = requireRole(ctx, ['finance'], 'issue-invoices');
  const period = parsePeriod(input.period);
  try {
    return await inTransaction(ctx, async (tx) => {
      const terms = await contractTerms(tx.db, input.contract);
      // Issues of one contract queue behind each other, so the second sees the first's invoice.
      await tx.db.select({ id: contracts.id }).from(contracts).where(eq(contracts.id, terms.contractId)).for('update');
      const zone = mainZone(terms, period.from);
      const now = tx.clock.now();
      const today = localDate(now, zone);
      const number = invoiceNumber(terms.contractId, period.key);
      const already = await issuedFor(tx.db, terms.contractId, period.from, period.to);
      if (already) {
        const by = (await issuerName(tx.db, already.issuedBy)) ?? t('errors-billing.someone');
        throw conflict(t('errors-billing.already-invoiced', { contract: terms.contractId, period: period.key, number: already.number, date: readerDate(already.issuedAt.toISOString().slice(0, 10)), by }));
      }
      if (today <= period.to) throw preconditionFailed(t('errors-billing.period-not-over', { period: period.key, zone, end: readerDate(period.to) }));
      const { end } = periodBounds(period, zone);
      const timers = await tx.db
        .select({ ref: jobs.ref, name: people.name })
        .from(timeEntries)
        .innerJoin(jobs, eq(jobs.id, timeEntries.jobId))
        .innerJoin(people, eq(people.id, timeEntries.personId))
        .where(and(eq(jobs.contractId, terms.contractId), isNull(timeEntries.endAt), lt(timeEntries.startAt, end)));
      if (timers.length) {
        throw preconditionFailed(
          t('errors-billing.timers-running', { period: period.key }),
          timers.map((r) => t('errors-billing.timer-stop', { name: r.name, ref: r.ref, who: r.name.split(' ')[0]!.toLowerCase() })),
        );
      }
      const rated = await ratePeriod(tx.db, terms, period);
      const c = versionAt(terms, period.from).contract;
      const r = rated.result;
      const issuer = issuerOf(ctx);
      // Each line is taxed by the version that was in force on its date; the buyer is the newest.
      // Lines are frozen in the words of the contract's documents (English as the engine wrote it).
      const word = lineWorder(documentLocale(terms), c.currency);
      const lines = r.lines.map((line) => {
        const { description, rule } = word(line);
        const tax = versionAt(terms, line.date).contract.tax;
        return tax ? { ...line, description, rule, tax: taxTermsFor(tax, line.code ?? line.sku) } : { ...line, description, rule };
      });
      const taxed = lines.every((l) => 'tax' in l) ? taxTotals(lines as { amount: number; tax: NonNullable<ReturnType<typeof taxTermsFor>> }[]) : undefined;
      const buyer = versionAt(terms, today).contract.billing ?? null;
      const legalNumber = await nextLegalNumber(tx.db, issuer, 'invoice');
      const issuedAt = tx.clock.now();
      const issueDate = localDate(issuedAt, zone);
      const [inv] = await tx.db
        .insert(invoices)
        .values({
          number,
          contractId: terms.contractId,
          periodFrom: period.from,
          periodTo: period.to,
          currency: c.currency,
          kind: 'invoice',
          total: r.totals.total,
          usage: r.usage,
          issuedBy: me.id,
          issuedAt,
          legalNumber,
          issuerId: issuer.id,
          dueDate: addDays(issueDate, issuer.payment.days),
          taxTotal: taxed?.tax ?? null,
          parties: { seller: issuer, buyer },
        })
        .returning();
      if (lines.length) {
        await tx.db.insert(invoiceLines).values(
          lines.map((line, i) => ({ invoiceId: inv!.id, lineNo: i + 1, line, amount: line.amount, jobId: line.jobId ? (rated.loaded.jobIds.get(line.jobId) ?? null) : null })),
        );
      }
      const creditIds = r.lines.filter((l) => l.kind === 'credit').flatMap((l) => l.sources.filter((s) => /^C\d+$/.test(s)).map((s) => Number(s.slice(1))));
      if (creditIds.length) await tx.db.update(credits).set({ invoiceId: inv!.id }).where(inArray(credits.id, creditIds));
      const adjustmentIds = r.lines.filter((l) => l.kind === 'adjustment').flatMap((l) => l.sources.filter((s) => /^E\d+$/.test(s)).map((s) => Number(s.slice(1))));
      if (adjustmentIds.length) await tx.db.update(workAdjustments).set({ invoiceId: inv!.id }).where(inArray(workAdjustments.id, adjustmentIds));
      await audit(tx, 'invoice.issued', { kind: 'invoice', id: number }, { contract: terms.contractId, period: period.key, legalNumber, lines: r.lines.length, total: r.totals.total, tax: taxed?.tax ?? null, credits: creditIds, adjustments: adjustmentIds, held: r.held.length });
      await emitInvoiceWebhook(tx, inv!.id);
      const email = await draftInvoiceMessage(tx, inv!.id);
      return {
        invoice: inv!,
        email,
        lines: lines.map((l, i) => ({ ...l, lineNo: i + 1 })),
        totals: r.totals,
        held: r.held,
        period,
        zone,
        summary: `${legalNumber} (${number}) issued: ${r.lines.length} lines, total ${formatMoney(r.totals.total, c.currency)} before tax${taxed ? `, ${formatMoney(taxed.tax, c.currency)} tax` : ''}.`,
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(t('errors-billing.invoiced-twice', { contract: input.contract, period: period.key }));
    throw err;
  }
}
