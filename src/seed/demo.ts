/**
 * First run of the terminal chat: the pilot contracts from examples/contracts and demo people
 * with every role, so a newcomer can try every flow without configuring anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { contracts, people, teams } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { schedulerActor, withActor } from '../context.js';
import { createContract } from '../contracts/create-contract.js';
import { projectPath } from '../project-root.js';

/** With a trailing slash: callers append a file name. */
export const EXAMPLES_DIR = projectPath('examples', 'contracts') + '/';

/**
 * Technicians carry certifications and hours in their teams' zones: Tom holds both pilots'
 * skills and covers evenings and weekends on call; Tess works office hours and her biomed
 * certification has lapsed, so St Luke's jobs are not offered to her.
 */
export const DEMO_PEOPLE: readonly { handle: string; name: string; email: string; roles: readonly string[]; skills?: { skill: string; expires?: string }[]; hours?: string; onCall?: string }[] = [
  { handle: 'dana', name: 'Dana Dispatcher', email: 'dana@demo.example', roles: ['dispatcher'] },
  { handle: 'lee', name: 'Lee Lead', email: 'lee@demo.example', roles: ['dispatcher', 'manager'] },
  { handle: 'max', name: 'Max Manager', email: 'max@demo.example', roles: ['manager'] },
  {
    handle: 'tom',
    name: 'Tom Technician',
    email: 'tom@demo.example',
    roles: ['technician'],
    skills: [{ skill: 'biomed', expires: '2028-06-30' }, { skill: 'confined-space', expires: '2027-09-30' }],
    hours: 'mon-fri 07:00-16:00',
    onCall: 'daily 16:00-07:00, sat-sun 07:00-16:00',
  },
  { handle: 'tess', name: 'Tess Technician', email: 'tess@demo.example', roles: ['technician'], skills: [{ skill: 'biomed', expires: '2026-10-31' }, { skill: 'confined-space', expires: '2027-03-31' }], hours: 'mon-fri 08:00-17:00' },
  { handle: 'fiona', name: 'Fiona Finance', email: 'fiona@demo.example', roles: ['finance'] },
  { handle: 'ada', name: 'Ada Admin', email: 'ada@demo.example', roles: ['admin'] },
];

export async function seedDemo(ctx: Ctx, opts: { contractsDir?: string } = {}): Promise<boolean> {
  const [{ n } = { n: 0 }] = await ctx.root.select({ n: sql<number>`count(*)::int` }).from(contracts);
  if (n > 0) return false;
  const dir = opts.contractsDir ?? EXAMPLES_DIR;
  const sys = withActor(ctx, schedulerActor);
  for (const f of readdirSync(dir).filter((x) => /\.(ya?ml|json)$/.test(x)).sort()) {
    await createContract(sys, { terms: { text: readFileSync(dir + f, 'utf8') }, reason: `demo seed from examples/contracts/${f}` });
  }
  const teamIds = (await ctx.root.select({ id: teams.id }).from(teams)).map((t) => t.id);
  for (const p of DEMO_PEOPLE) {
    await ctx.root
      .insert(people)
      .values({ name: p.name, email: p.email, roles: [...p.roles], teams: teamIds, shellHandle: p.handle, skills: p.skills ?? [], hours: p.hours ?? null, onCall: p.onCall ?? null })
      .onConflictDoNothing();
  }
  const [lee] = await ctx.root.select().from(people).where(eq(people.shellHandle, 'lee'));
  if (lee) await ctx.root.update(teams).set({ leadId: lee.id });
  return true;
}

/** The first admin comes from configuration: make sure that person exists and is an admin. */
export async function ensureAdmin(ctx: Ctx, email: string): Promise<void> {
  const [row] = await ctx.root.select().from(people).where(sql`lower(${people.email}) = lower(${email})`);
  if (!row) {
    await ctx.root.insert(people).values({ name: email.split('@')[0] ?? email, email, roles: ['admin'] });
  } else if (!row.roles.includes('admin')) {
    await ctx.root.update(people).set({ roles: [...row.roles, 'admin'] }).where(eq(people.id, row.id));
  }
}
