/**
 * A French technician's day in the terminal chat: Tom sets /language fr, logs time typed the
 * French way, ticks a checklist step, meets a refusal and closes the job; the bot's own words
 * (replies, refusals, the help table) are French from his /language on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../commands/index.js';
import { inLanguage } from '../../src/i18n/index.js';
import { startChild } from '../support/child.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'contract-ops-french-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const DAY = [
  '/job new ACME-HVAC PAR-HQ P2 Courroie du groupe froid',
  '/job assign J-1001 tom',
  '/as tom',
  '/language fr',
  '/help',
  '/clock +2h',
  '/log J-1001',
  '/log J-1001 1 h 30 min HVAC-PM courroie remplacée',
  '/check J-1001 1',
  '/check J-1001 1',
  '/check J-1001 9',
  '/close J-1001',
  '/close',
  '/language en',
  '/close',
];

describe("a French technician's day in the terminal", () => {
  it('reads French from /language fr on: replies, refusals and the help table', async () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, PORT: '0', TZ: 'UTC', DEMO_HISTORY: '0' };
    const { child, done } = startChild(['--import', 'tsx', 'src/main.ts'], root, env);
    child.stdin.end(DAY.map((l) => `${l}\n`).join(''));
    const { code, out, err } = await done;
    expect(err).toBe('');
    expect(code).toBe(0);
    // What the bot printed for the n-th line of the day, up to the next typed line.
    const reply = (n: number) => {
      const from = out.indexOf(`> ${DAY[n]}\n`, n ? out.indexOf(`> ${DAY[n - 1]}\n`) + 1 : 0);
      const next = n + 1 < DAY.length ? out.indexOf(`> ${DAY[n + 1]}\n`, from + 1) : out.length;
      return out.slice(from, next);
    };

    expect(reply(3)).toContain('Désormais le bot vous écrit en français.');

    // The help table: French headers, footer and every summary.
    const help = reply(4);
    expect(help).toMatch(/Commande\s+Ce qu’elle fait\s+Exemple/);
    expect(help).toContain('Les identifiants ignorent la casse.');
    expect(help).not.toContain('What it does');
    // Each command's row starts its French summary (the table wraps the rest), never the English one.
    for (const c of allCommands().filter((x) => !x.terminalOnly)) {
      const start = (s: string) => s.split(' ').slice(0, 3).join(' ');
      expect(help, `/${c.name}`).toMatch(new RegExp(`/${c.name} +${escape(start(inLanguage('fr', () => c.summary)))}`));
      expect(help, `/${c.name}`).not.toContain(start(c.summary));
    }

    // A usage mistake: the reason and the usage lines in French.
    expect(reply(6)).toContain('Combien de temps\u202f? Par exemple /log J-1001 1h30, ou une plage /log J-1001 08:00-10:30.');
    expect(reply(6)).toContain('/log <intervention> <durée> [code] [note]');

    // "1 h 30 min" reads as 1h30m, and the rest is the code and the note.
    expect(reply(7)).toMatch(/1h30m|1 h 30/);
    expect(reply(7)).toContain('courroie remplacée');
    expect(reply(7)).not.toMatch(/Usage|That did not work|Cela n’a pas marché/);

    // The checklist: the tick confirmed, then refused twice, each in French.
    expect(reply(8)).toContain('HVAC-PM étape 1 validée.');
    expect(reply(9)).toMatch(/Déjà fait[\s\S]*Déjà validée\u00a0: HVAC-PM étape 1 par Tom Technician/);
    expect(reply(10)).toContain('HVAC-PM a les étapes 1 à 5\u202f; il n’y a pas d’étape 9.');

    // Closing: the report's title is French; a bare /close asks which job in French, then English after /language en.
    expect(reply(11)).toContain('Rapport de clôture J-1001');
    expect(reply(12)).toContain('Quelle intervention\u202f? /close J-1001');
    expect(reply(14)).toContain('Which job? /close J-1001');
  }, 120_000);
});
