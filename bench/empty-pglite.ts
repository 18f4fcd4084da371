/**
 * An empty PGlite and nothing else, for bench/memory.ts: opens the data directory given as its
 * argument (creating it with initdb when new), runs one query, tells its parent, and waits for
 * SIGTERM. Bundled and started like the bot (plain node, see builtBenchChild in chat.ts), so the two
 * RSS figures compare like with like.
 */
import { PGlite } from '@electric-sql/pglite';

const pg = new PGlite({ dataDir: process.argv[2] });
await pg.waitReady;
await pg.query('select 1');
process.send!({ ready: true });
process.on('SIGTERM', () => void pg.close().then(() => process.exit(0)));
setInterval(() => {}, 1 << 30);
