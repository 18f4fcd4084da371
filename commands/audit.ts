import { auditCard } from '../cards/build/approval.js';
import { auditTrail } from '../src/approvals/audit-trail.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'The audit trail of a job or a contract: who did what, when and why',
  usage: ['/audit <job|contract>'],
  example: '/audit J-1001',
  async run(ctx, args) {
    const [target] = args.words;
    if (!target) throw new UsageError('Which job or contract?');
    return auditCard(await auditTrail(ctx, { target }), ctx.actor.person?.zone ?? ctx.services.defaultZone);
  },
};
