import { z } from 'zod';
import { contractCard, contractDiffCard, contractListCard } from '../cards/build/contract.js';
import { infoCard } from '../cards/build/error.js';
import { usageCard } from '../cards/build/usage.js';
import { contractUsage } from '../src/billing/usage.js';
import { amendContract } from '../src/contracts/amend-contract.js';
import { listContracts } from '../src/contracts/list-contracts.js';
import { findContract } from '../src/contracts/store.js';
import { termsOf, versionAt } from '../src/contracts/version-at.js';
import { diffVersions } from '../src/contracts/version-history.js';
import { invalid } from '../src/errors.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';
import { readerDate } from '../src/i18n/format.js';

const amendArgs = z.object({
  id: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'effective date must look like 2026-12-01'),
  reason: z.string().min(1, 'give a reason for the amendment'),
});

/** "2", "v2" or "V2" -> 2. */
function versionNumber(text: string): number {
  const m = /^v?(\d+)$/i.exec(text.trim());
  if (!m) throw invalid(t('errors-commands.not-a-version', { typed: text }));
  return Number(m[1]);
}

/** `--version N`, `--version=N` or a bare `vN` / `N` after the id; undefined when none is given. */
function takeVersionOption(words: string[]): number | undefined {
  const [w, next] = words;
  if (!w) return undefined;
  if (w.toLowerCase() === '--version') {
    if (!next) throw new UsageError(t('errors-commands.version-number'));
    return versionNumber(next);
  }
  if (w.toLowerCase().startsWith('--version=')) return versionNumber(w.slice('--version='.length));
  return versionNumber(w);
}

export const contractCommand: Command = {
  name: 'contract',
  get summary() {
    return t('commands.contract.summary');
  },
  get usage() {
    return usageLines('commands.contract.usage');
  },
  get example() {
    return t('commands.contract.example');
  },
  async run(ctx, args) {
    const [sub, ...rest] = args.words;
    switch (sub?.toLowerCase()) {
      case 'list':
      case undefined:
        return contractListCard(await listContracts(ctx));
      case 'show': {
        if (!rest[0]) throw new UsageError(t('errors-commands.contract-show-which'));
        const row = await findContract(ctx.db, rest[0]);
        const typed = takeVersionOption(rest.slice(1));
        const terms = await termsOf(ctx.db, row.id);
        if (typed !== undefined) {
          const v = terms.versions.find((x) => x.version === typed);
          if (!v) throw invalid(t('errors-commands.no-version', { contract: row.id, typed: String(typed), last: String(terms.versions.length) }));
          return contractCard(v.contract, v);
        }
        // By default the version in force today, naming any recorded for later.
        const v = versionAt(terms, ctx.clock.now());
        const later = terms.versions.filter((x) => x.version > v.version).map((x) => ({ version: x.version, effectiveFrom: x.effectiveFrom }));
        return contractCard(v.contract, { ...v, later });
      }
      case 'diff': {
        const [id, a, b] = rest;
        if (!id || !a || !b) throw new UsageError(t('errors-commands.contract-diff-which'));
        return contractDiffCard(await diffVersions(ctx, { contract: id, from: versionNumber(a), to: versionNumber(b) }));
      }
      case 'amend': {
        const a = amendArgs.parse({ id: rest[0], effectiveFrom: rest[1], reason: rest.slice(2).join(' ') });
        const file = args.files?.[0];
        if (!file) throw new UsageError(t('errors-commands.contract-attach'));
        const text = file.data.toString('utf8');
        const r = await amendContract(ctx, { id: a.id, effectiveFrom: a.effectiveFrom, reason: a.reason, terms: { text, format: file.name.endsWith('.json') ? 'json' : 'yaml' } });
        return infoCard(t('replies-contract.amended-title'), t('replies-contract.amended', { id: r.id, version: String(r.version), from: readerDate(r.effectiveFrom) }), 'good');
      }
      case 'usage': {
        if (!rest[0]) throw new UsageError(t('errors-commands.contract-usage-which'));
        return usageCard(await contractUsage(ctx, { contract: rest[0] }));
      }
      default:
        throw new UsageError(t('errors-commands.unknown-sub', { command: 'contract', sub }));
    }
  },
};
