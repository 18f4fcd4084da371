/**
 * `/import [kind] [--dry-run] [--replace] [--effective YYYY-MM-DD] [why...]` with one or more CSV
 * files attached: contracts, sites, rates, parts or people (docs/import.md). Parses the words,
 * calls the import verb, renders the plan or the result.
 */
import { card, type Block, type Card } from '../cards/card.js';
import { importCsv, type ImportResult } from '../src/import/import-csv.js';
import { IMPORT_KINDS, type ImportKind } from '../src/import/kinds.js';
import { changeLines, contractLines, headline } from '../src/import/summary.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

/** Chat cards stay short; the API and the CLI give every row. */
const MAX_ROWS_SHOWN = 25;

function importCard(r: ImportResult): Card {
  const blocks: Block[] = [{ type: 'text', text: headline(r) }];
  const contracts = contractLines(r);
  if (contracts.length) blocks.push({ type: 'list', items: contracts });
  const rows = changeLines(r, MAX_ROWS_SHOWN);
  if (rows.length) blocks.push({ type: 'list', items: rows });
  if (r.notes.length) blocks.push({ type: 'list', items: r.notes });
  const c = r.counts;
  return card('info', t('replies-import.title', { dry: r.dryRun ? 'yes' : 'no' }), {
    tone: r.dryRun ? 'info' : 'good',
    blocks,
    context: [r.files.map((f) => t('replies-import.file', { name: f.name, kind: f.kind, rows: f.rows })).join(t('common.list-sep'))],
    visibility: r.dryRun || c.new + c.changed + c.removed === 0 ? 'ephemeral' : 'channel',
  });
}

export const importCommand: Command = {
  name: 'import',
  get summary() {
    return t('commands.import.summary');
  },
  get usage() {
    return usageLines('commands.import.usage', { kinds: IMPORT_KINDS.join(', ') });
  },
  get example() {
    return t('commands.import.example');
  },
  async run(ctx, args) {
    let kind: ImportKind | undefined;
    let dryRun = false;
    let replace = false;
    let effectiveFrom: string | undefined;
    const why: string[] = [];
    for (let i = 0; i < args.words.length; i++) {
      const w = args.words[i]!;
      const l = w.toLowerCase();
      if (l === '--dry-run' || l === '--dryrun' || l === 'dry-run') dryRun = true;
      else if (l === '--replace') replace = true;
      else if (l === '--effective' || l.startsWith('--effective=')) {
        effectiveFrom = l.includes('=') ? w.slice(w.indexOf('=') + 1) : args.words[++i];
        if (!effectiveFrom || !/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom)) throw new UsageError(t('errors-commands.effective-date'));
      } else if (l.startsWith('--')) throw new UsageError(t('errors-commands.unknown-option', { option: w }));
      else if (!kind && !why.length && (IMPORT_KINDS as readonly string[]).includes(l)) kind = l as ImportKind;
      else why.push(w);
    }
    const files = args.files ?? [];
    if (!files.length) throw new UsageError(t('errors-commands.import-attach'));
    const r = await importCsv(ctx, {
      files: files.map((f) => ({ name: f.name, data: f.data, kind: files.length === 1 ? kind : undefined })),
      dryRun,
      replace,
      effectiveFrom,
      reason: why.join(' ') || undefined,
    });
    return importCard(r);
  },
};
