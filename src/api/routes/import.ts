/**
 * Spreadsheets over HTTP: POST /api/v1/imports takes one CSV (`text/csv` body) or several
 * (`multipart/form-data`, one part per file) and answers with the plan (dry run) or what was
 * written; GET /api/v1/exports/{kind}.csv gives the same columns back. docs/import.md.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { exportCsv } from '../../export/export-csv.js';
import { invalid } from '../../errors.js';
import { importCsv, type ImportFile, type ImportResult } from '../../import/import-csv.js';
import { IMPORT_KINDS, type ImportKind } from '../../import/kinds.js';
import type { Api } from '../app.js';
import { scoped } from '../schemas.js';
import { json, problem } from './paging.js';
import { problemResponse } from '../problem.js';
import { t } from '../../i18n/index.js';

const errors = {
  400: problem('A file or row is wrong: `errors` lists every problem with its file and line; nothing was imported'),
  401: problem('No or bad token'),
  403: problem('Needs the admin scope (contracts, sites, rates, parts: admin or manager person; people: admin)'),
  404: problem('Unknown contract'),
};

const FieldChange = z.object({ field: z.string(), from: z.string(), to: z.string() });
const Result = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean().describe('false for a dry run: nothing was written'),
    files: z.array(z.object({ name: z.string(), kind: z.enum(IMPORT_KINDS), rows: z.number().int(), delimiter: z.string(), encoding: z.string() })),
    counts: z.object({ new: z.number().int(), changed: z.number().int(), unchanged: z.number().int(), removed: z.number().int() }),
    changes: z.array(
      z.object({
        file: z.string(),
        line: z.number().int().optional().describe('absent for items removed because the file left them out (replace)'),
        kind: z.enum(IMPORT_KINDS),
        contract: z.string().optional(),
        key: z.string().describe('code, site id, SKU, contract id or e-mail'),
        action: z.enum(['new', 'changed', 'unchanged', 'removed']),
        fields: z.array(FieldChange),
      }),
    ),
    contracts: z.array(
      z.object({
        id: z.string(),
        action: z.enum(['create', 'amend', 'none']),
        fromVersion: z.number().int().optional(),
        version: z.number().int().optional(),
        effectiveFrom: z.string().optional(),
        template: z.string().optional(),
        summary: z.string(),
      }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('ImportResult');

/** A single CSV body: `text/csv`, or the types spreadsheets and browsers also give .csv files. */
const CSV_TYPE = /^\s*(text\/csv|application\/csv|text\/plain|application\/vnd\.ms-excel)\s*(;|$)/i;

/**
 * Before the validators: a form-encoded body (curl --data-binary's default) would be parsed as a
 * form by them and then be unreadable as CSV, and JSON or anything else gets a sentence, not
 * Hono's bare "Unsupported Media Type".
 */
const csvOrMultipart: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (CSV_TYPE.test(type) || /^\s*multipart\/form-data\s*;/i.test(type)) return next();
  return problemResponse(c, {
    type: 'https://contract-ops.dev/problems/unsupported_media_type',
    title: 'Unsupported media type',
    status: 415,
    detail: `An import is one CSV file sent as content-type text/csv, or several as multipart/form-data, not ${type.split(';')[0]!.trim() || 'a body without a content type'} (with curl: -H 'content-type: text/csv' --data-binary @rates.csv).`,
  });
};

const bool = z.enum(['true', 'false']).optional();

function resultJson(r: ImportResult): z.infer<typeof Result> {
  return JSON.parse(JSON.stringify(r)) as z.infer<typeof Result>;
}

export function registerImportRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/imports',
      security: scoped('admin'),
      middleware: [csvOrMultipart] as const,
      tags: ['import'],
      summary: 'Import contracts, sites, rates, parts or people from CSV, all or nothing; dryRun=true shows the plan',
      description:
        'Send one file as `text/csv` (its kind from `kind`, else from `name`, else from its header row) or several as `multipart/form-data` (a part named after a kind, or any name with a filename like rates.csv). UTF-8 with or without BOM, UTF-16 and Windows-1252; `,` `;` or tab separated; decimal commas.',
      request: {
        query: z.object({
          kind: z.enum(IMPORT_KINDS).optional(),
          name: z.string().max(200).optional().describe('file name of a text/csv body, e.g. rates.csv'),
          dryRun: bool.describe('true: check and show new/changed/unchanged, write nothing'),
          effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-01').optional().describe('effective date of the amendments (default today in each contract zone)'),
          reason: z.string().max(500).optional().describe('why: recorded on every amendment'),
          replace: bool.describe('true: sites, rates and parts a file leaves out are removed from the contracts it lists'),
        }),
        body: {
          required: true,
          content: {
            'text/csv': { schema: z.string() },
            'multipart/form-data': { schema: z.object({}).catchall(z.any()).openapi({ description: 'one part per CSV file' }) },
          },
        },
      },
      responses: { 200: json('Dry run: the plan, nothing written', Result), 201: json('Imported', Result), ...errors, 415: problem('The body is neither text/csv nor multipart/form-data') },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const files: ImportFile[] = [];
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('multipart/form-data')) {
        const form = await c.req.parseBody({ all: true });
        for (const [field, value] of Object.entries(form)) {
          for (const v of Array.isArray(value) ? value : [value]) {
            const kind = (IMPORT_KINDS as readonly string[]).includes(field) ? (field as ImportKind) : q.kind;
            if (v instanceof File) files.push({ name: v.name || `${field}.csv`, data: Buffer.from(await v.arrayBuffer()), kind });
            else if (typeof v === 'string' && v.trim()) files.push({ name: `${field}.csv`, data: v, kind });
          }
        }
      } else {
        const data = Buffer.from(await c.req.raw.arrayBuffer());
        if (!data.length) throw invalid(t('errors-api.csv-body'));
        files.push({ name: q.name ?? (q.kind ? `${q.kind}.csv` : 'upload.csv'), data, kind: q.kind });
      }
      const r = await importCsv(ctx, { files, dryRun: q.dryRun === 'true', effectiveFrom: q.effectiveFrom, reason: q.reason, replace: q.replace === 'true' });
      return r.applied ? c.json(resultJson(r), 201) : c.json(resultJson(r), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/exports/{file}',
      security: scoped('read'),
      tags: ['import'],
      summary: 'Export contracts.csv, sites.csv, rates.csv, parts.csv or people.csv with the columns the import reads',
      description: 'Cells a spreadsheet would run as a formula (starting with = + - @ tab CR) get a leading apostrophe; the import removes it again.',
      request: {
        // A refinement rather than a pattern: a case-insensitive regex has no JSON Schema spelling.
        params: z.object({
          file: z
            .string()
            .refine((f) => /^(contracts|sites|rates|parts|people)(\.csv)?$/i.test(f), `must be one of ${IMPORT_KINDS.map((k) => `${k}.csv`).join(', ')}`)
            .openapi({ description: `${IMPORT_KINDS.map((k) => `${k}.csv`).join(', ')} (any case; .csv optional)` }),
        }),
        query: z.object({ contract: z.string().optional().describe('only this contract'), delimiter: z.enum(['comma', 'semicolon']).optional().describe('semicolon for spreadsheets in European locales') }),
      },
      responses: { 200: { description: 'UTF-8 CSV with BOM', content: { 'text/csv': { schema: z.string() } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const kind = c.req.valid('param').file.toLowerCase().replace(/\.csv$/, '') as ImportKind;
      const q = c.req.valid('query');
      const r = await exportCsv(ctx, { kind, contract: q.contract, delimiter: q.delimiter === 'semicolon' ? ';' : ',' });
      return c.body(r.csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${r.fileName}"` });
    },
  );
}
