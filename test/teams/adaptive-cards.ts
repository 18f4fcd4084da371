/**
 * Microsoft's reference Adaptive Cards renderer (the `adaptivecards` UMD bundle) as a validator:
 * a card is good when parsing reports no event and validateProperties no failure. The bundle
 * runs under Node for parsing and validation; rendering needs a DOM and is left to the Playground.
 */
import { createRequire } from 'node:module';

interface ParseEvent {
  message: string;
}
interface AC {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: ParseEvent[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): ParseEvent };
}

const require = createRequire(import.meta.url);
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as AC;

/** Every problem the reference renderer reports for a card, empty when there is none. */
export function adaptiveCardProblems(json: unknown): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const ctx = new AdaptiveCards.SerializationContext();
  card.parse(json, ctx);
  const out: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) out.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) out.push(`validate: ${e.message}`);
  return out;
}

/** Every string Teams reads as Markdown (TextBlock text, fact titles and values), with its path. */
export function markdownStrings(x: unknown, path = '$'): { path: string; text: string }[] {
  if (Array.isArray(x)) return x.flatMap((v, i) => markdownStrings(v, `${path}[${i}]`));
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  const own: { path: string; text: string }[] = [];
  if (o.type === 'TextBlock' && typeof o.text === 'string') own.push({ path: `${path}.text`, text: o.text });
  if (o.type === 'FactSet' && Array.isArray(o.facts)) {
    (o.facts as { title: string; value: string }[]).forEach((f, i) => own.push({ path: `${path}.facts[${i}].title`, text: f.title }, { path: `${path}.facts[${i}].value`, text: f.value }));
  }
  return [...own, ...Object.entries(o).flatMap(([k, v]) => markdownStrings(v, `${path}.${k}`))];
}

/** Actions anywhere in a card (top level, ActionSets, inside ShowCards). */
export function allActions(x: unknown): Record<string, unknown>[] {
  if (Array.isArray(x)) return x.flatMap(allActions);
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  const own = typeof o.type === 'string' && o.type.startsWith('Action.') ? [o] : [];
  return [...own, ...Object.entries(o).filter(([k]) => k !== 'fallback').flatMap(([, v]) => allActions(v))];
}
