import { z } from 'zod';
import { checklistCard } from '../cards/build/checklist.js';
import { showChecklist } from '../src/proof/show-checklist.js';
import { tickStep } from '../src/proof/tick-step.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

export const jobRefSchema = z.string({ error: 'which job? e.g. J-1001' }).regex(/^j?-?\d+$/i, 'job numbers look like J-1001');

/** `<job> [code] [step] rest…`: a code is any word that is not a step number. */
export function jobCodeStep(words: string[]): { job: string; code?: string; step?: number; rest: string[] } {
  const job = jobRefSchema.parse(words[0]);
  let i = 1;
  let code: string | undefined;
  if (words[i] && !/^\d+$/.test(words[i]!)) code = words[i++];
  const step = words[i] && /^\d+$/.test(words[i]!) ? Number(words[i++]) : undefined;
  return { job, code, step, rest: words.slice(i) };
}

export const checkCommand: Command = {
  name: 'check',
  summary: "Show a job's checklist (safety steps first) and confirm steps, with a reading where asked",
  usage: ['/check <job> [code]', '/check <job> [code] <step> [reading, e.g. 0.4 mA]'],
  example: '/check J-1001 3 0.4 mA',
  async run(ctx, args) {
    if (!args.words[0]) throw new UsageError('Which job? /check J-1001');
    const { job, code, step, rest } = jobCodeStep(args.words);
    if (step === undefined) {
      if (rest.length) throw new UsageError(`"${rest.join(' ')}" is not a step number.`);
      return checklistCard(await showChecklist(ctx, { job, code }), ctx.services.actionSecret);
    }
    const r = await tickStep(ctx, { job, code, step, reading: rest.join(' ') || undefined });
    return checklistCard(r.view, ctx.services.actionSecret, { done: `${r.code} step ${r.number} confirmed${r.proof?.kind === 'reading' ? `: ${r.proof.value} ${r.proof.unit}` : ''}.` });
  },
};
