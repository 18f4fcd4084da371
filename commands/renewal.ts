import { renewalOutputs } from '../src/renewals/outputs.js';
import { renewalPack } from '../src/renewals/renewal-pack.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

export const renewalCommand: Command = {
  name: 'renewal',
  summary: "A contract's renewal pack (card and PDF): SLA over the term, value, credits, disputes, saves",
  usage: ['/renewal <contract>'],
  example: '/renewal ACME-HVAC',
  async run(ctx, args) {
    const [contract, extra] = args.words;
    if (!contract) throw new UsageError('Which contract? e.g. /renewal ACME-HVAC');
    if (extra) throw new UsageError(`One contract at a time; "${extra}" is one word too many.`);
    const pack = await renewalPack(ctx, { contract });
    return (await renewalOutputs(ctx, pack)).card;
  },
};
