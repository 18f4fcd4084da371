/**
 * The issuing company (EN 16931 seller): legal name, address, VAT and registration ids, bank
 * account, payment terms and late-payment wording, and the prefixes of its invoice and credit-note
 * numbers. Configured once in a YAML file (ISSUER_FILE, default examples/issuer.yaml for the demo),
 * read and checked at start and when a document is made.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectPath } from '../project-root.js';
import type { Ctx } from '../context.js';

const text = z.string().trim().min(1, 'must not be empty');

export const issuerSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be an id of letters, digits, "-", "_" or "." (like CONTRACT-OPS-FR)'),
  legalName: text,
  address: z.strictObject({ street: text, city: text, postcode: text, region: text.optional(), country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code like FR') }),
  vatId: text.optional(),
  registrationId: text,
  /** ISO 6523 scheme of registrationId: 0002 is SIREN */
  registrationScheme: text.optional(),
  legalForm: text.optional(),
  email: z.email('must be an e-mail address'),
  bank: z.strictObject({ iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'must be an IBAN without spaces'), bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'must be a BIC of 8 or 11 characters').optional() }),
  payment: z.strictObject({ days: z.number().int().min(0).max(120), terms: text, latePayment: text }),
  numbering: z
    .strictObject({ invoicePrefix: z.string().regex(/^[A-Z0-9-]{1,10}$/, 'must be 1 to 10 capitals, digits or "-"'), creditNotePrefix: z.string().regex(/^[A-Z0-9-]{1,10}$/, 'must be 1 to 10 capitals, digits or "-"') })
    .refine((n) => n.invoicePrefix !== n.creditNotePrefix, 'invoices and credit notes need different prefixes (they are numbered apart)'),
});

export type Issuer = z.infer<typeof issuerSchema>;

export const DEFAULT_ISSUER_FILE = 'examples/issuer.yaml';

const cache = new Map<string, Issuer>();

/** The issuer in `file` (relative paths from the project root); a wrong file throws naming each field. */
export function loadIssuer(file: string = DEFAULT_ISSUER_FILE): Issuer {
  const path = isAbsolute(file) ? file : projectPath(file);
  const hit = cache.get(path);
  if (hit) return hit;
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`ISSUER_FILE: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  const r = issuerSchema.safeParse(raw);
  if (!r.success) throw new Error(`ISSUER_FILE ${file} is invalid:\n${r.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
  cache.set(path, r.data);
  return r.data;
}

/** The issuer this process invoices as. */
export function issuerOf(ctx: Ctx): Issuer {
  return loadIssuer(ctx.services.issuerFile);
}
