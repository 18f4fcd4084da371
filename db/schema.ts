/**
 * The one schema, for PGlite and for a Postgres server alike. Instants are `timestamptz` (UTC),
 * local calendar dates are `date` strings, money is integer minor units (`bigint` read as number:
 * a few trillion cents is far beyond any invoice). Migrations are generated from this file with
 * `npm run db:generate` and committed under db/migrations.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => instant('created_at').notNull().defaultNow();

export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    /** team ids this person works in (dispatch routing, digests) */
    teams: text('teams').array().notNull().default(sql`'{}'::text[]`),
    slackUserId: text('slack_user_id'),
    teamsUserId: text('teams_user_id'),
    shellHandle: text('shell_handle'),
    zone: text('zone'),
    /** certifications: [{ skill, expires? (last valid date, YYYY-MM-DD) }] */
    skills: jsonb('skills').notNull().default(sql`'[]'::jsonb`),
    /** weekly working hours in `zone`, as written: "mon-fri 08:00-17:00"; null: not set (always reachable) */
    hours: text('hours'),
    /** weekly on-call turns in `zone` for their teams (the team's rota), as written: "sat-sun 08:00-20:00" */
    onCall: text('on_call'),
    /** the language the bot writes to this person in (en | fr); null: their team's, else DEFAULT_LANGUAGE */
    language: text('language'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_email_uq').on(sql`lower(${t.email})`),
    uniqueIndex('people_slack_uq').on(t.slackUserId),
    uniqueIndex('people_teams_uq').on(t.teamsUserId),
    uniqueIndex('people_shell_uq').on(t.shellHandle),
  ],
);

/** A dispatch team and where its alerts, approvals and digests go on each platform. */
export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  zone: text('zone').notNull().default('UTC'),
  /** the language of posts to the team's channels and of its members without one (en | fr); null: DEFAULT_LANGUAGE */
  language: text('language'),
  leadId: integer('lead_id').references(() => people.id),
  /** customer messages go out without a dispatcher's Send (the team opted in) */
  autoSendMessages: boolean('auto_send_messages').notNull().default(false),
  createdAt: createdAt(),
});

export const teamChannels = pgTable(
  'team_channels',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    purpose: text('purpose').notNull(), // dispatch | approvals | digest
    platform: text('platform').notNull(), // slack | teams | shell
    /** slack: { channel }, teams: { conversationId, serviceUrl, tenantId }, shell: {} */
    target: jsonb('target').notNull(),
    boundBy: integer('bound_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.purpose, t.platform] })],
);

export const contracts = pgTable('contracts', {
  id: text('id').primaryKey(), // as written in the contract, matched case-insensitively
  customerName: text('customer_name').notNull(),
  team: text('team').notNull(),
  currentVersion: integer('current_version').notNull(),
  createdAt: createdAt(),
});

export const contractVersions = pgTable(
  'contract_versions',
  {
    id: serial('id').primaryKey(),
    contractId: text('contract_id')
      .notNull()
      .references(() => contracts.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** the contract as written (validated), re-parsed into the normalized shape on read */
    terms: jsonb('terms').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').references(() => people.id),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contract_versions_uq').on(t.contractId, t.version)],
);

/** Sites of the newest version, kept for look-ups and filters; the terms remain the authority. */
export const sites = pgTable(
  'sites',
  {
    contractId: text('contract_id')
      .notNull()
      .references(() => contracts.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    tier: text('tier'),
    zone: text('zone').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.id] })],
);

export const jobs = pgTable(
  'jobs',
  {
    id: serial('id').primaryKey(),
    /** what people type: J-1001 */
    ref: text('ref').notNull(),
    contractId: text('contract_id')
      .notNull()
      .references(() => contracts.id),
    contractVersion: integer('contract_version').notNull(),
    siteId: text('site_id').notNull(),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    summary: text('summary').notNull(),
    /** task code of a planned visit (recurring preventive work), else null */
    taskCode: text('task_code'),
    reportedAt: instant('reported_at').notNull(),
    createdBy: integer('created_by').references(() => people.id),
    assigneeId: integer('assignee_id').references(() => people.id),
    permit: text('permit'),
    /** when the technician is expected on site ({{job.eta}}), set by /job eta or en_route --eta */
    eta: instant('eta'),
    responseDueAt: instant('response_due_at'),
    restoreDueAt: instant('restore_due_at'),
    responseState: text('response_state').notNull(),
    restoreState: text('restore_state').notNull(),
    responseBreached: boolean('response_breached').notNull().default(false),
    restoreBreached: boolean('restore_breached').notNull().default(false),
    /** the next warn or breach instant of a running clock; the monitor's only filter */
    nextCheckAt: instant('next_check_at'),
    /** SLA state as last computed, with explanations (for chat and API without recomputing) */
    sla: jsonb('sla').notNull(),
    recurrenceKey: text('recurrence_key'),
    closedAt: instant('closed_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_ref_uq').on(t.ref),
    index('jobs_next_check_idx').on(t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
    index('jobs_contract_idx').on(t.contractId, t.reportedAt),
    index('jobs_status_idx').on(t.status),
    uniqueIndex('jobs_recurrence_uq').on(t.recurrenceKey),
    // Weekly KPIs: jobs closed in a week, and breached jobs still open (kpi digest, worst jobs).
    // The closed index carries what the SLA hit rate and the invoice lead time read, so both are
    // index-only scans of the week instead of a heap fetch per job.
    index('jobs_closed_kpi_idx')
      .on(t.closedAt, t.contractId, t.priority, t.responseBreached, t.restoreBreached, t.id)
      .where(sql`${t.closedAt} is not null`),
    index('jobs_open_breached_idx').on(t.reportedAt).where(sql`${t.closedAt} is null and (${t.responseBreached} or ${t.restoreBreached})`),
  ],
);

export const jobEvents = pgTable(
  'job_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: integer('job_id')
      .notNull()
      .references(() => jobs.id),
    /** when it happened (may be earlier than recordedAt for offline work) */
    at: instant('at').notNull(),
    kind: text('kind').notNull(), // created | status | priority | assign | fallback | note
    fromValue: text('from_value'),
    toValue: text('to_value'),
    reason: text('reason'),
    actorId: integer('actor_id').references(() => people.id),
    actorLabel: text('actor_label').notNull(),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('job_events_job_idx').on(t.jobId, t.at)],
);

/** Outbox of breach-risk and breach alerts: one row per (job, window, level), ever. */
export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    jobId: integer('job_id')
      .notNull()
      .references(() => jobs.id),
    window: text('window').notNull(), // response | restore
    level: text('level').notNull(), // '75%' | 'breach'
    dueAt: instant('due_at').notNull(),
    createdAt: createdAt(),
    /** set when a change to the job's history means the alert no longer applies (it is kept, closed) */
    closedAt: instant('closed_at'),
    closedReason: text('closed_reason'),
  },
  // One open alert per (job, window, level); a closed one may be raised again if the history says so.
  (t) => [uniqueIndex('alerts_key_uq').on(t.jobId, t.window, t.level).where(sql`${t.closedAt} is null`)],
);

/**
 * What dispatchers did about an alert: each fallback (src/rules/fallbacks.ts) at most once, and
 * `acknowledge`, which closes it to further acts. The unique index makes a colleague's simultaneous
 * tap of the same fallback find the first one's row.
 */
export const alertActs = pgTable(
  'alert_acts',
  {
    id: serial('id').primaryKey(),
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id),
    act: text('act').notNull(),
    personId: integer('person_id').references(() => people.id),
    at: instant('at').notNull(),
    /** the outcome in words: to whom it went, which draft or e-mail it wrote */
    detail: text('detail'),
    /** the customer or subcontractor message the act wrote */
    messageId: integer('message_id').references(() => customerMessages.id),
  },
  (t) => [uniqueIndex('alert_acts_once_uq').on(t.alertId, t.act)],
);

/**
 * Everything the bot posts on its own (alerts, approval requests, reminders, digests, notices,
 * and updates of cards already posted) is a row here first, written in the same transaction as
 * the state it reports; the notifier delivers it. One row per platform, so a Slack success is
 * never repeated because Teams failed. `key` makes a second insert of the same thing a no-op.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    platform: text('platform').notNull(), // slack | teams | shell
    op: text('op').notNull(), // post | update | direct
    subjectKind: text('subject_kind').notNull(), // alert | approval | digest | notice | renewal
    subjectId: text('subject_id').notNull(),
    /** channel target (team channel binding) or person for direct messages */
    target: jsonb('target').notNull(),
    /** extra data for the card (notice text...) */
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    deliveredAt: instant('delivered_at'),
    failedAt: instant('failed_at'),
    lastError: text('last_error'),
    /**
     * A post or direct message was claimed and no definite outcome is known (the process died,
     * the lease ran out, the mark failed, the network dropped the answer): the platform may have
     * the message already, so the next attempt looks for it before posting again.
     */
    outcomeUnknown: boolean('outcome_unknown').notNull().default(false),
    /** the reader's language the card is built in (the team's for a post, the person's for a direct message); null: DEFAULT_LANGUAGE */
    lang: text('lang'),
  },
  (t) => [
    uniqueIndex('outbox_key_uq').on(t.key, t.platform),
    index('outbox_pending_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null and ${t.failedAt} is null`),
  ],
);

/** Where a card was posted, so a click can update it for everyone. */
export const postedMessages = pgTable(
  'posted_messages',
  {
    id: serial('id').primaryKey(),
    subjectKind: text('subject_kind').notNull(), // alert | approval | digest | job
    subjectId: text('subject_id').notNull(),
    platform: text('platform').notNull(),
    /** slack: { channel, ts }, teams: { conversationId, activityId, serviceUrl }, shell: { line } */
    ref: jsonb('ref').notNull(),
    /** the language the message was posted in: its updates keep it */
    lang: text('lang'),
    createdAt: createdAt(),
  },
  (t) => [index('posted_messages_subject_idx').on(t.subjectKind, t.subjectId)],
);

export const credits = pgTable(
  'credits',
  {
    id: serial('id').primaryKey(),
    contractId: text('contract_id')
      .notNull()
      .references(() => contracts.id),
    jobId: integer('job_id').references(() => jobs.id),
    kind: text('kind').notNull(), // sla | goodwill
    amount: money('amount').notNull(),
    /** cap period key, e.g. 2026-11 */
    period: text('period').notNull(),
    rule: text('rule').notNull(),
    reason: text('reason').notNull(),
    capped: boolean('capped').notNull().default(false),
    /** sla: job/window key so a breach records its credit once */
    key: text('key'),
    approvalId: integer('approval_id'),
    /** sla: the priority the window breached under (a priority fix that changes it re-prices the credit) */
    priority: text('priority'),
    /** a reversing entry: the credit it cancels (its amount is the opposite) */
    reversesId: integer('reverses_id'),
    at: instant('at').notNull(),
    invoiceId: integer('invoice_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('credits_key_uq').on(t.key), index('credits_contract_idx').on(t.contractId, t.at), index('credits_job_idx').on(t.jobId), uniqueIndex('credits_reverses_uq').on(t.reversesId)],
);

export const timeEntries = pgTable(
  'time_entries',
  {
    id: serial('id').primaryKey(),
    jobId: integer('job_id')
      .notNull()
      .references(() => jobs.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    code: text('code').notNull(),
    kind: text('kind').notNull(), // labour | travel
    startAt: instant('start_at').notNull(),
    /** null while a timer runs */
    endAt: instant('end_at'),
    note: text('note'),
    approvalId: integer('approval_id'),
    createdAt: createdAt(),
    /** a deleted entry stays, marked: shown struck through, never rated or counted */
    deletedAt: instant('deleted_at'),
    deletedBy: integer('deleted_by').references(() => people.id),
    deleteReason: text('delete_reason'),
  },
  (t) => [
    index('time_entries_job_idx').on(t.jobId),
    index('time_entries_start_idx').on(t.startAt),
    uniqueIndex('time_entries_running_uq').on(t.personId).where(sql`${t.endAt} is null`),
  ],
);

export const partUses = pgTable(
  'part_uses',
  {
    id: serial('id').primaryKey(),
    jobId: integer('job_id')
      .notNull()
      .references(() => jobs.id),
    personId: integer('person_id').references(() => people.id),
    sku: text('sku').notNull(),
    qty: integer('qty').notNull(),
    at: instant('at').notNull(),
    createdAt: createdAt(),
    /** a deleted use stays, marked: shown struck through, never rated or counted */
    deletedAt: instant('deleted_at'),
    deletedBy: integer('deleted_by').references(() => people.id),
    deleteReason: text('delete_reason'),
  },
  (t) => [index('part_uses_job_idx').on(t.jobId)],
);

export const approvals = pgTable(
  'approvals',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(), // outOfScope | goodwill | permit | rateOverride
    contractId: text('contract_id')
      .notNull()
      .references(() => contracts.id),
    jobId: integer('job_id').references(() => jobs.id),
    /** what is asked: { code, qty, description, minutes, from, to, lineRef ... } */
    request: jsonb('request').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => people.id),
    /** roles that may decide this one (from the contract's policy and the amount) */
    deciderRoles: text('decider_roles').array().notNull(),
    status: text('status').notNull(), // pending | approved | rejected | expired
    deciderId: integer('decider_id').references(() => people.id),
    decidedAt: instant('decided_at'),
    decisionReason: text('decision_reason'),
    autoApproved: boolean('auto_approved').notNull().default(false),
    remindAt: instant('remind_at'),
    expiresAt: instant('expires_at'),
    createdAt: createdAt(),
  },
  (t) => [index('approvals_status_idx').on(t.status), index('approvals_job_idx').on(t.jobId)],
);

export const invoices = pgTable(
  'invoices',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    contractId: text('contract_id')
      .notNull()
      .references(() => contracts.id),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    kind: text('kind').notNull().default('invoice'), // invoice | credit_note
    correctsId: integer('corrects_id'),
    total: money('total').notNull(),
    /** invoices: prepaid minutes and site visits used up to the period's end, frozen at issue (the next period's starting point) */
    usage: jsonb('usage'),
    issuedBy: integer('issued_by').references(() => people.id),
    issuedAt: instant('issued_at').notNull(),
    /** the legal number (BT-1) from the issuer's sequence: F000001, credit notes AV000001; null on documents issued before numbering */
    legalNumber: text('legal_number'),
    issuerId: text('issuer_id'),
    dueDate: date('due_date', { mode: 'string' }),
    /** the tax of the document, per category as EN 16931 rounds it */
    taxTotal: money('tax_total'),
    /** seller and buyer as they stood at issue, so an amended contract or issuer file never changes a sent document */
    parties: jsonb('parties'),
  },
  (t) => [
    uniqueIndex('invoices_number_uq').on(t.number),
    uniqueIndex('invoices_legal_number_uq').on(t.issuerId, t.legalNumber),
    // Issuing twice is impossible: one invoice per contract and period.
    uniqueIndex('invoices_period_uq')
      .on(t.contractId, t.periodFrom, t.periodTo)
      .where(sql`${t.kind} = 'invoice'`),
    index('invoices_issued_idx').on(t.issuedAt),
  ],
);

/**
 * One gapless counter per issuer and document kind (invoice, credit_note). The issuing transaction
 * takes the next value with `UPDATE ... SET next = next + 1 RETURNING`: the row lock queues
 * concurrent issues, and a rolled-back issue rolls the counter back, so numbers never skip or repeat.
 */
export const invoiceSequences = pgTable(
  'invoice_sequences',
  {
    issuerId: text('issuer_id').notNull(),
    kind: text('kind').notNull(),
    next: integer('next').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.issuerId, t.kind] })],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: serial('id').primaryKey(),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id),
    lineNo: integer('line_no').notNull(),
    /** the rating engine's line, frozen, its description and rule in the words of the contract's locale at issue */
    line: jsonb('line').notNull(),
    amount: money('amount').notNull(),
    jobId: integer('job_id'),
  },
  (t) => [uniqueIndex('invoice_lines_uq').on(t.invoiceId, t.lineNo), index('invoice_lines_job_idx').on(t.jobId).where(sql`${t.jobId} is not null`)],
);

/**
 * What a correction of invoiced work changes in money: the issued invoice stays as it is, and the
 * difference (positive charges, negative refunds) is a line on the next invoice, which marks it.
 */
export const workAdjustments = pgTable(
  'work_adjustments',
  {
    id: serial('id').primaryKey(),
    contractId: text('contract_id')
      .notNull()
      .references(() => contracts.id),
    jobId: integer('job_id').references(() => jobs.id),
    /** the issued invoice whose billing the correction changes */
    correctsInvoiceId: integer('corrects_invoice_id')
      .notNull()
      .references(() => invoices.id),
    /** the corrected record: time (a time entry) or part (a part use), by id */
    subjectKind: text('subject_kind').notNull(),
    subjectId: integer('subject_id').notNull(),
    amount: money('amount').notNull(),
    reason: text('reason').notNull(),
    at: instant('at').notNull(),
    /** the invoice that carries it; null until then */
    invoiceId: integer('invoice_id'),
    /**
     * what the correction moved of the prepaid minutes and site visits the corrected invoice froze
     * (`{ prepaidMinutesUsed, siteVisitsUsed }`, signed); null when it moved none. A row that moves
     * usage and no money (amount 0) is never a line.
     */
    usage: jsonb('usage'),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('work_adjustments_contract_idx').on(t.contractId, t.at)],
);

export const disputes = pgTable('disputes', {
  id: serial('id').primaryKey(),
  invoiceId: integer('invoice_id')
    .notNull()
    .references(() => invoices.id),
  lineNo: integer('line_no').notNull(),
  reason: text('reason').notNull(),
  raisedBy: integer('raised_by').references(() => people.id),
  /** open | accepted | rejected (DISPUTE_STATUSES) */
  status: text('status').notNull().default('open'),
  createdAt: createdAt(),
  resolvedAt: instant('resolved_at'),
  resolvedBy: integer('resolved_by').references(() => people.id),
  /** accepted: the amount credited; rejected: null */
  acceptedAmount: money('accepted_amount'),
  /** the credit note an acceptance issued */
  creditNoteId: integer('credit_note_id').references(() => invoices.id),
  /** rejected: the reason sent to the customer */
  resolution: text('resolution'),
}, (t) => [index('disputes_line_idx').on(t.invoiceId, t.lineNo)]);

export const checklistTicks = pgTable(
  'checklist_ticks',
  {
    id: serial('id').primaryKey(),
    jobId: integer('job_id')
      .notNull()
      .references(() => jobs.id),
    code: text('code').notNull(),
    stepIndex: integer('step_index').notNull(),
    personId: integer('person_id').references(() => people.id),
    at: instant('at').notNull(),
    /** reading { value, unit } | signature { name, role } | photo { attachmentId } */
    proof: jsonb('proof'),
  },
  (t) => [uniqueIndex('checklist_ticks_uq').on(t.jobId, t.code, t.stepIndex)],
);

export const attachments = pgTable('attachments', {
  id: serial('id').primaryKey(),
  jobId: integer('job_id')
    .notNull()
    .references(() => jobs.id),
  kind: text('kind').notNull(), // photo | signature | document
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  storagePath: text('storage_path').notNull(),
  uploadedBy: integer('uploaded_by').references(() => people.id),
  createdAt: createdAt(),
});

export const customerMessages = pgTable(
  'customer_messages',
  {
    id: serial('id').primaryKey(),
    /** what the message is about: a job, or an issued invoice (the `invoice` e-mail with its PDF); one of the two */
    jobId: integer('job_id').references(() => jobs.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    kind: text('kind').notNull(), // confirmation | departure | closing | delay | quote | invoice
    /** the original as rendered (or edited); redaction is applied when it leaves, never here */
    body: text('body').notNull(),
    /** a subject typed on an edit; null: the default subject for the kind (src/messages/view.ts) */
    subject: text('subject'),
    /** the last edit of the draft: who and when (each edit is also in the audit log) */
    editedBy: integer('edited_by').references(() => people.id),
    editedAt: instant('edited_at'),
    recipients: text('recipients').array().notNull(),
    status: text('status').notNull(), // draft | sending | sent | failed | discarded
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** while sending: when the next attempt is due (also the lease of the attempt in flight) */
    nextAttemptAt: instant('next_attempt_at'),
    /** when the draft card was posted to the team (drafts written elsewhere are posted by the task) */
    announcedAt: instant('announced_at'),
    /** who pressed Send (null: the team sends automatically) */
    sentBy: integer('sent_by').references(() => people.id),
    /** the SMTP server's answer (message id), or where a file transport wrote it */
    providerRef: text('provider_ref'),
    sentAt: instant('sent_at'),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('customer_messages_job_idx').on(t.jobId),
    index('customer_messages_invoice_idx').on(t.invoiceId),
    check('customer_messages_about_ck', sql`${t.jobId} is not null or ${t.invoiceId} is not null`),
    index('customer_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'sending'`),
    index('customer_messages_unannounced_idx').on(t.id).where(sql`${t.status} = 'draft' and ${t.announcedAt} is null`),
  ],
);

/** A person's flag on their own data ("/mydata flag"): a pending correction for a dispatcher. */
export const correctionRequests = pgTable(
  'correction_requests',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    /** what is wrong: time_entry | approval | tick | attachment | other */
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id'),
    /** the job the record belongs to, when there is one (routes the flag to its team) */
    jobId: integer('job_id').references(() => jobs.id),
    teamId: text('team_id'),
    note: text('note').notNull(),
    status: text('status').notNull().default('open'), // open | fixed | rejected
    resolvedBy: integer('resolved_by').references(() => people.id),
    resolvedAt: instant('resolved_at'),
    resolution: text('resolution'),
    createdAt: createdAt(),
  },
  (t) => [index('correction_requests_person_idx').on(t.personId), index('correction_requests_open_idx').on(t.status)],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull().defaultNow(),
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_subject_idx').on(t.subjectKind, t.subjectId, t.id)],
);

export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** sha256 of the token; the token itself is shown once */
  hash: text('hash').notNull().unique(),
  scopes: text('scopes').array().notNull(),
  /** the service person the token acts as (roles mirror the scopes) */
  personId: integer('person_id').references(() => people.id),
  createdAt: createdAt(),
  lastUsedAt: instant('last_used_at'),
  revokedAt: instant('revoked_at'),
});

/** Replies to POSTs that carried an Idempotency-Key, replayed on a retry. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text('key').notNull(),
    /** keys are per token: two clients may pick the same key without seeing each other's replies */
    tokenId: integer('token_id').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: jsonb('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/**
 * Chat requests already handled, by the platform's id for one invocation (Slack's `trigger_id` for
 * commands, clicks and form submissions, `event_id` for events): a request replayed within the
 * signature window acts once, whichever replica receives it. `outcome` is what the first one
 * answered (card titles), shown again to a replay.
 */
export const chatInvocations = pgTable(
  'chat_invocations',
  {
    platform: text('platform').notNull(),
    id: text('id').notNull(),
    outcome: jsonb('outcome'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.id] }), index('chat_invocations_created_idx').on(t.createdAt)],
);

/** Teams conversation references for proactive sends; Slack needs only the channel id. */
export const conversations = pgTable('conversations', {
  id: text('id').primaryKey(), // platform:conversationId
  platform: text('platform').notNull(),
  ref: jsonb('ref').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** One row per scheduled once-only thing (weekly digest per team and week, reminders...). */
export const scheduledRuns = pgTable('scheduled_runs', {
  key: text('key').primaryKey(),
  at: instant('at').notNull().defaultNow(),
  result: jsonb('result'),
});

export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: serial('id').primaryKey(),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  lastStatus: text('last_status'),
  lastDeliveryAt: instant('last_delivery_at'),
  description: text('description'),
  createdBy: integer('created_by').references(() => people.id),
  createdAt: createdAt(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: serial('id').primaryKey(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    deliveredAt: instant('delivered_at'),
    lastStatus: text('last_status'),
    /** one id per event, shared by its deliveries to every subscription: receivers dedupe on it */
    eventId: text('event_id').notNull().default(sql`gen_random_uuid()::text`),
    /** set when the retries ran out; such a delivery is never tried again */
    failedAt: instant('failed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // Given-up deliveries leave the index too, or every tick would scan them (their next attempt is in the past).
    index('webhook_deliveries_pending_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null and ${t.failedAt} is null`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.id),
  ],
);
