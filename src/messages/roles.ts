/**
 * Who may send, edit or discard a customer message: dispatchers and managers for a job's messages,
 * finance and managers for an invoice e-mail.
 */
import { eq } from 'drizzle-orm';
import { customerMessages } from '../../db/schema.js';
import { requireRole, type RoleAction } from '../auth.js';
import type { Ctx, Person } from '../context.js';

export async function requireMessageRole(ctx: Ctx, message: number, what: RoleAction): Promise<Person> {
  const [m] = await ctx.db.select({ invoiceId: customerMessages.invoiceId }).from(customerMessages).where(eq(customerMessages.id, message));
  return requireRole(ctx, m?.invoiceId != null ? ['finance', 'manager'] : ['dispatcher', 'manager'], what);
}
