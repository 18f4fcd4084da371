/**
 * In development mode (`npm run teams:playground`: no PUBLIC_URL), the KPI chart is linked from the
 * bot's own address, not dropped for being larger than an inline image may be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestKit } from '../support/app.js';
import { message, post } from './activities.js';
import { knowDemoPeople, teamsKit, type FakeConnector } from './fake-connector.js';

let kit: TestKit;
let fake: FakeConnector;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ kit, fake, close } = await teamsKit());
  knowDemoPeople(fake);
});
afterAll(() => close?.());

function images(card: unknown): { url: string; altText?: string }[] {
  const out: { url: string; altText?: string }[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'Image' && typeof o.url === 'string') out.push({ url: o.url, ...(typeof o.altText === 'string' ? { altText: o.altText } : {}) });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('Teams development mode', () => {
  it('links the KPI chart from the bot\'s own URL, and serves it there', async () => {
    expect(kit.config.PUBLIC_URL).toBeUndefined();
    await post(kit.app, message(fake.url, 'lee', 'kpi hvac-paris'));
    const shown = fake.cards().flatMap((c) => images(c.card));
    expect(shown.length).toBeGreaterThan(0);
    const chart = shown[0]!;
    expect(chart.url).toMatch(new RegExp(`^http://localhost:${kit.config.PORT}/api/teams/files/`));
    const res = await kit.app.api.request(new URL(chart.url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    // Larger than a data: URI may be in a card: it could not have been inlined.
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(12_000);
  });
});
