/** Shared by create and amend: validate, then write a version and refresh the site rows. */
import { eq } from 'drizzle-orm';
import { contractVersions, sites, teams } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { parseContract, readContractText } from '../rules/contract-schema.js';
import { formatProblems } from './problem-text.js';
import type { Contract } from '../rules/contract-types.js';
import { t } from '../i18n/t.js';

export type TermsInput = { text: string; format?: 'yaml' | 'json' } | { raw: unknown };

/** Validate contract terms; on any problem throw them all at once, having written nothing. */
export function validateTerms(input: TermsInput): { contract: Contract; raw: unknown } {
  // The text reader repairs what YAML's flow style does to "Travel (flat, per visit)"; the data it
  // returns is what gets stored, so stored terms re-parse exactly as they were validated.
  const data = 'text' in input ? readContractText(input.text, input.format) : { ok: true as const, data: input.raw };
  const result = data.ok ? parseContract(data.data) : data;
  if (!result.ok) {
    throw invalid(t('errors-contracts.problems', { n: result.problems.length }), formatProblems(result.problems).split('\n'));
  }
  return { contract: result.contract, raw: JSON.parse(JSON.stringify(data.ok ? data.data : null)) };
}

export function siteZone(c: Contract, calendarName: string): string {
  const cal = c.calendars[calendarName];
  return cal === undefined || cal === '24x7' ? firstZone(c) : cal.timezone;
}

/** The contract's home zone: its first zoned calendar (24x7 calendars have none). */
export function firstZone(c: Contract): string {
  for (const cal of Object.values(c.calendars)) if (cal !== '24x7') return cal.timezone;
  return 'UTC';
}

export async function writeVersion(
  ctx: Ctx,
  c: Contract,
  raw: unknown,
  meta: { version: number; effectiveFrom: string; reason: string },
): Promise<void> {
  await ctx.db.insert(contractVersions).values({
    contractId: c.id,
    version: meta.version,
    effectiveFrom: meta.effectiveFrom,
    terms: raw,
    reason: meta.reason,
    createdBy: ctx.actor.person?.id ?? null,
    createdByLabel: ctx.actor.label,
  });
  await ctx.db.delete(sites).where(eq(sites.contractId, c.id));
  if (c.sites.length) {
    await ctx.db.insert(sites).values(
      c.sites.map((s) => ({ contractId: c.id, id: s.id, name: s.name, address: s.address, tier: s.tier ?? null, zone: siteZone(c, s.calendar) })),
    );
  }
  await ctx.db
    .insert(teams)
    .values({ id: c.team, name: c.team, zone: firstZone(c) })
    .onConflictDoNothing();
}
