/**
 * With Teams credentials configured, /api/messages trusts nothing unsigned: no token, a malformed
 * token or a token not issued by the Bot Framework is a 401 before any handler runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, people } from '../../db/schema.js';
import type { Platforms } from '../../src/chat/platforms.js';
import { startTeams } from '../../src/chat/teams/index.js';
import { silentLogger } from '../../src/log.js';
import { testKit, type TestKit } from '../support/app.js';
import { message, post, TENANT } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';

let kit: TestKit;
let fake: FakeConnector;
let teams: Platforms;

beforeAll(async () => {
  fake = await startFakeConnector();
  kit = await testKit({ env: { TEAMS_CLIENT_ID: '00000000-0000-0000-0000-0000000000aa', TEAMS_CLIENT_SECRET: 'not-a-real-secret', TEAMS_TENANT_ID: TENANT }, platforms: ['teams'] });
  teams = await startTeams(kit.app, kit.config, silentLogger);
});
afterAll(async () => {
  await teams?.stop();
  await fake?.close();
  await kit?.close();
});

/** An unsigned JWT ("alg": "none") claiming to be the Bot Framework. */
function unsignedToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: 'https://api.botframework.com', aud: '00000000-0000-0000-0000-0000000000aa', serviceurl: 'http://127.0.0.1/', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
}

describe('Teams with credentials', () => {
  it.each([
    ['no Authorization header', {}],
    ['a malformed token', { authorization: 'Bearer not-a-jwt' }],
    ['an unsigned token', { authorization: `Bearer ${unsignedToken()}` }],
  ])('rejects an activity with %s (401) and runs nothing', async (_what, headers: Record<string, string>) => {
    const res = await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'), headers);
    expect(res.status).toBe(401);
    expect(fake.sent).toEqual([]);
    expect(await kit.db.db.select().from(conversations)).toEqual([]);
    const linked = (await kit.db.db.select().from(people)).filter((p) => p.teamsUserId);
    expect(linked).toEqual([]);
  });

  it('refuses another tenant before looking at its token', async () => {
    const res = await post(kit.app, { ...message(fake.url, 'dana', 'help'), channelData: { tenant: { id: 'someone-else' } } });
    expect(res.status).toBe(403);
  });
});
