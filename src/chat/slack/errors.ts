/** Reading Slack Web API errors: the code a refusal carries and which codes say "try again". */
import { webApi } from '@slack/bolt';

/**
 * Slack's own answers that say "try again" (the WebClient retries HTTP 429 and 5xx itself, not
 * these). A caller with more passing reasons adds its own to a copy.
 */
export const TRANSIENT_SLACK_ERRORS: ReadonlySet<string> = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** The Slack error code of a Web API platform error (`invalid_auth`, `expired_trigger_id`…), if it is one. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; data?: { error?: unknown } } | undefined;
  return e?.code === webApi.ErrorCode.PlatformError && typeof e.data?.error === 'string' ? e.data.error : undefined;
}
