import { defineConfig } from 'drizzle-kit';

// Generation only diffs the schema file; it never connects to a database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
