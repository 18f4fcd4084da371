/**
 * The SLA explanation on /job show ("Why these times") in the reader's language: a French reader
 * reads French words, weekdays and durations; an English reader keeps the English line.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testKit, type TestKit } from '../support/app.js';
import { cardText } from '../proof/helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const say = async (who: string, line: string) => cardText(await kit.app.dispatch(await kit.as(who), line));

describe('/job show', () => {
  it('explains the SLA times in French to a French reader', async () => {
    kit.clock.set('2026-11-23T16:00:00Z');
    const created = await say('dana', '/job new ACME-HVAC PAR-HQ P2 Courroie du groupe froid');
    const ref = /J-\d+/.exec(created)![0];
    await say('tom', '/language fr');
    const why = (text: string, heading: string) => text.slice(text.indexOf(heading)).replace(/[\u00a0\u202f]/g, ' ');

    const french = why(await say('tom', `/job show ${ref}`), 'D’où viennent ces délais');
    expect(french).toContain('- Intervention P2 : échéance mar. 11:00 CET : 4 h d’heures « office » à partir de lun. 17:00 ; fermé de lun. 18:00 à mar. 08:00');
    expect(french).toContain('- Rétablissement P2 : échéance mar. 17:00 CET : 10 h d’heures « office » à partir de lun. 17:00 ; fermé de lun. 18:00 à mar. 08:00');
    expect(french).not.toMatch(/\b(Response|Restore|due|of|hours|from|closed|Mon|Tue)\b/);

    const english = why(await say('dana', `/job show ${ref}`), 'Why these times');
    expect(english).toContain('- Response P2: due Tue 11:00 CET: 4h of office hours from Mon 17:00; closed Mon 18:00 to Tue 08:00');
  });
});
