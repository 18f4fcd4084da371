/**
 * The import verb behind chat `/import`, `POST /api/v1/imports` and `npm run import`: one or more
 * CSV files (contracts, sites, rates, parts, people) read, checked row by row and against the
 * contract loader, then written all together or not at all. A dry run stops before writing and
 * says what would be new, changed, unchanged or removed. Contract changes are written by the
 * contract verbs themselves (createContract, amendContract), so an import is an amendment like
 * any other: a new version with its effective date, who, when and why.
 */
import { eq } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { amendContract } from '../contracts/amend-contract.js';
import { createContract } from '../contracts/create-contract.js';
import { invalid } from '../errors.js';
import { inTransaction } from '../verb.js';
import { readCsv, type CsvTable, type ImportProblem } from './csv-read.js';
import { COLUMNS, IMPORT_KINDS, kindFromHeaders, kindFromName, type ImportKind } from './kinds.js';
import { planContracts, type ContractPlan, type RowChange } from './plan-contracts.js';
import { planPeople, type PersonPlan } from './plan-people.js';
import { decode, detectDelimiter } from './csv-read.js';
import { t } from '../i18n/t.js';

export interface ImportFile {
  name: string;
  data: Buffer | string;
  /** when absent: from the file name (rates.csv), else from its header row */
  kind?: ImportKind;
}

export interface ImportInput {
  files: ImportFile[];
  dryRun?: boolean;
  /** amendments' effective date; default today in each contract's zone */
  effectiveFrom?: string;
  /** why, for the amendments and the audit trail; a summary of the changes is added */
  reason?: string;
  /** sites, rates and parts a file leaves out are removed from the contracts it lists */
  replace?: boolean;
}

export interface ImportResult {
  dryRun: boolean;
  applied: boolean;
  files: { name: string; kind: ImportKind; rows: number; delimiter: string; encoding: string }[];
  changes: RowChange[];
  contracts: Omit<ContractPlan, 'raw'>[];
  counts: Record<RowChange['action'], number>;
  notes: string[];
}

/** Chat, API and CLI show the same error: every problem with its file and line, sorted. */
export function problemLines(problems: ImportProblem[]): string[] {
  return [...problems]
    .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0))
    .map((p) => t('import-read.at-line', { file: p.file, line: p.line === undefined ? 'none' : String(p.line), message: p.message }));
}

const ORDER: ImportKind[] = ['contracts', 'sites', 'rates', 'parts', 'people'];
const MAX_DETAILS = 200;

function kindOf(f: ImportFile): ImportKind | undefined {
  if (f.kind) return f.kind;
  const byName = kindFromName(f.name);
  if (byName) return byName;
  const { text } = decode(f.data);
  const first = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  return kindFromHeaders(first.split(detectDelimiter(text)).map((h) => h.replace(/^"|"$/g, '')));
}

export async function importCsv(ctx: Ctx, input: ImportInput): Promise<ImportResult> {
  if (!input.files.length) throw invalid(t('errors-teams.attach-csv'));
  if (input.effectiveFrom !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveFrom)) throw invalid(t('errors-contracts.effective-shape', { typed: input.effectiveFrom }));
  const problems: ImportProblem[] = [];
  const tables: { kind: ImportKind; table: CsvTable }[] = [];
  for (const f of input.files) {
    const kind = kindOf(f);
    if (!kind) {
      problems.push({ file: f.name, message: t('import-read.kind-unknown', { kinds: IMPORT_KINDS.join(', ') }) });
      continue;
    }
    const r = readCsv(f, COLUMNS[kind]);
    problems.push(...r.problems);
    if (r.table) tables.push({ kind, table: r.table });
  }
  const kinds = new Set(tables.map((t) => t.kind));
  // People carry roles, so only admins import them; contract terms take an admin or a manager,
  // as amending one does.
  if (kinds.has('people')) requireRole(ctx, ['admin'], 'import-people');
  if ([...kinds].some((k) => k !== 'people')) requireRole(ctx, ['admin', 'manager'], 'import-contracts');
  if (problems.length) throw failure(problems);
  tables.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));

  return inTransaction(ctx, async (tx) => {
    const contractTables = tables.filter((t): t is { kind: Exclude<ImportKind, 'people'>; table: CsvTable } => t.kind !== 'people');
    const plan = await planContracts(tx, contractTables, { effectiveFrom: input.effectiveFrom, replace: input.replace, lock: !input.dryRun });
    const problemsAll = [...plan.problems];
    const changes = [...plan.changes];
    const personPlans: PersonPlan[] = [];
    const newTeams = plan.contracts.filter((c) => c.action === 'create').map((c) => String(c.raw.team ?? ''));
    for (const t of tables.filter((x) => x.kind === 'people')) {
      const p = await planPeople(tx, t.table, newTeams);
      problemsAll.push(...p.problems);
      changes.push(...p.changes);
      personPlans.push(...p.plans);
    }
    if (problemsAll.length) throw failure(problemsAll);

    const result: ImportResult = {
      dryRun: Boolean(input.dryRun),
      applied: false,
      files: tables.map((t) => ({ name: t.table.file, kind: t.kind, rows: t.table.rows.length, delimiter: t.table.delimiter, encoding: t.table.encoding })),
      changes,
      contracts: plan.contracts.map(({ raw: _raw, ...rest }) => rest),
      counts: { new: 0, changed: 0, unchanged: 0, removed: 0 },
      notes: [...plan.notes, ...tables.filter((x) => x.table.encoding === 'windows-1252').map((x) => t('import-read.not-utf8', { file: x.table.file }))],
    };
    for (const c of changes) result.counts[c.action]++;
    if (input.dryRun) return result;

    const fileNames = tables.map((t) => t.table.file).join(', ');
    for (const c of plan.contracts) {
      const why = `${input.reason?.trim() ? `${input.reason.trim()} ` : ''}(CSV import of ${fileNames}: ${c.summary})`.slice(0, 2000);
      if (c.action === 'create') {
        await createContract(tx, { terms: { raw: c.raw }, reason: why, effectiveFrom: c.effectiveFrom });
      } else if (c.action === 'amend') {
        await amendContract(tx, { id: c.id, terms: { raw: c.raw }, effectiveFrom: c.effectiveFrom!, reason: why });
      }
    }
    for (const p of personPlans) {
      if (p.action === 'unchanged') continue;
      const values = {
        name: p.after.name,
        roles: p.after.roles,
        teams: p.after.teams,
        zone: p.after.zone,
        shellHandle: p.after.handle,
        slackUserId: p.after.slackId,
        teamsUserId: p.after.teamsId,
        skills: p.after.skills,
        hours: p.after.hours,
        onCall: p.after.onCall,
        active: p.after.active,
      };
      if (p.id === undefined) {
        const [row] = await tx.db.insert(people).values({ ...values, email: p.after.email }).returning({ id: people.id });
        await audit(tx, 'person.added', { kind: 'person', id: row!.id }, { name: p.after.name, email: p.after.email, roles: p.after.roles, via: `import ${p.file} line ${p.line}` });
      } else {
        await tx.db.update(people).set(values).where(eq(people.id, p.id));
        await audit(tx, 'person.updated', { kind: 'person', id: p.id }, { changes: p.fields, via: `import ${p.file} line ${p.line}` });
      }
    }
    await audit(tx, 'import.applied', { kind: 'import', id: fileNames }, {
      files: result.files,
      counts: result.counts,
      contracts: result.contracts.filter((c) => c.action !== 'none').map((c) => ({ id: c.id, action: c.action, version: c.version, effectiveFrom: c.effectiveFrom })),
      reason: input.reason ?? null,
    });
    result.applied = true;
    return result;
  });
}

function failure(problems: ImportProblem[]) {
  const lines = problemLines(problems);
  const rows = new Set(problems.filter((p) => p.line !== undefined && p.line > 1).map((p) => `${p.file}:${p.line}`)).size;
  const shown = lines.length > MAX_DETAILS ? [...lines.slice(0, MAX_DETAILS), t('errors-teams.and-more', { n: String(lines.length - MAX_DETAILS) })] : lines;
  return invalid(t('errors-teams.import-failed', { rows, n: lines.length }), shown);
}
