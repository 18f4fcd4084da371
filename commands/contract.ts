import { z } from 'zod';
import { contractCard, contractListCard } from '../cards/build/contract.js';
import { infoCard } from '../cards/build/error.js';
import { usageCard } from '../cards/build/usage.js';
import { contractUsage } from '../src/billing/usage.js';
import { amendContract } from '../src/contracts/amend-contract.js';
import { listContracts } from '../src/contracts/list-contracts.js';
import { findContract, getVersion } from '../src/contracts/store.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

const amendArgs = z.object({
  id: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'effective date must look like 2026-12-01'),
  reason: z.string().min(1, 'give a reason for the amendment'),
});

export const contractCommand: Command = {
  name: 'contract',
  summary: 'List contracts, show one (fee, term, sites, SLA, rates), amend one',
  usage: ['/contract list', '/contract show <id>', '/contract amend <id> <effective-date> "<reason>" (attach the new YAML)', '/contract usage <id>'],
  example: '/contract show ACME-HVAC',
  async run(ctx, args) {
    const [sub, ...rest] = args.words;
    switch (sub?.toLowerCase()) {
      case 'list':
      case undefined:
        return contractListCard(await listContracts(ctx));
      case 'show': {
        if (!rest[0]) throw new UsageError('Which contract? For example /contract show ACME-HVAC.');
        const row = await findContract(ctx.db, rest[0]);
        const v = await getVersion(ctx.db, row.id, rest[1] ? Number(rest[1].replace(/^v/i, '')) : undefined);
        return contractCard(v.contract, v);
      }
      case 'amend': {
        const a = amendArgs.parse({ id: rest[0], effectiveFrom: rest[1], reason: rest.slice(2).join(' ') });
        const file = args.files?.[0];
        if (!file) throw new UsageError('Attach the amended contract (YAML or JSON) to the command.');
        const text = file.data.toString('utf8');
        const r = await amendContract(ctx, { id: a.id, effectiveFrom: a.effectiveFrom, reason: a.reason, terms: { text, format: file.name.endsWith('.json') ? 'json' : 'yaml' } });
        return infoCard('Contract amended', `${r.id} is now at version ${r.version}, in force from ${r.effectiveFrom}. Work before that date keeps the earlier prices.`, 'good');
      }
      case 'usage': {
        if (!rest[0]) throw new UsageError('Which contract? For example /contract usage NORTHWIND-TEL.');
        return usageCard(await contractUsage(ctx, { contract: rest[0] }));
      }
      default:
        throw new UsageError(`Unknown /contract subcommand "${sub}".`);
    }
  },
};
