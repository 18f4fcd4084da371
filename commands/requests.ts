import { approvalCard, requestsCard } from '../cards/build/approval.js';
import { myRequests } from '../src/approvals/list-requests.js';
import { loadApprovalView, parseApprovalId } from '../src/approvals/store.js';
import { requirePerson } from '../src/auth.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

export const requestsCommand: Command = {
  name: 'requests',
  summary: 'Your pending approval requests and those waiting for your decision; one request by number',
  usage: ['/requests', '/requests <#number>'],
  example: '/requests',
  async run(ctx, args) {
    const [which] = args.words;
    if (which) {
      const id = parseApprovalId(which);
      if (id === undefined) throw new UsageError(`"${which}" is not a request number; they look like #12.`);
      requirePerson(ctx);
      const c = approvalCard(await loadApprovalView(ctx.db, id, ctx.clock.now()), ctx.services.actionSecret);
      return { ...c, visibility: 'ephemeral' };
    }
    return requestsCard(await myRequests(ctx), ctx.services.actionSecret);
  },
};
