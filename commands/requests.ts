import { approvalCard, requestsCard } from '../cards/build/approval.js';
import { myRequests, viewRequest } from '../src/approvals/list-requests.js';
import { parseApprovalId } from '../src/approvals/store.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const requestsCommand: Command = {
  name: 'requests',
  get summary() {
    return t('commands.requests.summary');
  },
  get usage() {
    return usageLines('commands.requests.usage');
  },
  get example() {
    return t('commands.requests.example');
  },
  async run(ctx, args) {
    const [which] = args.words;
    if (which) {
      const id = parseApprovalId(which);
      if (id === undefined) throw new UsageError(t('errors-approvals.not-a-request', { typed: which }));
      const c = approvalCard(await viewRequest(ctx, id), ctx.services.actionSecret);
      return { ...c, visibility: 'ephemeral' };
    }
    return requestsCard(await myRequests(ctx), ctx.services.actionSecret);
  },
};
