/**
 * `npm run import -- rates.csv [more.csv...] [--dry-run] [--kind rates] [--effective 2026-12-01]
 * [--reason "2027 prices"] [--replace] [--as you@example.com]` imports CSV files on the configured
 * database, all or nothing, as the chat `/import` and the API do (docs/import.md).
 * `npm run import -- --export rates [--contract ACME-HVAC] [--semicolon] > rates.csv` writes the
 * same columns out.
 *
 * The import acts as a person, since amendments record who made them: `--as`, else ADMIN_EMAIL,
 * else the only admin. With the embedded database, stop the bot first (PGlite allows one process).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.js';
import { people } from '../../db/schema.js';
import { createApp } from '../app.js';
import { systemClock } from '../clock.js';
import { ConfigError, parseConfig } from '../config.js';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { exportCsv } from '../export/export-csv.js';
import { importCsv, type ImportFile } from '../import/import-csv.js';
import { IMPORT_KINDS, type ImportKind } from '../import/kinds.js';
import { summaryLines } from '../import/summary.js';
import { silentLogger } from '../log.js';
import { personByEmail, toPerson } from '../people/person.js';

const USAGE = `usage: npm run import -- <file.csv>... [--dry-run] [--kind ${IMPORT_KINDS.join('|')}] [--effective YYYY-MM-DD] [--reason "why"] [--replace] [--as email]
       npm run import -- --export <kind> [--contract ID] [--semicolon] > file.csv`;

class Usage extends Error {}

interface Args {
  files: string[];
  dryRun: boolean;
  replace: boolean;
  kind?: ImportKind;
  effectiveFrom?: string;
  reason?: string;
  as?: string;
  exportKind?: ImportKind;
  contract?: string;
  semicolon: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], dryRun: false, replace: false, semicolon: false };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Usage(`${flag} needs a value`);
    return v;
  };
  const kind = (v: string) => {
    if (!(IMPORT_KINDS as readonly string[]).includes(v)) throw new Usage(`unknown kind ${v}; use ${IMPORT_KINDS.join(', ')}`);
    return v as ImportKind;
  };
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    switch (w) {
      case '--dry-run':
        a.dryRun = true;
        break;
      case '--replace':
        a.replace = true;
        break;
      case '--semicolon':
        a.semicolon = true;
        break;
      case '--kind':
        a.kind = kind(value(i++, w));
        break;
      case '--effective':
        a.effectiveFrom = value(i++, w);
        break;
      case '--reason':
        a.reason = value(i++, w);
        break;
      case '--as':
        a.as = value(i++, w);
        break;
      case '--export':
        a.exportKind = kind(value(i++, w));
        break;
      case '--contract':
        a.contract = value(i++, w);
        break;
      case '--help':
      case '-h':
        throw new Usage('');
      default:
        if (w.startsWith('--')) throw new Usage(`unknown option ${w}`);
        a.files.push(w);
    }
  }
  if (!a.exportKind && !a.files.length) throw new Usage('name at least one CSV file');
  return a;
}

async function actingPerson(ctx: Ctx, as: string | undefined, adminEmail: string | undefined) {
  const email = as ?? adminEmail;
  if (email) {
    const p = await personByEmail(ctx.db, email);
    if (!p) throw new Usage(`nobody with e-mail ${email}; pass --as with an admin's or manager's e-mail`);
    return p;
  }
  const admins = await ctx.db.select().from(people).where(sql`'admin' = any(${people.roles}) and ${people.active}`);
  if (admins.length === 1) return toPerson(admins[0]!);
  throw new Usage(`say who is importing: --as <e-mail> (${admins.length ? `admins: ${admins.map((p) => p.email).join(', ')}` : 'no admin exists yet; set ADMIN_EMAIL'})`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = parseConfig(process.env);
  const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL, max: 2 } : { dataDir: join(config.DATA_DIR, 'pglite') });
  try {
    const app = createApp(config, db, systemClock, silentLogger, []);
    const person = await actingPerson(app.ctx, args.as, config.ADMIN_EMAIL);
    const ctx: Ctx = { ...app.ctx, actor: { via: 'shell', person, label: `${person.name} (import CLI)` } };
    if (args.exportKind) {
      const r = await exportCsv(ctx, { kind: args.exportKind, contract: args.contract, delimiter: args.semicolon ? ';' : ',' });
      process.stdout.write(r.csv);
      process.stderr.write(`${r.rows} rows (${r.fileName})\n`);
      return 0;
    }
    const files: ImportFile[] = args.files.map((f) => ({ name: basename(f), data: readFileSync(f), kind: args.files.length === 1 ? args.kind : undefined }));
    const r = await importCsv(ctx, { files, dryRun: args.dryRun, effectiveFrom: args.effectiveFrom, reason: args.reason, replace: args.replace });
    process.stdout.write(`${summaryLines(r).join('\n')}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof Usage) {
      process.stderr.write(`${err.message ? `${err.message}\n` : ''}${USAGE}\n`);
      process.exit(2);
    }
    if (err instanceof AppError) {
      process.stderr.write(`${err.message}\n${err.details.map((d) => `  ${d}`).join('\n')}\n`);
      process.exit(1);
    }
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(1);
  });
