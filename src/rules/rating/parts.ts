/**
 * Parts (FORMAT.md "parts", "entitlements.warranty"): a part line per SKU, job and local day at its
 * list price, or covered under a warranty clause; and the jobs whose labour a warranty part covers.
 * Runs once per invoice (docs/rating.md, "Entitlements").
 */
import type { VersionCtx } from './context.js';
import { warrantyFor } from './entitlements.js';
import { PRICE_LIST, warrantyPartTag } from './line-words.js';
import { type Template, ruleText } from './lines.js';
import { cached, innerMap } from './maps.js';
import { dec, int } from './ratio.js';
import type { InvoiceScope } from './run-state.js';
import { byTime } from './stable-order.js';
import type { PartUse } from './types.js';

const idOf = (x: { id: string }): string => x.id;

/** Warranty labour: the first warranty-labour part on a job, whenever it was fitted, covers its labour. */
export function findWarrantyJobs(run: InvoiceScope): void {
  for (const p of run.input.parts) {
    const js = run.jobStates.get(p.jobId);
    if (!js) continue;
    const at = p.at.getTime();
    const v = run.versions.atDay(run.mainDays.at(at));
    const sc = v.site(js.job.siteId);
    const date = (sc ? sc.days : run.mainDays).at(at).date;
    const hit = warrantyFor(v, p.sku, date);
    if (hit?.labour && !js.warranty) js.warranty = { hit, v };
  }
}

/** The period's parts as lines, in time order; unknown jobs and SKUs and non-positive quantities are held. */
export function addParts(run: InvoiceScope): void {
  partLines(run, byTime(run.input.parts, idOf));
}

function partLines(run: InvoiceScope, parts: readonly PartUse[]): void {
  const partTemplates = new Map<VersionCtx, Map<string, Template>>();
  for (const p of parts) {
    const at = p.at.getTime();
    if (!run.inPeriod(at)) continue;
    const job = run.jobs.get(p.jobId);
    if (!job) {
      run.held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: { code: 'unknown-job', job: p.jobId } });
      continue;
    }
    const v = run.versions.atDay(run.mainDays.at(at));
    const sc = v.site(job.siteId);
    const day = (sc ? sc.days : run.mainDays).at(at);
    if (!(p.qty > 0)) {
      run.held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: { code: 'part-quantity', qty: p.qty } });
      continue;
    }
    const part = v.part(p.sku);
    const hit = warrantyFor(v, p.sku, day.date);
    if (!part && !hit) {
      run.held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: { code: 'part-not-listed', sku: p.sku, contract: v.label } });
      continue;
    }
    const sku = part?.sku ?? p.sku;
    // The part and the warranty clause follow from the version, the SKU as written and the clause index.
    const tpl = cached(innerMap(partTemplates, v), `${p.sku}\u0001${hit ? hit.index : -1}`, () =>
      run.book.template({
        kind: 'part',
        sku,
        description: part?.name ?? sku,
        unit: 'each',
        covered: hit !== undefined,
        rule: hit ? ruleText([warrantyPartTag(hit.pattern, hit.until)], v.label, `entitlements.warranty[${hit.index}]`) : ruleText([PRICE_LIST], v.label, `parts.${sku}`),
        version: v.version,
        price: int(part?.price ?? 0),
      }),
    );
    run.book.addQtyOnDay(run.jobStates.get(job.id)!, tpl, job.id, sc?.site.id ?? job.siteId, day, p.id, dec(p.qty));
  }
}
