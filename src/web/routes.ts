/**
 * The field pages, mounted on the one HTTP server under `/f/`: the customer's quote and closing
 * report, the technician's checklist (offline) and sign-off. Every page needs a signed link
 * (links.ts); all share a per-IP rate limit and headers that keep the link out of referrers and
 * caches. What no link vouches for (the rate limit, a failure) is written in the deployment's
 * language. See docs/field.md.
 */
import type { Hono } from 'hono';
import type { Ctx } from '../context.js';
import { deploymentReader, refusedFor } from './field-ctx.js';
import { t } from '../i18n/t.js';
import { rateLimit, TokenBuckets } from './rate-limit.js';
import { registerQuotePage } from './quote-page.js';
import { registerReportPage } from './report-page.js';
import { registerSignPage } from './sign-page.js';
import { registerCheckPage } from './check-page.js';

/** Per client IP: 60 requests at once, then 30 a minute (a checklist sync is one request). */
export const FIELD_RATE = { burst: 60, perMinute: 30 };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mounted on the API's OpenAPIHono, whose env the pages do not use
export function registerFieldPages(app: Hono<any>, ctx: Ctx): void {
  const deps = { ctx };
  const buckets = new TokenBuckets({ ...FIELD_RATE, now: () => ctx.clock.now().getTime() });
  app.use(
    '/f/*',
    rateLimit(buckets, async (c) => {
      c.header('retry-after', '60');
      return refusedFor(c, deploymentReader(deps), 429, 'errors-web.too-many-title', () => t('errors-web.too-many'));
    }),
  );
  app.use('/f/*', async (c, next) => {
    await next();
    // The API's error handler has logged it with a reference; a person on a page gets a page, not JSON.
    if (c.error && !c.req.path.endsWith('/sync')) c.res = await refusedFor(c, deploymentReader(deps), 500, 'errors-web.failed-title', () => t('errors-web.failed'));
    c.header('referrer-policy', 'no-referrer');
    c.header('x-content-type-options', 'nosniff');
    c.header('x-frame-options', 'DENY');
    if (!c.res.headers.get('cache-control')) c.header('cache-control', 'no-store');
    if (!c.res.headers.get('content-security-policy')) {
      c.header('content-security-policy', "default-src 'self'; img-src 'self' data: blob:; style-src 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'");
    }
  });
  registerQuotePage(app, deps);
  registerReportPage(app, deps);
  registerSignPage(app, deps);
  registerCheckPage(app, deps);
}
