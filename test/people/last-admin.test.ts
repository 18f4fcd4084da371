/**
 * The bot always keeps one person who can manage roles: the last admin cannot drop their own admin
 * role, and an admin-scoped API token (its service person has the admin role) does not count.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { setRoles } from '../../src/people/set-role.js';
import { expectError } from '../approvals/helpers.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
});

const roles = async (email: string) => (await kit.db.db.select().from(people).where(eq(people.email, email)))[0]!.roles;

describe('the last admin', () => {
  it('cannot remove their own admin role while only an admin token exists beside them', async () => {
    const ops = await createToken(kit.db.db, 'ops', ['read', 'write', 'admin']);
    await expectError(setRoles(await kit.as('ada'), { person: 'ada', remove: ['admin'] }), 'precondition_failed', /you are the last admin.*API token does not count/);
    expect(await roles('ada@demo.example')).toContain('admin');

    // Nor can the token remove them.
    const [ada] = await kit.db.db.select().from(people).where(eq(people.email, 'ada@demo.example'));
    const res = await kit.app.api.request(`/api/v1/people/${ada!.id}/roles`, { method: 'POST', headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json' }, body: JSON.stringify({ remove: ['admin'] }) });
    expect(res.status).toBe(412);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/Ada .* is the last admin/);
    expect(await roles('ada@demo.example')).toContain('admin');
  });

  it('can hand over: once someone else is admin, the first may step down', async () => {
    const ada = await kit.as('ada');
    await setRoles(ada, { person: 'max', add: ['admin'] });
    const r = await setRoles(ada, { person: 'ada', remove: ['admin'] });
    expect(r.removed).toEqual(['admin']);
    await expectError(setRoles(await kit.as('max'), { person: 'max', remove: ['admin'] }), 'precondition_failed', /last admin/);
  });
});
