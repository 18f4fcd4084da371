/**
 * Logs at info level carry no redacted text: a STLUKE-BIOMED job whose summary names a patient
 * and an MRN is created in chat and over the API, its webhook and outbox deliveries fail and are
 * retried, and a request fails unexpectedly; the captured log stream has neither the name, the
 * MRN nor a person's e-mail address.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createToken } from '../../src/api/tokens.js';
import { FakeClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createLogger, LogScrubber } from '../../src/log.js';
import { loadRedactor } from '../../src/privacy/redactor.js';
import { personByHandle } from '../../src/people/person.js';
import { deliverWebhooks } from '../../src/webhooks/deliver.js';
import { createSubscription } from '../../src/webhooks/subscriptions.js';
import { testDatabase } from '../support/db.js';
import type { Database } from '../../db/client.js';
import type { Ctx } from '../../src/context.js';

const lines: string[] = [];
let db: Database;
let app: App;
const as = async (h: string): Promise<Ctx> => {
  const person = (await personByHandle(app.ctx.root, h))!;
  return { ...app.ctx, actor: { via: 'shell', person, label: person.name } };
};

beforeAll(async () => {
  db = await testDatabase();
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)), done()) });
  const scrubber = new LogScrubber();
  const log = createLogger('debug', sink, scrubber);
  const config = parseConfig({ TERMINAL_CHAT: '0', SCHEDULER: '0', ACTION_SECRET: 'test-action-secret', DATA_DIR: '/tmp/contract-ops-test' });
  app = createApp(config, db, new FakeClock(new Date('2026-11-24T13:00:00Z')), log, ['shell']);
  // As src/main.ts does once the database is open.
  scrubber.use((await loadRedactor(db.db)).text);
});
afterAll(async () => db?.close());

describe('logs', () => {
  it('at info level, name no patient, no MRN and no e-mail address', async () => {
    const ada = await as('ada');
    await createSubscription(ada, { url: 'http://127.0.0.1:9/hooks', events: ['*'] });
    await app.dispatch(await as('dana'), '/job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm, Patient: John Smith MRN-1234567');
    const token = await createToken(db.db, 'his', ['read', 'write']);
    const res = await app.api.request('/api/v1/jobs', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: 'Ventilator check, Patient: John Smith MRN-1234567' }),
    });
    expect(res.status).toBe(201);
    // A receiver or proxy that echoes the payload in its error.
    await deliverWebhooks(app.ctx, { fetch: () => Promise.reject(Object.assign(new Error('refused'), { cause: { message: 'Bad body: {"summary":"Ventilator check, Patient: John Smith MRN-1234567"}' } })) });
    await app.notifier.deliverDue();
    // A database error names the row's values in its detail; an SMTP refusal names the recipient.
    app.ctx.log.error({ err: Object.assign(new Error('duplicate key value violates unique constraint'), { detail: 'Failing row contains (Patient: John Smith MRN-1234567)' }) }, 'unexpected API error');
    app.ctx.log.warn({ err: new Error('Can\'t send mail - all recipients were rejected: 550 <dana@demo.example>') }, 'customer e-mail failed, will retry');
    expect(lines.some((l) => l.includes('webhook delivery failed'))).toBe(true);
    const info = lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 30).join('\n');
    expect(info).not.toMatch(/John Smith|1234567|@demo\.example/i);
  });
});
