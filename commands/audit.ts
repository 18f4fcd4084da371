import { auditCard } from '../cards/build/approval.js';
import { auditTrail } from '../src/approvals/audit-trail.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const auditCommand: Command = {
  name: 'audit',
  get summary() {
    return t('commands.audit.summary');
  },
  get usage() {
    return usageLines('commands.audit.usage');
  },
  get example() {
    return t('commands.audit.example');
  },
  async run(ctx, args) {
    const [target] = args.words;
    if (!target) throw new UsageError(t('errors-commands.audit-which'));
    return auditCard(await auditTrail(ctx, { target }), ctx.actor.person?.zone ?? ctx.services.defaultZone);
  },
};
