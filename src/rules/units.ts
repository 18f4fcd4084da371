/**
 * Durations, percentages and money as contracts and chat write them. Pure.
 * Money is always integer minor units; the currencies of the pilots all have two decimals.
 */

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/i;

/** "15m", "2h", "1h30m", "1d2h" -> minutes; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = DURATION.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** 90 -> "1h30m", 0 -> "0m", 1500 -> "25h" (hours are not folded into days: SLA hours read better). */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m}m`;
  return m === 0 ? `${sign}${h}h` : `${sign}${h}h${String(m).padStart(2, '0')}m`;
}

/** "75%" -> 0.75; undefined when not a percentage between 0 and 100. */
export function parsePercent(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (!m) return undefined;
  const v = Number(m[1]);
  return v <= 100 ? v / 100 : undefined;
}

/**
 * A decimal amount with at most two decimals -> minor units, exactly (no float drift):
 * the number is read through its shortest decimal string, which is what YAML and JSON wrote.
 */
export function toMinor(amount: number | string): number | undefined {
  const s = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -minor : minor;
}

/** 123456 -> "1,234.56"; with currency "EUR 1,234.56". */
export function formatMoney(minor: number, currency?: string): string {
  const neg = minor < 0;
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  const body = `${neg ? '-' : ''}${units}.${cents}`;
  return currency ? `${currency} ${body}` : body;
}

/** Round half away from zero to an integer: the one rounding rule money uses. */
export function roundHalfAway(x: number): number {
  // Guard against binary noise like 2.4999999999 that really is 2.5 in decimal.
  const r = Math.round(Math.abs(x) * 1e6) / 1e6;
  const v = Math.floor(r + 0.5);
  return x < 0 ? -v : v;
}
