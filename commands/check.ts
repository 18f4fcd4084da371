import { z } from 'zod';
import { checklistCard } from '../cards/build/checklist.js';
import { showChecklist } from '../src/proof/show-checklist.js';
import { tickStep } from '../src/proof/tick-step.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const jobRefSchema = z.string({ error: () => t('errors.job-ref.which') }).regex(/^j?-?\d+$/i, { error: () => t('errors.job-ref.shape') });

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
  get summary() {
    return t('check.summary');
  },
  get usage() {
    return usageLines('check.usage');
  },
  get example() {
    return t('check.example');
  },
  async run(ctx, args) {
    if (!args.words[0]) throw new UsageError(t('check.which-job'));
    const { job, code, step, rest } = jobCodeStep(args.words);
    if (step === undefined) {
      if (rest.length) throw new UsageError(t('check.not-a-step', { typed: rest.join(' ') }));
      return checklistCard(await showChecklist(ctx, { job, code }), ctx.services.actionSecret);
    }
    const r = await tickStep(ctx, { job, code, step, reading: rest.join(' ') || undefined });
    return checklistCard(r.view, ctx.services.actionSecret, { done: t('check.confirmed', { code: r.code, number: r.number, reading: r.proof?.kind === 'reading' ? `${r.proof.value} ${r.proof.unit}` : 'none' }) });
  },
};
