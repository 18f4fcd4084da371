import { auditLog } from '../db/schema.js';
import type { Ctx } from './context.js';

/** Append one audit row in the caller's transaction. */
export async function audit(
  ctx: Ctx,
  action: string,
  subject: { kind: string; id: string | number },
  data: Record<string, unknown> = {},
): Promise<void> {
  await ctx.db.insert(auditLog).values({
    at: ctx.clock.now(),
    actorId: ctx.actor.person?.id ?? null,
    actorLabel: ctx.actor.label,
    action,
    subjectKind: subject.kind,
    subjectId: String(subject.id),
    data,
  });
}
