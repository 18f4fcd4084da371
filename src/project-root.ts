/**
 * Files the bot reads at run time (migrations, the demo contracts, fonts) are found from the
 * project root, not from the module that reads them: the same code runs from source (tsx, vitest:
 * src/…/x.ts) and bundled (npm start: build/chunk-….js), where import.meta.url is a different
 * folder. The root is the nearest folder above this module holding package.json, found once.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`contract-ops: no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project: projectPath('db', 'migrations'). */
export const projectPath = (...parts: string[]): string => join(PROJECT_ROOT, ...parts);
