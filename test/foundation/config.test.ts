import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, startupWarnings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { pino } from 'pino';

describe('configuration', () => {
  it('with nothing set: terminal chat on PGlite in ./data with the demo seed', () => {
    const c = parseConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('./data');
    expect(c.shell).toBe(true);
    expect(c.seedDemo).toBe(true);
    expect(c.slack).toBeUndefined();
    expect(c.teams).toBeUndefined();
  });

  it('a wrong value names the variable and says what it must be', () => {
    const err = (() => {
      try {
        parseConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxp-user' });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(err.message).toMatch(/PORT:/);
    expect(err.message).toMatch(/SLACK_BOT_TOKEN: must start with xoxb-/);
  });

  it('DEFAULT_LANGUAGE is English unless set to en or fr; anything else is refused', () => {
    expect(parseConfig({}).DEFAULT_LANGUAGE).toBe('en');
    expect(parseConfig({ DEFAULT_LANGUAGE: 'fr' }).DEFAULT_LANGUAGE).toBe('fr');
    expect(() => parseConfig({ DEFAULT_LANGUAGE: 'de' })).toThrow(/DEFAULT_LANGUAGE: must be en or fr/);
  });

  it('a Slack token without a signing secret or app token is refused', () => {
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET: is required/);
  });

  it('with Slack configured the terminal chat is off unless asked for, and the seed is off on a server', () => {
    const c = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATABASE_URL: 'postgres://h/db' });
    expect(c.shell).toBe(false);
    expect(c.seedDemo).toBe(false);
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', TERMINAL_CHAT: '1' }).shell).toBe(true);
  });

  it('secrets never reach a log line', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const log = createLogger('info', sink as unknown as pino.DestinationStream);
    const c = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-very-secret', SLACK_SIGNING_SECRET: 'shhh-signing', DATABASE_URL: 'postgres://u:pw-secret@h/db' });
    log.info({ slack: c.slack, env: { DATABASE_URL: c.DATABASE_URL } }, 'starting');
    expect(out).toContain('starting');
    expect(out).not.toContain('xoxb-very-secret');
    expect(out).not.toContain('shhh-signing');
    expect(out).not.toContain('pw-secret');
  });

  it('warns at start in production when ACTION_SECRET is derived from a platform secret, not otherwise', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(startupWarnings(parseConfig(slack))).toEqual([expect.stringMatching(/ACTION_SECRET is not set.*derived from SLACK_SIGNING_SECRET/)]);
    expect(startupWarnings(parseConfig({ TEAMS_CLIENT_ID: 'app', TEAMS_CLIENT_SECRET: 'x' }))).toEqual([expect.stringMatching(/derived from TEAMS_CLIENT_SECRET/)]);
    expect(startupWarnings(parseConfig({ ...slack, ACTION_SECRET: 'a-long-random-value' }))).toEqual([]);
    expect(startupWarnings(parseConfig({}))).toEqual([]); // the terminal chat
    expect(startupWarnings(parseConfig({ TEAMS_SERVICE_URL: 'http://127.0.0.1:56150' }))).toEqual([]); // Teams development mode
  });

  it('SLACK_TEAM_ID must be a team or enterprise id', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_TEAM_ID: 'T0DEMO' }).slack?.teamId).toBe('T0DEMO');
    expect(() => parseConfig({ SLACK_TEAM_ID: 'demo' })).toThrow(/SLACK_TEAM_ID: must be a Slack team id/);
  });
});
