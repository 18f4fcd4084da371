/**
 * `npm run token -- <name> <scopes>`: create an API token on the configured database. The token
 * is printed once; only its hash is stored.
 */
import { join } from 'node:path';
import { openDatabase } from '../../db/client.js';
import { createToken, SCOPES, type Scope } from '../api/tokens.js';
import { ConfigError, parseConfig } from '../config.js';

async function main(): Promise<void> {
  const [name, scopeText = 'read'] = process.argv.slice(2);
  if (!name) {
    process.stderr.write(`usage: npm run token -- <name> <scopes>   (scopes: comma-separated ${SCOPES.join(', ')})\n`);
    process.exit(2);
  }
  const scopes = scopeText.split(',').map((s) => s.trim()) as Scope[];
  const bad = scopes.filter((s) => !SCOPES.includes(s));
  if (bad.length) {
    process.stderr.write(`unknown scope ${bad.join(', ')}; use ${SCOPES.join(', ')}\n`);
    process.exit(2);
  }
  const config = parseConfig(process.env);
  const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL, max: 1 } : { dataDir: join(config.DATA_DIR, 'pglite') });
  const token = await createToken(db.db, name, scopes);
  await db.close();
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
});
