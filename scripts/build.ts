/**
 * `npm run build` (and the first half of `npm start`): the bot bundled by esbuild into build/, run
 * with plain node. Running the TypeScript through tsx instead costs ~40 MB of RSS before any of
 * our code loads (its loader hooks run in a thread of their own and keep the compiled sources).
 *
 * One ES module per entry point plus shared chunks (splitting), so the modules the bot loads on
 * first use (the Slack and Teams SDK adapters, PGlite, pdfkit, …) stay separate files, loaded only
 * then. npm packages are not bundled (packages: 'external'): node loads them from node_modules as
 * before. Files read at run time are found from the project root (src/project-root.ts), so the
 * output folder must sit inside the project. Source maps, for `node --enable-source-maps`.
 * Files of earlier builds (chunks whose content changed) are deleted after the build, but not the
 * PGlite templates (db/template.ts, src/seed/demo-template.ts); folders are left alone (the
 * templates unpacked, the benchmark and a test build beside it, in build/bench/ and build/test-…/).
 */
import { build, type BuildOptions } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/project-root.js';
import { ensureTemplate } from '../db/template.js';
import { demoTemplateIsCurrent, ensureDemoTemplate } from '../src/seed/demo-template.js';

/** The project root (src/project-root.ts), where the build runs and writes. */
export const ROOT = PROJECT_ROOT;

export const BUILD_OPTIONS: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

/** Bundle `entryPoints` (project-relative) into `outdir` (project-relative, inside the project). */
export async function buildBot(outdir = 'build', entryPoints: string[] = ['src/main.ts']): Promise<void> {
  const { metafile } = await build({ ...BUILD_OPTIONS, entryPoints, outdir, metafile: true });
  const made = new Set(Object.keys(metafile.outputs).map((f) => relative(outdir, f)));
  for (const f of readdirSync(join(ROOT, outdir), { withFileTypes: true })) {
    if (f.isFile() && !made.has(f.name) && !f.name.startsWith('pglite-')) rmSync(join(ROOT, outdir, f.name));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildBot();
  // The migrated PGlite template a first start on an empty DATA_DIR copies (db/template.ts); kept
  // while the migrations are unchanged, so only the first build after a migration pays for it.
  await ensureTemplate();
  // The demo's template: the demo with its weeks of history (src/seed/demo-template.ts); written
  // again by the first build of each week, so a first demo start copies it instead of writing it.
  if (!demoTemplateIsCurrent(new Date())) process.stderr.write('Writing the demo history into build/pglite-demo.tar (the first build of the week; a minute or two)…\n');
  await ensureDemoTemplate();
}
