/** /contract show --version and /contract diff: what changed between versions, who, when and why. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { amendContract } from '../../src/contracts/amend-contract.js';
import { diffTerms } from '../../src/rules/terms-diff.js';
import { refused, say, text } from '../billing/helpers.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
});

const BRIGHTDESK = readFileSync(new URL('../../examples/contracts/brightdesk-it.yaml', import.meta.url), 'utf8');

async function amend() {
  kit.clock.set('2026-12-07T15:00:00Z');
  const text2 = BRIGHTDESK.replace('P2: { response: 4h,', 'P2: { response: 1h,').replace('unit: hour, price: 120.00', 'unit: hour, price: 130.00');
  expect(text2).toContain('price: 130.00');
  await amendContract(await kit.as('ada'), { id: 'BRIGHTDESK-IT', terms: { text: text2 }, effectiveFrom: '2026-12-20', reason: 'faster P2 response, new labour price' });
}

describe('contract versions in chat', () => {
  it('/contract diff lists each changed term with before and after, who recorded it, when and why', async () => {
    await amend();
    const dana = await kit.as('dana');
    const out = text(await say(kit, dana, '/contract diff BRIGHTDESK-IT 1 2'));
    expect(out).toContain('BRIGHTDESK-IT: v1 → v2');
    expect(out).toContain('sla.priorities.P2.response | 4h | 1h');
    expect(out).toContain('rates[IT-LAB].price | 120 | 130');
    expect(out).toMatch(/v2 \(in force from 2026-12-20\) recorded by Ada[^,]*, .*: faster P2 response, new labour price/);
    // Nothing else changed.
    expect(out.split('\n').filter((l) => l.includes(' | '))).toHaveLength(2);
    await refused(kit, dana, '/contract diff BRIGHTDESK-IT 1 7', /no version 7/);
  });

  it('/contract show gives the version in force today and names later ones; --version N shows that one', async () => {
    await amend();
    const dana = await kit.as('dana');
    const today = text(await say(kit, dana, '/contract show BRIGHTDESK-IT'));
    expect(today).toContain('Version: v1, in force from');
    expect(today).toContain('Later versions: v2 from 2026-12-20');
    const v2 = text(await say(kit, dana, '/contract show BRIGHTDESK-IT --version 2'));
    expect(v2).toContain('Version: v2, in force from 2026-12-20');
    expect(v2).toMatch(/Recorded: by Ada.*: faster P2 response, new labour price/);
    expect(v2).toMatch(/P2 \| 1h \| 16h/);
    await refused(kit, dana, '/contract show BRIGHTDESK-IT --version x', /not a version/);
  });

  it('matches listed things by their id, so an added site is one change, not a shift of every index', () => {
    const a = { sites: [{ id: 'A', name: 'a' }, { id: 'B', name: 'b' }] };
    const b = { sites: [{ id: 'A', name: 'a' }, { id: 'C', name: 'c' }, { id: 'B', name: 'b2' }] };
    expect(diffTerms(a, b)).toEqual([
      { path: 'sites[C]', after: { id: 'C', name: 'c' } },
      { path: 'sites[B].name', before: 'b', after: 'b2' },
    ]);
  });
});
