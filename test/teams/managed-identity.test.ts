/**
 * Teams with a managed identity instead of a client secret: the configuration that turns it on,
 * the combinations that do not add up (refused at start with the variable named, never a fall
 * back to the unauthenticated development mode), and /api/messages still validating every token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '../../db/schema.js';
import type { Platforms } from '../../src/chat/platforms.js';
import { createTeamsBot } from '../../src/chat/teams/bot.js';
import { startTeams } from '../../src/chat/teams/index.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { testKit, type TestKit } from '../support/app.js';
import { message, post, TENANT } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';

const APP_ID = '00000000-0000-0000-0000-0000000000aa';
const OTHER_ID = '11111111-2222-3333-4444-555555555555';
const MI = { TEAMS_CLIENT_ID: APP_ID, TEAMS_MANAGED_IDENTITY_CLIENT_ID: APP_ID, TEAMS_TENANT_ID: TENANT, ACTION_SECRET: 'a-long-random-shared-value' };

function problems(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('Teams managed identity: configuration', () => {
  it('a user-assigned identity (the bot is the identity): Teams with credentials, no secret', () => {
    const c = parseConfig(MI);
    expect(c.teams).toEqual({ clientId: APP_ID, managedIdentityClientId: APP_ID, tenantId: TENANT, serviceUrl: undefined });
    expect(c.shell).toBe(false);
  });

  it('a federated credential: another identity, or the system-assigned one', () => {
    expect(parseConfig({ ...MI, TEAMS_MANAGED_IDENTITY_CLIENT_ID: OTHER_ID }).teams?.managedIdentityClientId).toBe(OTHER_ID);
    expect(parseConfig({ ...MI, TEAMS_MANAGED_IDENTITY_CLIENT_ID: 'system' }).teams?.managedIdentityClientId).toBe('system');
  });

  it('a client secret still works as before', () => {
    expect(parseConfig({ TEAMS_CLIENT_ID: APP_ID, TEAMS_CLIENT_SECRET: 's' }).teams).toEqual({ clientId: APP_ID, clientSecret: 's', tenantId: undefined, serviceUrl: undefined });
  });

  it.each([
    ['an App ID with neither secret nor identity', { TEAMS_CLIENT_ID: APP_ID }, /TEAMS_CLIENT_SECRET: is required with TEAMS_CLIENT_ID \(or set TEAMS_MANAGED_IDENTITY_CLIENT_ID/],
    ['both a secret and an identity', { ...MI, TEAMS_CLIENT_SECRET: 's' }, /TEAMS_MANAGED_IDENTITY_CLIENT_ID: set either it or TEAMS_CLIENT_SECRET, not both/],
    ['an identity without the App ID', { TEAMS_MANAGED_IDENTITY_CLIENT_ID: APP_ID, TEAMS_TENANT_ID: TENANT, TEAMS_SERVICE_URL: 'http://127.0.0.1:9/' }, /TEAMS_CLIENT_ID: is required with TEAMS_MANAGED_IDENTITY_CLIENT_ID/],
    ['a secret without the App ID', { TEAMS_CLIENT_SECRET: 's', TEAMS_SERVICE_URL: 'http://127.0.0.1:9/' }, /TEAMS_CLIENT_ID: is required with TEAMS_CLIENT_SECRET/],
    ['an identity without a tenant', { ...MI, TEAMS_TENANT_ID: '' }, /TEAMS_TENANT_ID: is required with TEAMS_MANAGED_IDENTITY_CLIENT_ID/],
    ['an identity and no key for buttons', { ...MI, ACTION_SECRET: '' }, /ACTION_SECRET: is required with TEAMS_MANAGED_IDENTITY_CLIENT_ID/],
    ['an identity that is not a client id', { ...MI, TEAMS_MANAGED_IDENTITY_CLIENT_ID: 'my-identity' }, /TEAMS_MANAGED_IDENTITY_CLIENT_ID: must be a managed identity client id \(a GUID\) or "system"/],
  ])('refuses %s, naming the variable', (_what, env, why) => {
    expect(problems(env)).toMatch(why);
  });

  it('with Slack configured, the Slack signing secret can key the buttons', () => {
    expect(problems({ ...MI, ACTION_SECRET: '', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' })).toBe('');
  });
});

describe('Teams managed identity: /api/messages', () => {
  let kit: TestKit;
  let fake: FakeConnector;
  let teams: Platforms;

  beforeAll(async () => {
    fake = await startFakeConnector();
    kit = await testKit({ env: MI, platforms: ['teams'] });
    teams = await startTeams(kit.app, kit.config, silentLogger);
  });
  afterAll(async () => {
    await teams?.stop();
    await fake?.close();
    await kit?.close();
  });

  it('hands the SDK the identity, not a secret, and keeps token validation on', () => {
    const bot = createTeamsBot(kit.app, kit.config, silentLogger);
    expect(bot.mode).toBe('azure');
    expect(bot.auth).toBe('managed identity');
    // The SDK's user-assigned managed identity credentials: the App ID and tenant, no secret.
    expect(bot.sdk.credentials).toEqual({ clientId: APP_ID, tenantId: TENANT });
  });

  it('a federated credential reaches the SDK as one, for another identity or the system-assigned one', () => {
    for (const [id, type] of [[OTHER_ID, 'user'], ['system', 'system']] as const) {
      const config = parseConfig({ ...MI, TEAMS_MANAGED_IDENTITY_CLIENT_ID: id });
      const bot = createTeamsBot(kit.app, config, silentLogger);
      expect(bot.sdk.credentials).toEqual({ clientId: APP_ID, tenantId: TENANT, managedIdentityClientId: id, managedIdentityType: type });
      expect(bot.mode).toBe('azure');
    }
  });

  /** An unsigned JWT ("alg": "none") claiming to be the Bot Framework. */
  function unsignedToken(): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: fake.url, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
  }

  it.each([
    ['no Authorization header', () => ({})],
    ['an unsigned token', () => ({ authorization: `Bearer ${unsignedToken()}` })],
  ])('rejects an activity with %s (401) and runs nothing', async (_what, headers: () => Record<string, string>) => {
    const res = await post(kit.app, message(fake.url, 'dana', 'job new ACME-HVAC PAR-HQ P2 Chiller tripping'), headers());
    expect(res.status).toBe(401);
    expect(fake.sent).toEqual([]);
    expect(await kit.db.db.select().from(conversations)).toEqual([]);
  });
});
