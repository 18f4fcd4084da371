/**
 * The zone to show a time in for the person acting: theirs when known, else the deployment's
 * DEFAULT_ZONE. Replies and refusals use it; posts to a channel use the team's or site's zone.
 */
import type { Ctx } from './context.js';

export function readerZone(ctx: Ctx): string {
  return ctx.actor.person?.zone ?? ctx.services.defaultZone;
}
