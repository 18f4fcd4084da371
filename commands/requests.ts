import { approvalCard, requestsCard } from '../cards/build/approval.js';
import { myRequests, viewRequest } from '../src/approvals/list-requests.js';
import { parseApprovalId } from '../src/approvals/store.js';
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
      const c = approvalCard(await viewRequest(ctx, id), ctx.services.actionSecret);
      return { ...c, visibility: 'ephemeral' };
    }
    return requestsCard(await myRequests(ctx), ctx.services.actionSecret);
  },
};
