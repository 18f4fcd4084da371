/**
 * What changed between two versions of a contract's terms, field by field, as written (the
 * stored YAML/JSON data, so "4h" stays "4h"). Lists of things with an identity (sites by `id`,
 * rates by `code`, parts by `sku`, ...) are matched by it, so a price change reads
 * `rates[HVAC-LAB].price` rather than an index shift; a generic JSON diff compares by position.
 * Pure.
 */

export interface TermChange {
  /** `sla.priorities.P2.response`, `rates[HVAC-LAB].price`, `sites[LYO-DC]` */
  path: string;
  /** absent when added */
  before?: unknown;
  /** absent when removed */
  after?: unknown;
}

const KEYS = ['id', 'code', 'sku', 'name'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The identity field shared by every item of both lists, if any. */
function keyOf(a: unknown[], b: unknown[]): string | undefined {
  const all = [...a, ...b];
  if (!all.length || !all.every(isRecord)) return undefined;
  return KEYS.find((k) => {
    const seen = new Set<unknown>();
    return [a, b].every((list) => {
      seen.clear();
      return list.every((x) => {
        const v = (x as Record<string, unknown>)[k];
        if (typeof v !== 'string' || seen.has(v)) return false;
        seen.add(v);
        return true;
      });
    });
  });
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffTerms(before: unknown, after: unknown, path = ''): TermChange[] {
  if (same(before, after)) return [];
  const at = (k: string) => (path ? `${path}.${k}` : k);
  if (isRecord(before) && isRecord(after)) {
    const out: TermChange[] = [];
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!(k in after)) out.push({ path: at(k), before: before[k] });
      else if (!(k in before)) out.push({ path: at(k), after: after[k] });
      else out.push(...diffTerms(before[k], after[k], at(k)));
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = keyOf(before, after);
    if (key) {
      const id = (x: unknown) => String((x as Record<string, unknown>)[key]);
      const old = new Map(before.map((x) => [id(x), x]));
      const now = new Map(after.map((x) => [id(x), x]));
      const out: TermChange[] = [];
      for (const [k, x] of old) if (!now.has(k)) out.push({ path: `${path}[${k}]`, before: x });
      for (const [k, x] of now) out.push(...(old.has(k) ? diffTerms(old.get(k), x, `${path}[${k}]`) : [{ path: `${path}[${k}]`, after: x }]));
      return out;
    }
  }
  return [{ path: path || '(terms)', before, after }];
}

/** A value as one short line: scalars as written, lists and objects as compact JSON. */
export function showTerm(v: unknown, max = 120): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
