import { checklistCard } from '../cards/build/checklist.js';
import { tickStep } from '../src/proof/tick-step.js';
import { jobCodeStep } from './check.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';
import { localFiles } from './attach.js';

export const signCommand: Command = {
  name: 'sign',
  get summary() {
    return t('commands.sign.summary');
  },
  get usage() {
    return usageLines('commands.sign.usage');
  },
  get example() {
    return t('commands.sign.example');
  },
  async run(ctx, args) {
    if (!args.words[0]) throw new UsageError(t('errors-commands.sign-which'));
    const { words, files } = await localFiles(ctx, args);
    const { job, code, step, rest } = jobCodeStep(words);
    if (step === undefined) throw new UsageError(t('errors-commands.sign-step'));
    const text = rest.join(' ');
    if (!text.includes(',')) throw new UsageError(t('errors-commands.sign-name-role'));
    if (files.length > 1) throw new UsageError(t('errors-commands.sign-one'));
    const r = await tickStep(ctx, { job, code, step, signature: text, file: files[0] });
    return checklistCard(r.view, ctx.services.actionSecret, { done: t('replies-attach.step-signed', { code: r.code, number: r.number, signer: r.proof?.kind === 'signature' ? t('replies-attach.signer', { name: r.proof.name, role: r.proof.role }) : t('replies-attach.the-signer') }) });
  },
};
