/**
 * A person's export (GDPR art. 15): `/mydata export` in chat gives JSON and CSV files with every
 * row of every table that names the person, the same content as the API's export. The schema is
 * read to list those tables, so a new table that points at people fails here until it is exported.
 */
import { readFileSync } from 'node:fs';
import { count, eq, is, or, type Column } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema.js';
import { renderText } from '../../cards/text.js';
import { createToken } from '../../src/api/tokens.js';
import { logPart } from '../../src/billing/log-part.js';
import { logTime } from '../../src/billing/log-time.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { createJob } from '../../src/jobs/create-job.js';
import { EXPORTED_TABLES } from '../../src/people/export-person.js';
import { flagCorrection } from '../../src/proof/flag-correction.js';
import { testKit, type TestKit } from '../support/app.js';

/** Every table and the columns by which its rows name a person: foreign keys to people, and the audit log's actor. */
function columnsNamingPeople(): { table: PgTable; name: string; columns: Column[] }[] {
  const out: { table: PgTable; name: string; columns: Column[] }[] = [];
  for (const t of Object.values(schema)) {
    if (!is(t, PgTable)) continue;
    const cfg = getTableConfig(t);
    const columns = cfg.foreignKeys.flatMap((fk) => {
      const ref = fk.reference();
      return getTableConfig(ref.foreignTable).name === 'people' ? ref.columns : [];
    });
    if (t === schema.people) columns.push(schema.people.id);
    if (t === schema.auditLog) columns.push(schema.auditLog.actorId);
    if (columns.length) out.push({ table: t, name: cfg.name, columns });
  }
  return out;
}

let kit: TestKit;
let tomId: number;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T09:00:00Z', env: { DATA_DIR: `/tmp/contract-ops-test-export-${process.pid}` } });
  const dana = await kit.as('dana');
  const tom = await kit.as('tom');
  tomId = tom.actor.person!.id;
  const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Filter change' });
  await assignJob(dana, { job: ref, technician: 'tom' });
  kit.clock.set('2026-11-24T12:00:00Z');
  await logTime(tom, { job: ref, code: 'HVAC-LAB', start: new Date('2026-11-24T09:30:00Z'), end: new Date('2026-11-24T11:00:00Z'), note: 'filters' });
  await logPart(tom, { job: ref, sku: 'FILTER-20X25', qty: 2, at: new Date('2026-11-24T10:00:00Z') });
  await flagCorrection(tom, { note: 'my time on Monday ended at 11:00' });
});
afterAll(async () => kit?.close());

describe('/mydata export', () => {
  it('exports every table whose rows can name a person', () => {
    const naming = columnsNamingPeople().map((t) => t.name);
    expect(naming.length).toBeGreaterThan(10);
    expect([...EXPORTED_TABLES].sort()).toEqual([...naming].sort());
  });

  it('hands the person JSON and CSV files with every row that names them, as the API does', async () => {
    const cards = await kit.app.dispatch(await kit.as('tom'), '/mydata export');
    const card = cards[0]!;
    expect(card).toMatchObject({ title: 'Your data export', visibility: 'ephemeral' });
    const files = card.blocks.flatMap((b) => (b.type === 'file' ? [b.path] : []));
    expect(files.map((f) => f.slice(f.lastIndexOf('.')))).toEqual(['.json', '.csv']);
    // The terminal says where the files are.
    expect(renderText(card, { zone: 'UTC' })).toContain(`saved to ${files[0]}`);

    const json = JSON.parse(readFileSync(files[0]!, 'utf8')) as { person: { email: string }; tables: Record<string, { id?: number }[]> };
    const csv = readFileSync(files[1]!, 'utf8');
    expect(json.person.email).toBe((await kit.as('tom')).actor.person!.email);
    for (const { table, name, columns } of columnsNamingPeople()) {
      const [row] = await kit.db.db.select({ n: count() }).from(table).where(or(...columns.map((c) => eq(c, tomId))));
      expect(json.tables[name], name).toHaveLength(row!.n);
      if (row!.n) expect(csv, name).toContain(`\r\n${name},`);
    }
    for (const name of ['people', 'jobs', 'time_entries', 'part_uses', 'correction_requests', 'audit_log']) expect(json.tables[name]!.length, name).toBeGreaterThan(0);
    expect(csv).toContain('time_entries,');
    expect(csv).toMatch(/\r\npart_uses,\d+,sku,FILTER-20X25\r\n/);
    expect(csv).not.toContain('hash');

    const token = await createToken(kit.db.db, 'tom-own', ['read'], tomId);
    const api = (await (await kit.app.api.request(`/api/v1/people/${tomId}/export`, { headers: { authorization: `Bearer ${token}` } })).json()) as typeof json;
    // The token just made names tom too; otherwise the API gives the same tables and rows.
    expect(api.tables.api_tokens).toHaveLength(json.tables.api_tokens!.length + 1);
    expect({ ...api.tables, api_tokens: [] }).toEqual({ ...json.tables, api_tokens: [] });
  });

  it('lets an admin export someone, and nobody else', async () => {
    const card = (await kit.app.dispatch(await kit.as('ada'), '/people export tom'))[0]!;
    expect(card.title).toMatch(/^Data export: Tom/);
    const refused = (await kit.app.dispatch(await kit.as('dana'), '/people export tom'))[0]!;
    expect(refused.kind).toBe('error');
    expect(renderText(refused, { zone: 'UTC' })).toMatch(/Only admin can export someone else's data/);
  });
});
