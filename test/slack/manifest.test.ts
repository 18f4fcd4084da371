/** manifest/slack.yaml and the command router must agree, both ways. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BOT_EVENTS, BOT_SCOPES, manifestCli, slackCommands, slackManifest, slackManifestYaml } from '../../src/chat/slack/manifest.js';
import { testKit, type TestKit } from '../support/app.js';

const manifest = parse(readFileSync(new URL('../../manifest/slack.yaml', import.meta.url), 'utf8')) as {
  features: { slash_commands: { command: string; url: string; description: string; usage_hint?: string; should_escape?: boolean }[]; app_home: { home_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
};

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit({ seed: false });
});
afterAll(async () => {
  await kit?.close();
});

describe('Slack manifest', () => {
  it('lists every chat command of the running app, and nothing else', () => {
    const router = slackCommands(kit.app.router.commands);
    const inManifest = manifest.features.slash_commands.map((c) => c.command);
    const missing = router.filter((c) => !inManifest.includes(`/${c.name}`));
    const extra = inManifest.filter((n) => !router.some((c) => `/${c.name}` === n));
    const terminalOnly = kit.app.router.commands.filter((c) => c.terminalOnly && inManifest.includes(`/${c.name}`)).map((c) => c.name);
    const hint = missing.length
      ? `\nAdd to manifest/slack.yaml (or regenerate: npm run slack:manifest --silent > manifest/slack.yaml):\n${stringify((slackManifest(missing) as { features: { slash_commands: unknown[] } }).features.slash_commands)}`
      : '';
    expect({ missing: missing.map((c) => c.name), extra, terminalOnly }, hint).toEqual({ missing: [], extra: [], terminalOnly: [] });
    expect(new Set(inManifest).size).toBe(inManifest.length);
  });

  it('gives each command a description, a usage hint and escaped mentions, within Slack\'s lengths', () => {
    for (const c of manifest.features.slash_commands) {
      expect(c.command).toMatch(/^\/[a-z][a-z0-9-]{0,31}$/);
      expect(c.description.length).toBeGreaterThan(0);
      // Slack's manifest schema: 2,000 characters for a description, 1,000 for a usage hint.
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
      expect(c.should_escape).toBe(true);
      expect(c.url).toMatch(/\/slack\/events$/);
    }
  });

  it('asks for the scopes the adapter uses, subscribes to its events, and has both transports', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(Object.keys(BOT_SCOPES).sort());
    for (const s of ['commands', 'chat:write', 'users:read', 'users:read.email', 'im:write', 'files:write']) expect(manifest.oauth_config.scopes.bot).toContain(s);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([...BOT_EVENTS].sort());
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true, request_url: expect.stringMatching(/\/slack\/events$/) });
    expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('shows each command\'s whole summary, never cut where Slack allows more', () => {
    for (const c of slackCommands(kit.app.router.commands)) {
      const entry = manifest.features.slash_commands.find((m) => m.command === `/${c.name}`);
      expect(entry?.description, `/${c.name}`).toBe(c.summary);
    }
  });

  it('is exactly what npm run slack:manifest prints', () => {
    expect(readFileSync(new URL('../../manifest/slack.yaml', import.meta.url), 'utf8')).toBe(slackManifestYaml(kit.app.router.commands));
  });
});

describe('npm run slack:manifest', () => {
  it('prints the manifest with every request URL on the given public host', () => {
    const r = manifestCli(['https://bot.example.com/'], kit.app.router.commands);
    expect(r.code).toBe(0);
    const m = parse(r.out) as typeof manifest;
    const urls = [...m.features.slash_commands.map((c) => c.url), m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url];
    expect(urls.length).toBe(m.features.slash_commands.length + 2);
    expect(new Set(urls)).toEqual(new Set(['https://bot.example.com/slack/events']));
    expect(r.out).not.toContain('contract-ops.example.com');
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('--socket turns Socket Mode on', () => {
    const m = parse(manifestCli(['--socket'], kit.app.router.commands).out) as typeof manifest;
    expect(m.settings.socket_mode_enabled).toBe(true);
  });

  it('refuses what is not a public base URL, saying what to give', () => {
    expect(manifestCli(['bot.example.com'], kit.app.router.commands)).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/is not a URL: give the public address/) });
    expect(manifestCli(['ftp://bot.example.com'], kit.app.router.commands)).toMatchObject({ code: 2, err: expect.stringMatching(/must start with https:\/\//) });
    expect(manifestCli(['https://a.example', 'https://b.example'], kit.app.router.commands)).toMatchObject({ code: 2, err: expect.stringMatching(/^usage: npm run slack:manifest/) });
  });
});
