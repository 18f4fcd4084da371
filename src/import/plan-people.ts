/**
 * Rows of a people file -> who would be added or changed, matched by e-mail (one person per
 * human). Same cell rules as the contract files: a column the file lacks keeps its value, an empty
 * cell clears an optional field (roles, teams, zone, chat ids) and keeps a required one (name).
 */
import { sql } from 'drizzle-orm';
import { people, teams } from '../../db/schema.js';
import { closest } from '../rules/closest.js';
import type { Ctx } from '../context.js';
import { ROLES, type Role } from '../rules/contract-types.js';
import { DateTime } from 'luxon';
import { heldSkills } from '../dispatch/offers.js';
import { AppError } from '../errors.js';
import type { HeldSkill } from '../rules/technician-offer.js';
import { parseWeeklyHours } from '../rules/working-time.js';
import { t } from '../i18n/t.js';
import { asTyped, readBoolCell, readZoneCell, splitList } from './cells.js';
import { cellProblem, requiredProblem } from './entities.js';
import type { CsvTable, ImportProblem } from './csv-read.js';
import type { FieldChange, RowChange } from './plan-contracts.js';

export interface PersonFields {
  name: string;
  email: string;
  roles: Role[];
  teams: string[];
  zone: string | null;
  handle: string | null;
  slackId: string | null;
  teamsId: string | null;
  skills: HeldSkill[];
  hours: string | null;
  onCall: string | null;
  active: boolean;
}

export interface PersonPlan {
  /** undefined: a new person */
  id?: number;
  line: number;
  file: string;
  action: 'new' | 'changed' | 'unchanged';
  after: PersonFields;
  fields: FieldChange[];
}

type PersonRow = typeof people.$inferSelect;

const COLUMNS: { name: string; show: (p: PersonFields) => string; set?: boolean }[] = [
  { name: 'email', show: (p) => p.email },
  { name: 'name', show: (p) => p.name },
  { name: 'roles', show: (p) => [...p.roles].sort().join('|'), set: true },
  { name: 'teams', show: (p) => [...p.teams].sort().join('|'), set: true },
  { name: 'zone', show: (p) => p.zone ?? '' },
  { name: 'handle', show: (p) => p.handle ?? '' },
  { name: 'slack id', show: (p) => p.slackId ?? '' },
  { name: 'teams id', show: (p) => p.teamsId ?? '' },
  { name: 'skills', show: (p) => skillsCell(p.skills) },
  { name: 'hours', show: (p) => p.hours ?? '' },
  { name: 'on call', show: (p) => p.onCall ?? '' },
  { name: 'active', show: (p) => (p.active ? 'true' : 'false') },
];

export function personFields(r: PersonRow): PersonFields {
  return {
    name: r.name,
    email: r.email,
    roles: r.roles as Role[],
    teams: r.teams,
    zone: r.zone,
    handle: r.shellHandle,
    slackId: r.slackUserId,
    teamsId: r.teamsUserId,
    skills: heldSkills(r),
    hours: r.hours,
    onCall: r.onCall,
    active: r.active,
  };
}

/** `biomed:2027-06-30|confined-space`, sorted, as exports write it and the import compares. */
export function skillsCell(skills: HeldSkill[]): string {
  return skills
    .map((s) => (s.expires ? `${s.skill}:${s.expires}` : s.skill))
    .sort()
    .join('|');
}

const SKILL = /^([a-z0-9][a-z0-9._-]*)(?::(\d{4}-\d{2}-\d{2}))?$/i;

/** A skills cell: `skill[:YYYY-MM-DD]` separated by |, ; or spaces. */
export function readSkillsCell(cell: string): { ok: true; value: HeldSkill[] } | { ok: false; error: string } {
  const out: HeldSkill[] = [];
  for (const part of cell.split(/[\s,;|]+/).filter(Boolean)) {
    const m = SKILL.exec(part);
    if (!m || (m[2] && !DateTime.fromISO(m[2]).isValid)) return { ok: false, error: t('import-rows.not-skill', { text: part }) };
    out.push(m[2] ? { skill: m[1]!.toLowerCase(), expires: m[2] } : { skill: m[1]!.toLowerCase() });
  }
  return { ok: true, value: out };
}

function readWeeklyCell(cell: string): { ok: true; value: string | null } | { ok: false; error: string } {
  const t = cell.replace(/\s+/g, ' ').trim();
  if (t === '') return { ok: true, value: null };
  try {
    parseWeeklyHours(t);
    return { ok: true, value: t };
  } catch (err) {
    return { ok: false, error: err instanceof AppError ? err.message : String(err) };
  }
}

/** The cells a people export writes (the same text the import compares). */
export function personCells(p: PersonFields): Record<string, string> {
  return Object.fromEntries(COLUMNS.map((c) => [c.name, c.show(p)]));
}

export const PEOPLE_EXPORT_COLUMNS = COLUMNS.map((c) => c.name);

export async function planPeople(ctx: Ctx, table: CsvTable, extraTeams: string[]): Promise<{ plans: PersonPlan[]; changes: RowChange[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const plans: PersonPlan[] = [];
  const everyone = await ctx.db.select().from(people);
  const byEmail = new Map(everyone.map((p) => [p.email.toLowerCase(), p]));
  const teamIds = [...(await ctx.db.select({ id: teams.id }).from(teams)).map((r) => r.id), ...extraTeams];
  const seen = new Map<string, number>();
  const claimed = new Map<string, { line: number; email: string }>();

  for (const row of table.rows) {
    const errs: string[] = [];
    const email = (row.cells.get('email') ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      problems.push({ file: table.file, line: row.line, message: cellProblem('email', t('import-rows.not-email', { cell: asTyped(email) })) });
      continue;
    }
    const lk = email.toLowerCase();
    if (seen.has(lk)) {
      problems.push({ file: table.file, line: row.line, message: t('import-rows.email-twice', { email, line: String(seen.get(lk)) }) });
      continue;
    }
    seen.set(lk, row.line);
    const current = byEmail.get(lk);
    const before = current ? personFields(current) : undefined;
    const p: PersonFields = before ? { ...before, roles: [...before.roles], teams: [...before.teams] } : { name: '', email, roles: [], teams: [], zone: null, handle: null, slackId: null, teamsId: null, skills: [], hours: null, onCall: null, active: true };
    const cell = (c: string) => row.cells.get(c);

    const name = cell('name');
    if (name !== undefined && name !== '') p.name = name.replace(/\s+/g, ' ').trim();
    else if (!before) errs.push(requiredProblem('name', 'person', name === undefined));

    const roles = cell('roles');
    if (roles !== undefined) {
      const list = splitList(roles).map((r) => r.toLowerCase());
      const badRoles = list.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (badRoles.length) {
        const quoted = badRoles.map((r) => t('import-rows.quoted', { text: r })).join(', ');
        errs.push(cellProblem('roles', t('import-rows.not-roles', { n: badRoles.length, roles: quoted, known: ROLES.join(', ') })));
      }
      else p.roles = [...new Set(list)] as Role[];
    }
    const teamCell = cell('teams');
    if (teamCell !== undefined) {
      const list: string[] = [];
      for (const typed of splitList(teamCell)) {
        const hit = teamIds.find((x) => x.toLowerCase() === typed.toLowerCase());
        if (hit) list.push(hit);
        else {
          const near = closest(typed, teamIds);
          errs.push(cellProblem('teams', t('import-rows.no-team', { team: typed, near: near.length ? near.join(', ') : 'none' })));
        }
      }
      p.teams = [...new Set(list)];
    }
    const zone = cell('zone');
    if (zone !== undefined) {
      if (zone === '') p.zone = null;
      else {
        const z = readZoneCell(zone);
        if (z.ok) p.zone = z.value;
        else errs.push(cellProblem('zone', z.error));
      }
    }
    for (const [col, field] of [['handle', 'handle'], ['slack id', 'slackId'], ['teams id', 'teamsId']] as const) {
      const v = cell(col);
      if (v === undefined) continue;
      const id = v.replace(/^@/, '').trim();
      if (/\s/.test(id)) {
        errs.push(cellProblem(col, t('import-rows.has-spaces', { cell: asTyped(v) })));
        continue;
      }
      p[field] = id === '' ? null : id;
      if (id === '') continue;
      // The chat ids are unique: two people with one Slack id would each act as the other.
      const key = `${col}\u0000${id.toLowerCase()}`;
      const dup = claimed.get(key);
      if (dup) errs.push(cellProblem(col, t('import-rows.chat-id-twice', { id, email: dup.email, line: String(dup.line) })));
      claimed.set(key, { line: row.line, email });
      const column = field === 'handle' ? 'shellHandle' : field === 'slackId' ? 'slackUserId' : 'teamsUserId';
      const other = everyone.find((o) => o.email.toLowerCase() !== lk && (field === 'handle' ? o[column]?.toLowerCase() === id.toLowerCase() : o[column] === id));
      if (other && !table.rows.some((r) => (r.cells.get('email') ?? '').toLowerCase() === other.email.toLowerCase())) {
        errs.push(cellProblem(col, t('import-rows.chat-id-taken', { id, name: other.name, email: other.email })));
      }
    }
    const skills = cell('skills');
    if (skills !== undefined) {
      const r = readSkillsCell(skills);
      if (r.ok) p.skills = r.value;
      else errs.push(cellProblem('skills', r.error));
    }
    for (const [col, field] of [['hours', 'hours'], ['on call', 'onCall']] as const) {
      const v = cell(col);
      if (v === undefined) continue;
      const r = readWeeklyCell(v);
      if (r.ok) p[field] = r.value;
      else errs.push(cellProblem(col, r.error));
    }
    const active = cell('active');
    if (active !== undefined && active !== '') {
      const a = readBoolCell(active);
      if (a.ok) p.active = a.value;
      else errs.push(cellProblem('active', a.error));
    }
    if (errs.length) {
      for (const e of errs) problems.push({ file: table.file, line: row.line, message: e });
      continue;
    }
    const fields = before ? diff(before, p) : [];
    plans.push({ id: current?.id, line: row.line, file: table.file, action: !before ? 'new' : fields.length ? 'changed' : 'unchanged', after: p, fields });
  }

  // Nobody could manage roles again if the import took the last admin's role away.
  if (!problems.length) {
    const after = new Map(everyone.map((p) => [p.email.toLowerCase(), personFields(p)]));
    for (const pl of plans) after.set(pl.after.email.toLowerCase(), pl.after);
    const hadAdmin = everyone.some((p) => p.active && p.roles.includes('admin'));
    const admins = [...after.values()].filter((p) => p.active && p.roles.includes('admin'));
    if (hadAdmin && admins.length === 0) {
      const culprit = plans.find((pl) => pl.fields.some((f) => f.field === 'roles' || f.field === 'active'));
      problems.push({ file: table.file, ...(culprit ? { line: culprit.line } : {}), message: t('import-rows.last-admin') });
    }
  }

  const changes: RowChange[] = plans.map((pl) => ({ file: pl.file, line: pl.line, kind: 'people', key: pl.after.email, action: pl.action, fields: pl.fields }));
  return { plans, changes, problems };
}

function diff(a: PersonFields, b: PersonFields): FieldChange[] {
  const out: FieldChange[] = [];
  for (const c of COLUMNS) {
    const x = c.show(a);
    const y = c.show(b);
    if (c.name === 'email' ? x.toLowerCase() !== y.toLowerCase() : x !== y) out.push({ field: c.name, from: x, to: y });
  }
  return out;
}

/** Case-insensitive look-up used by apply. */
export const emailMatch = (email: string) => sql`lower(${people.email}) = lower(${email})`;
