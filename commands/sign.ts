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
    if (!args.words[0]) throw new UsageError('Which job and step? /sign J-1001 4 Jane Roe, charge nurse');
    const { words, files } = await localFiles(ctx, args);
    const { job, code, step, rest } = jobCodeStep(words);
    if (step === undefined) throw new UsageError('Which step? Its number as /check shows it.');
    const text = rest.join(' ');
    if (!text.includes(',')) throw new UsageError("Give the signer's name and role, separated by a comma: Jane Roe, charge nurse");
    if (files.length > 1) throw new UsageError('Attach one signature image at most.');
    const r = await tickStep(ctx, { job, code, step, signature: text, file: files[0] });
    return checklistCard(r.view, ctx.services.actionSecret, { done: `${r.code} step ${r.number} signed by ${r.proof?.kind === 'signature' ? `${r.proof.name} (${r.proof.role})` : 'the signer'}.` });
  },
};
