/**
 * Legal invoice numbers: one gapless, chronological sequence per issuer and document kind
 * (invoices F000001, F000002…; credit notes AV000001… in their own). Called last in the issuing
 * transaction so the counter row stays locked for the shortest time; the lock queues concurrent
 * issues, and a rolled-back issue gives its number back.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { invoiceSequences } from '../../db/schema.js';
import type { Issuer } from './issuer.js';

export type DocumentKind = 'invoice' | 'credit_note';

export function formatLegalNumber(issuer: Issuer, kind: DocumentKind, n: number): string {
  const prefix = kind === 'invoice' ? issuer.numbering.invoicePrefix : issuer.numbering.creditNotePrefix;
  return `${prefix}${String(n).padStart(6, '0')}`;
}

export async function nextLegalNumber(db: DbOrTx, issuer: Issuer, kind: DocumentKind): Promise<string> {
  // A concurrent first insert waits for the other's commit, then does nothing.
  await db.insert(invoiceSequences).values({ issuerId: issuer.id, kind, next: 1 }).onConflictDoNothing();
  const [row] = await db
    .update(invoiceSequences)
    .set({ next: sql`${invoiceSequences.next} + 1` })
    .where(and(eq(invoiceSequences.issuerId, issuer.id), eq(invoiceSequences.kind, kind)))
    .returning({ n: sql<number>`${invoiceSequences.next} - 1` });
  return formatLegalNumber(issuer, kind, Number(row!.n));
}
