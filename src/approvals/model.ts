/**
 * What an approval asks for, per kind: the `request` column of `approvals`, validated with zod on
 * the way in and on the way out (a row is data another feature reads: billing checks approved
 * out-of-scope codes, permits and overrides by these fields). Money is integer minor units.
 */
import { z } from 'zod';
import { approvals } from '../../db/schema.js';
import type { ApprovalKind } from '../rules/contract-types.js';

export type ApprovalRow = typeof approvals.$inferSelect;
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

const money = z.number().int();
const iso = z.iso.datetime({ offset: true });

/** One line of a quote as the rating engine priced it, kept for the card and the customer draft. */
/** A quoted line as the engine priced it; `kind` (labour or minimum, kept since lines are worded at display) is absent from older quotes. */
export const quoteLine = z.object({ kind: z.enum(['labour', 'minimum']).optional(), description: z.string(), quantity: z.number(), unit: z.string(), unitPrice: money, amount: money, rule: z.string() });
export type QuoteLine = z.infer<typeof quoteLine>;

export const outOfScopeRequest = z.object({
  version: z.number().int(),
  siteId: z.string(),
  /** a library code marked outOfScope; absent for free-text work the library lacks */
  code: z.string().optional(),
  unit: z.string().optional(),
  /** in the code's unit (hours for hourly codes) */
  quantity: z.number().optional(),
  /** hourly codes: the minutes approved */
  minutes: z.number().int().optional(),
  description: z.string(),
  /** when the work is planned: the quote is priced at this instant */
  at: iso,
  /** rating: priced by the rating engine; requester: a price typed for free-text work */
  quotedBy: z.enum(['rating', 'requester']),
  lines: z.array(quoteLine).default([]),
});

export const goodwillRequest = z.object({
  version: z.number().int(),
  /** a duration valued at an hourly code's base price */
  minutes: z.number().int().optional(),
  hourlyCode: z.string().optional(),
  hourlyPrice: money.optional(),
  description: z.string(),
});

export const permitRequest = z.object({
  version: z.number().int(),
  siteId: z.string(),
  from: iso,
  to: iso,
  /** the site's access calendar the permit lets work step outside of */
  access: z.string(),
  /** minutes of the span outside the access calendar */
  outsideMinutes: z.number().int(),
  multiplier: z.number().optional(),
  /** the hourly code the estimate was priced at */
  estimateCode: z.string().optional(),
  description: z.string(),
});

export const rateOverrideRequest = z.object({
  version: z.number().int(),
  code: z.string(),
  unit: z.string(),
  listPrice: money,
  unitPrice: money,
  description: z.string(),
});

export type OutOfScopeRequest = z.infer<typeof outOfScopeRequest>;
export type GoodwillRequest = z.infer<typeof goodwillRequest>;
export type PermitRequest = z.infer<typeof permitRequest>;
export type RateOverrideRequest = z.infer<typeof rateOverrideRequest>;

export type ParsedRequest =
  | { kind: 'outOfScope'; request: OutOfScopeRequest }
  | { kind: 'goodwill'; request: GoodwillRequest }
  | { kind: 'permit'; request: PermitRequest }
  | { kind: 'rateOverride'; request: RateOverrideRequest };

export function parseRequest(row: Pick<ApprovalRow, 'kind' | 'request'>): ParsedRequest {
  switch (row.kind as ApprovalKind) {
    case 'outOfScope':
      return { kind: 'outOfScope', request: outOfScopeRequest.parse(row.request) };
    case 'goodwill':
      return { kind: 'goodwill', request: goodwillRequest.parse(row.request) };
    case 'permit':
      return { kind: 'permit', request: permitRequest.parse(row.request) };
    case 'rateOverride':
      return { kind: 'rateOverride', request: rateOverrideRequest.parse(row.request) };
    default:
      throw new Error(`approval kind ${row.kind} is unknown`);
  }
}

/** "#12" as people type and read it. */
export function approvalRef(id: number): string {
  return `#${id}`;
}
