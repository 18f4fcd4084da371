import { t, type MessageKey, type MessageValues } from './i18n/t.js';

/** The catalog's keys, for the pure rules that name a message (`refusal`, a phrase) without reading the catalog. */
export type { MessageKey, MessageValues };

/**
 * The closed set of error codes every verb may throw. Each surface (chat text, Slack, Teams, API)
 * maps them with an exhaustive switch, so a new code cannot ship without a message.
 */
export const ERROR_CODES = [
  'not_found',
  'forbidden',
  'conflict',
  'invalid',
  'limit_exceeded',
  'too_large',
  'precondition_failed',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** extra lines for the user (a problem list, the closest matches, a usage line) */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (msg: string, details?: string[]) => new AppError('not_found', msg, details);
export const forbidden = (msg: string, details?: string[]) => new AppError('forbidden', msg, details);
export const conflict = (msg: string, details?: string[]) => new AppError('conflict', msg, details);
export const invalid = (msg: string, details?: string[]) => new AppError('invalid', msg, details);
export const limitExceeded = (msg: string, details?: string[]) => new AppError('limit_exceeded', msg, details);
/** A file or body over a size limit: sending it again will not help (413, not a retryable 429). */
export const tooLarge = (msg: string, details?: string[]) => new AppError('too_large', msg, details);
export const preconditionFailed = (msg: string, details?: string[]) =>
  new AppError('precondition_failed', msg, details);

/**
 * A refusal worded by its catalog key, in the reader's language: what the pure rules (src/rules),
 * which do not import the catalog, throw. The key and values are the reason; the words are the
 * catalog's.
 */
export const refusal = (code: ErrorCode, key: MessageKey, values?: MessageValues, details?: string[]) => new AppError(code, t(key, values), details);
/** A detail line of such a refusal (the closest matches, the known values), worded by its key. */
export const refusalDetail = (key: MessageKey, values?: MessageValues) => t(key, values);

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}

/** HTTP status for each code (API problem+json). */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'not_found':
      return 404;
    case 'forbidden':
      return 403;
    case 'conflict':
      return 409;
    case 'invalid':
      return 400;
    case 'limit_exceeded':
      return 429;
    case 'too_large':
      return 413;
    case 'precondition_failed':
      return 412;
    case 'unavailable':
      return 503;
    default:
      return assertNever(code);
  }
}

/** A short title per code, shown before the message in chat, in the reader's language. */
export function errorTitle(code: ErrorCode): string {
  switch (code) {
    case 'not_found':
      return t('errors.title.not-found');
    case 'forbidden':
      return t('errors.title.forbidden');
    case 'conflict':
      return t('errors.title.conflict');
    case 'invalid':
      return t('errors.title.invalid');
    case 'limit_exceeded':
      return t('errors.title.limit-exceeded');
    case 'too_large':
      return t('errors.title.too-large');
    case 'precondition_failed':
      return t('errors.title.precondition-failed');
    case 'unavailable':
      return t('errors.title.unavailable');
    default:
      return assertNever(code);
  }
}

/** Connection-level failures of either driver: the user should retry, nothing was written. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '08001', '08003'];
  if (e.code && codes.includes(e.code)) return true;
  if (e.cause && e.cause !== err) return isDatabaseUnavailable(e.cause);
  return false;
}

/**
 * A value the database refused (a number past int4, a malformed date, a NUL byte) after the
 * parsers let it through: the input's fault, so the user is told what to fix, not given an error
 * reference. Returns the sentence to show, or undefined for any other error.
 */
export function refusedValue(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: unknown } | undefined;
  if (!e) return undefined;
  switch (e.code) {
    case '22021': // invalid byte sequence: a NUL in text
    case '22P05': // untranslatable character: \u0000 inside JSON
      return t('errors.value-nul');
    case '22003': // numeric value out of range
      return t('errors.value-out-of-range');
    case '22P02': // invalid text representation
    case '22007': // invalid datetime format
    case '22008': // datetime field overflow
      return t('errors.value-wrong-form');
  }
  if (e.cause && e.cause !== err) return refusedValue(e.cause);
  return undefined;
}
