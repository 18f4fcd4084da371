/**
 * Once per test run: a migrated and seeded database template every test file copies. PGlite: a
 * dumped data directory. Postgres (DATABASE_URL set): a template database each file clones with
 * CREATE DATABASE ... TEMPLATE. The demo contracts are parsed and written once, by
 * make-template.ts in a node process of its own (as the bot loads its packages, not through
 * vitest's module runner); the template also keeps the seeded rows aside so that a test resets
 * only the tables it changed (seed-state.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { projectPath } from '../../src/project-root.js';

function makeTemplate(args: string[]): void {
  execFileSync(process.execPath, ['--import', 'tsx', projectPath('test', 'support', 'make-template.ts'), ...args], { cwd: projectPath(), stdio: ['ignore', 'inherit', 'inherit'] });
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    // One template per run, so two runs against one server (developers side by side) never
    // drop each other's databases.
    const TEMPLATE_DB = `contract_ops_tpl_${process.pid}_${Date.now().toString(36)}`;
    await admin.unsafe(`create database "${TEMPLATE_DB}"`);
    const t = new URL(url);
    t.pathname = `/${TEMPLATE_DB}`;
    makeTemplate(['--url', t.toString()]);
    project.provide('dbMode', 'postgres');
    project.provide('pgliteSnapshot', '');
    project.provide('pgTemplate', TEMPLATE_DB);
    return async () => {
      const copies = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${TEMPLATE_DB + '\\_%'}`;
      for (const { datname } of copies) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.unsafe(`drop database if exists "${TEMPLATE_DB}" with (force)`);
      await admin.end();
    };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'contract-ops-')), 'pglite.tar');
  makeTemplate(['--dump', file]);
  project.provide('dbMode', 'pglite');
  project.provide('pgliteSnapshot', file);
  project.provide('pgTemplate', '');
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbMode: 'pglite' | 'postgres';
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}
