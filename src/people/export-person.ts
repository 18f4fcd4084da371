/**
 * A person's data, whole (GDPR art. 15): every row of every table that names them, for the person
 * or an admin. One verb behind `GET /api/v1/people/{id}/export` and `/mydata export`, so the API
 * and chat give the same content. Secrets (token hashes, webhook secrets), stored file paths and
 * text about customers (message bodies and recipients, contract terms) are left out: they are not
 * data about the person.
 */
import { eq, or, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig } from 'drizzle-orm/pg-core';
import {
  alertActs,
  apiTokens,
  approvals,
  attachments,
  auditLog,
  checklistTicks,
  contractVersions,
  correctionRequests,
  customerMessages,
  disputes,
  invoices,
  jobEvents,
  jobs,
  partUses,
  people,
  teamChannels,
  teams,
  timeEntries,
  webhookSubscriptions,
  workAdjustments,
} from '../../db/schema.js';
import { requirePerson } from '../auth.js';
import type { Ctx } from '../context.js';
import { forbidden } from '../errors.js';
import { resolvePerson } from './set-role.js';
import { t } from '../i18n/index.js';

interface Source {
  table: PgTable;
  /** the columns that point at the person; a row matching any of them is theirs */
  match: Column[];
  /** columns left out (secrets, paths, customers' text) */
  omit?: string[];
}

/** Every table that names a person, and by which columns. test/privacy/export.test.ts checks it against the schema. */
const SOURCES: Source[] = [
  { table: people, match: [people.id] },
  { table: teams, match: [teams.leadId] },
  { table: teamChannels, match: [teamChannels.boundBy] },
  { table: contractVersions, match: [contractVersions.createdBy], omit: ['terms'] },
  { table: jobs, match: [jobs.createdBy, jobs.assigneeId] },
  { table: jobEvents, match: [jobEvents.actorId] },
  { table: alertActs, match: [alertActs.personId] },
  { table: timeEntries, match: [timeEntries.personId] },
  { table: partUses, match: [partUses.personId] },
  { table: approvals, match: [approvals.requesterId, approvals.deciderId] },
  { table: invoices, match: [invoices.issuedBy], omit: ['usage'] },
  { table: disputes, match: [disputes.raisedBy] },
  { table: workAdjustments, match: [workAdjustments.createdBy] },
  { table: checklistTicks, match: [checklistTicks.personId] },
  { table: attachments, match: [attachments.uploadedBy], omit: ['storagePath'] },
  { table: customerMessages, match: [customerMessages.createdBy, customerMessages.editedBy, customerMessages.sentBy], omit: ['body', 'recipients', 'lastError', 'providerRef'] },
  { table: correctionRequests, match: [correctionRequests.personId, correctionRequests.resolvedBy] },
  { table: auditLog, match: [auditLog.actorId] },
  { table: apiTokens, match: [apiTokens.personId], omit: ['hash'] },
  { table: webhookSubscriptions, match: [webhookSubscriptions.createdBy], omit: ['secret'] },
];

/** The database tables the export reads, by SQL name. */
export const EXPORTED_TABLES: readonly string[] = SOURCES.map((s) => getTableConfig(s.table).name);

export type ExportRow = Record<string, unknown>;

export interface PersonExport {
  person: { id: number; name: string; email: string };
  exportedAt: Date;
  /** rows by SQL table name; every table of EXPORTED_TABLES is present, empty when nothing names the person */
  tables: Record<string, ExportRow[]>;
  locations: 'none stored';
}

export async function exportPerson(ctx: Ctx, input: { person: number | string }): Promise<PersonExport> {
  const me = requirePerson(ctx);
  const target = await resolvePerson(ctx, input.person);
  if (target.id !== me.id && !me.roles.includes('admin')) throw forbidden(t('errors-admin.export-who'));
  const tables: Record<string, ExportRow[]> = {};
  for (const s of SOURCES) {
    const where = s.match.length === 1 ? eq(s.match[0]!, target.id) : or(...s.match.map((c) => eq(c, target.id)));
    const rows = (await ctx.db.select().from(s.table).where(where)) as ExportRow[];
    const omit = new Set(s.omit ?? []);
    tables[getTableConfig(s.table).name] = rows
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !omit.has(k))))
      .sort((a, b) => Number(a.id ?? 0) - Number(b.id ?? 0));
  }
  return { person: { id: target.id, name: target.name, email: target.email }, exportedAt: ctx.clock.now(), tables, locations: 'none stored' };
}
