/** Field links and the public pages' rate limit: pure code, no database. */
import { describe, expect, it } from 'vitest';
import { checkCsrf, checkLink, csrfToken, signLink } from '../../src/web/links.js';
import { TokenBuckets } from '../../src/web/rate-limit.js';

const secret = 'field-secret';
const now = new Date('2026-11-23T09:00:00Z');

describe('field links', () => {
  it('opens only its own page, for its job, until it expires', () => {
    const t = signLink({ p: 'quote', j: 7, a: 3 }, secret, now);
    expect(checkLink(t, 'quote', secret, now)).toEqual({ ok: true, link: { p: 'quote', j: 7, a: 3, x: now.getTime() / 1000 + 14 * 86_400 } });
    expect(checkLink(t, 'report', secret, now)).toMatchObject({ ok: false, status: 403 });
    expect(checkLink(t, 'quote', 'another-secret', now)).toMatchObject({ ok: false, status: 403 });
    const later = new Date(now.getTime() + 14 * 86_400_000);
    expect(checkLink(t, 'quote', secret, later)).toMatchObject({ ok: false, status: 410, refused: 'expired', link: { p: 'quote', j: 7, a: 3 } });
    expect(checkLink(t, 'report', secret, later)).toMatchObject({ ok: false, status: 403, refused: 'altered' });
  });

  it('refuses a link whose job, purpose or expiry was edited, or that was cut short', () => {
    const t = signLink({ p: 'check', j: 7, u: 2 }, secret, now);
    const [head, body, sig] = t.split('.') as [string, string, string];
    const edit = (f: (o: Record<string, unknown>) => void) => {
      const o = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
      f(o);
      return `${head}.${Buffer.from(JSON.stringify(o)).toString('base64url')}.${sig}`;
    };
    expect(checkLink(edit((o) => (o['j'] = 8)), 'check', secret, now).ok).toBe(false);
    expect(checkLink(edit((o) => (o['x'] = Number(o['x']) + 86_400)), 'check', secret, now).ok).toBe(false);
    expect(checkLink(edit((o) => (o['p'] = 'sign')), 'sign', secret, now).ok).toBe(false);
    expect(checkLink(t.slice(0, -2), 'check', secret, now).ok).toBe(false);
    expect(checkLink('', 'check', secret, now).ok).toBe(false);
  });

  it('takes form tokens made for the same link only', () => {
    const a = signLink({ p: 'quote', j: 1, a: 1 }, secret, now);
    const b = signLink({ p: 'quote', j: 2, a: 2 }, secret, now);
    expect(checkCsrf(a, csrfToken(a, secret), secret)).toBe(true);
    expect(checkCsrf(a, csrfToken(b, secret), secret)).toBe(false);
    expect(checkCsrf(a, undefined, secret)).toBe(false);
  });
});

describe('rate limit', () => {
  it('lets a burst through, then refills at the rate per minute, per client', () => {
    let t = 0;
    const b = new TokenBuckets({ burst: 3, perMinute: 2, now: () => t });
    expect([b.take('a'), b.take('a'), b.take('a'), b.take('a')]).toEqual([true, true, true, false]);
    expect(b.take('b')).toBe(true);
    t += 30_000;
    expect([b.take('a'), b.take('a')]).toEqual([true, false]);
    // A clock moved back refills nothing and takes nothing away.
    t -= 60_000;
    expect(b.take('a')).toBe(false);
  });
});
