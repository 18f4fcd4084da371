import { z } from 'zod';
import { partLoggedCard } from '../cards/build/time.js';
import { logPart } from '../src/billing/log-part.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';
import { takeFor } from './log.js';

const refSchema = z.string({ error: 'which job? e.g. J-1001' }).regex(/^j?-?\d+$/i, 'job numbers look like J-1001');

export const partCommand: Command = {
  name: 'part',
  summary: 'Record a part fitted on a job (from the contract price list)',
  usage: ['/part <job> <sku> [qty]', 'dispatchers add --for <technician>'],
  example: '/part J-1042 BELT-A42 2',
  async run(ctx, args) {
    const { words, technician } = takeFor(args.words);
    const [ref, sku, qtyText, ...extra] = words;
    if (!ref || !sku) throw new UsageError('Which job and which part?');
    if (extra.length) throw new UsageError(`Unexpected "${extra.join(' ')}" after the quantity.`);
    let qty: number | undefined;
    if (qtyText !== undefined) {
      if (!/^\d+$/.test(qtyText)) throw new UsageError(`"${qtyText}" is not a quantity; use a whole number like 2.`);
      qty = Number(qtyText);
    }
    const r = await logPart(ctx, { job: refSchema.parse(ref), sku, qty, technician });
    return partLoggedCard({ ref: r.job.ref, person: r.person.name, sku: r.part.sku, name: r.part.name, qty: r.use.qty, price: r.part.price, currency: r.currency, version: r.version });
  },
};
