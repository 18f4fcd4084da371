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

export const DEMO_PEOPLE = [
  { handle: 'dana', name: 'Dana Dispatcher', email: 'dana@demo.example', roles: ['dispatcher'] },
  { handle: 'lee', name: 'Lee Lead', email: 'lee@demo.example', roles: ['dispatcher', 'manager'] },
  { handle: 'max', name: 'Max Manager', email: 'max@demo.example', roles: ['manager'] },
  { handle: 'tom', name: 'Tom Technician', email: 'tom@demo.example', roles: ['technician'] },
  { handle: 'tess', name: 'Tess Technician', email: 'tess@demo.example', roles: ['technician'] },
  { handle: 'fiona', name: 'Fiona Finance', email: 'fiona@demo.example', roles: ['finance'] },
  { handle: 'ada', name: 'Ada Admin', email: 'ada@demo.example', roles: ['admin'] },
] as const;

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
      .values({ name: p.name, email: p.email, roles: [...p.roles], teams: teamIds, shellHandle: p.handle })
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
