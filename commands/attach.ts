import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { card } from '../cards/card.js';
import { checklistCard } from '../cards/build/checklist.js';
import { addAttachment } from '../src/proof/add-attachment.js';
import { tickStep } from '../src/proof/tick-step.js';
import type { Ctx } from '../src/context.js';
import { invalid } from '../src/errors.js';
import { jobCodeStep } from './check.js';
import type { Args, Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

/**
 * Files of the message, plus `--file <path>` in the terminal chat: it has no upload, and it runs
 * on the user's own machine, so reading a path they typed reads their own file. Other surfaces
 * never read paths.
 */
export async function localFiles(ctx: Ctx, args: Args): Promise<{ words: string[]; files: NonNullable<Args['files']> }> {
  const files = [...(args.files ?? [])];
  const words: string[] = [];
  for (let i = 0; i < args.words.length; i++) {
    const w = args.words[i]!;
    if (w !== '--file') {
      words.push(w);
      continue;
    }
    const path = args.words[++i];
    if (!path) throw new UsageError(t('errors-commands.file-path'));
    if (ctx.actor.via !== 'shell') throw new UsageError(t('errors-commands.file-shell'));
    const data = await readFile(path).catch(() => undefined);
    if (!data) throw invalid(t('errors-commands.cannot-read', { path }));
    files.push({ name: basename(path), contentType: 'application/octet-stream', data });
  }
  return { words, files };
}

export const attachCommand: Command = {
  name: 'attach',
  get summary() {
    return t('commands.attach.summary');
  },
  get usage() {
    return usageLines('commands.attach.usage');
  },
  get example() {
    return t('commands.attach.example');
  },
  async run(ctx, args) {
    const { words, files } = await localFiles(ctx, args);
    const signature = words.includes('--signature');
    const rest = words.filter((w) => w !== '--signature');
    if (!rest[0]) throw new UsageError(t('errors-commands.attach-which'));
    if (!files.length) throw new UsageError(t('errors-commands.attach-file'));
    const { job, code, step } = jobCodeStep(rest);
    if (step !== undefined) {
      if (files.length > 1) throw new UsageError(t('errors-commands.attach-one'));
      const r = await tickStep(ctx, { job, code, step, file: files[0] });
      return checklistCard(r.view, ctx.services.actionSecret, { done: t('replies-attach.step-confirmed', { code: r.code, number: r.number, file: files[0]!.name }) });
    }
    const r = await addAttachment(ctx, { job, files, kind: signature ? 'signature' : undefined });
    return card('info', t('replies-attach.title', { job: r.job }), {
      tone: 'good',
      blocks: [{ type: 'list', items: r.attachments.map((a) => t('replies-attach.file', { name: a.fileName, kind: a.kind, type: a.contentType, kb: String(Math.max(1, Math.round(a.size / 1024))), sha: a.sha256.slice(0, 12) })) }],
      context: [t('replies-attach.where', { job: r.job })],
    });
  },
};
