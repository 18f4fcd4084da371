/**
 * The Teams app package: the manifest's command list in step with the router, icons as Teams
 * requires them, and the zip the CLI writes readable by an unzip tool.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillManifest, manifestProblems, MAX_COMMANDS } from '../../src/chat/teams/manifest.js';
import { zip } from '../../src/chat/teams/zip.js';
import { teamsPackage } from '../../src/cli/teams-package.js';
import { STORED_ABOUT_A_PERSON } from '../../src/proof/my-data.js';
import { testKit, type TestKit } from '../support/app.js';

const DIR = new URL('../../manifest/teams/', import.meta.url);
const template = readFileSync(new URL('manifest.json', DIR), 'utf8');
const manifest = JSON.parse(template) as { bots: { commandLists: { commands: { title: string; description: string }[] }[] }[] };

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit({ seed: false });
});
afterAll(async () => kit?.close());

/** Read a zip back: the central directory, then each entry inflated. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.set(name, inflateRawSync(buf.subarray(dataAt, dataAt + size)));
    p += 46 + nameLen;
  }
  return out;
}

describe('Teams app package', () => {
  it('lists chat commands exactly as the router has them', () => {
    expect(manifestProblems(manifest, kit.app.router.commands)).toEqual([]);
    const visible = kit.app.router.commands.filter((c) => !c.terminalOnly);
    expect(manifest.bots[0]!.commandLists[0]!.commands).toHaveLength(Math.min(MAX_COMMANDS, visible.length));
  });

  it('notices a renamed command, a changed summary and a missing help', () => {
    const cmds = kit.app.router.commands.map((c) => (c.name === 'job' ? { ...c, summary: 'Something else' } : c));
    expect(manifestProblems(manifest, cmds).join('\n')).toMatch(/"job" description differs/);
    const renamed = kit.app.router.commands.map((c) => (c.name === 'log' ? { ...c, name: 'time' } : c));
    expect(manifestProblems(manifest, renamed).join('\n')).toMatch(/"log" is not a chat command/);
    const noHelp = structuredClone(manifest);
    noHelp.bots[0]!.commandLists[0]!.commands[0]!.title = 'contract';
    expect(manifestProblems(noHelp, kit.app.router.commands).join('\n')).toMatch(/help is missing/);
    const noLanguage = structuredClone(manifest);
    noLanguage.bots[0]!.commandLists[0]!.commands = noLanguage.bots[0]!.commandLists[0]!.commands.map((c) => (c.title === 'language' ? { title: 'team', description: c.description } : c));
    expect(manifestProblems(noLanguage, kit.app.router.commands).join('\n')).toMatch(/\[personal\]: language is missing/);
  });

  it('asks for the resource-specific consent to read its team\'s channel messages and its chats\' messages, as the bot\'s app', () => {
    const filled = JSON.parse(fillManifest(template, { appId: '11111111-2222-3333-4444-555555555555', botId: '66666666-2222-3333-4444-555555555555', domain: 'bot.example.com', version: '1.2.3' })) as {
      webApplicationInfo: { id: string };
      authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
    };
    expect(filled.webApplicationInfo.id).toBe('66666666-2222-3333-4444-555555555555');
    expect(filled.authorization.permissions.resourceSpecific).toEqual(
      expect.arrayContaining([
        { name: 'ChannelMessage.Read.Group', type: 'Application' },
        { name: 'ChatMessage.Read.Chat', type: 'Application' },
      ]),
    );
    const without = structuredClone(manifest) as unknown as { authorization?: unknown };
    delete without.authorization;
    expect(manifestProblems(without, kit.app.router.commands).join('\n')).toMatch(/ChannelMessage\.Read\.Group \(Application\) is missing/);
  });

  it('has a 192×192 color icon and a 32×32 outline icon in white on transparent', async () => {
    const color = await loadImage(readFileSync(new URL('color.png', DIR)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = await loadImage(readFileSync(new URL('outline.png', DIR)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const ctx = createCanvas(32, 32).getContext('2d');
    ctx.drawImage(outline, 0, 0);
    const px = ctx.getImageData(0, 0, 32, 32).data;
    let drawn = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) continue;
      drawn++;
      expect([px[i], px[i + 1], px[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(50);
    expect(px[3]).toBe(0); // a transparent corner
  });

  it('fills in the deployment and zips what Teams uploads', () => {
    const filled = fillManifest(template, { appId: '11111111-2222-3333-4444-555555555555', botId: '11111111-2222-3333-4444-555555555555', domain: 'bot.example.com', version: '1.2.3' });
    const m = JSON.parse(filled) as { id: string; version: string; validDomains: string[]; bots: { botId: string }[] };
    expect(m).toMatchObject({ id: '11111111-2222-3333-4444-555555555555', version: '1.2.3', validDomains: ['bot.example.com'] });
    expect(m.bots[0]!.botId).toBe('11111111-2222-3333-4444-555555555555');
    expect(() => fillManifest('{"x":"${{NOPE}}"}', { appId: 'a', botId: 'b', domain: 'c', version: 'd' })).toThrow(/NOPE/);
    const files = [
      { name: 'manifest.json', data: Buffer.from(filled) },
      { name: 'color.png', data: readFileSync(new URL('color.png', DIR)) },
      { name: 'outline.png', data: readFileSync(new URL('outline.png', DIR)) },
    ];
    const back = unzip(zip(files));
    expect([...back.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    for (const f of files) expect(back.get(f.name)!.equals(f.data)).toBe(true);
  });

  it('npm run teams:package needs only TEAMS_CLIENT_ID and PUBLIC_URL, no secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-pkg-'));
    try {
      const out = join(dir, 'app.zip');
      const id = '11111111-2222-3333-4444-555555555555';
      const r = await teamsPackage({ TEAMS_CLIENT_ID: id, PUBLIC_URL: 'https://bot.example.com' }, ['--out', out]);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toMatch(/app\.zip: upload it in Teams/);
      const m = JSON.parse(unzip(readFileSync(out)).get('manifest.json')!.toString('utf8')) as { id: string; developer: Record<string, string> };
      expect(m.id).toBe(id);
      expect(m.developer).toMatchObject({ websiteUrl: 'https://bot.example.com', privacyUrl: 'https://bot.example.com/privacy', termsOfUseUrl: 'https://bot.example.com/terms' });
      // Still refuses what it needs and lacks, naming it.
      expect(await teamsPackage({ PUBLIC_URL: 'https://bot.example.com' }, ['--out', out])).toMatchObject({ code: 2, err: expect.stringMatching(/Set TEAMS_CLIENT_ID/) });
      expect(await teamsPackage({ TEAMS_CLIENT_ID: id, PUBLIC_URL: 'not a url' }, ['--out', out])).toMatchObject({ code: 2, err: expect.stringMatching(/PUBLIC_URL: must be a URL/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('links to pages the bot serves: the website, privacy (what /mydata shows) and terms', async () => {
    const m = JSON.parse(fillManifest(template, { appId: 'a', botId: 'b', domain: 'bot.example.com', version: '1' })) as { developer: Record<string, string> };
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      const path = new URL(m.developer[key]!).pathname;
      const res = await kit.app.api.request(path);
      expect(res.status, `${key} ${path}`).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    const privacy = await (await kit.app.api.request('/privacy')).text();
    for (const k of STORED_ABOUT_A_PERSON) {
      expect(privacy).toContain(`<strong>${k.label}</strong>`);
      expect(privacy).toContain(k.what);
    }
    expect(privacy).toContain('/mydata');
  });
});
