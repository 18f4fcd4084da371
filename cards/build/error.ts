import { errorTitle, type ErrorCode } from '../../src/errors.js';
import { card, type Card } from '../card.js';

export function errorCard(code: ErrorCode, message: string, details: string[] = []): Card {
  return card('error', errorTitle(code), {
    tone: 'danger',
    blocks: [{ type: 'text', text: message }, ...(details.length ? [{ type: 'list' as const, items: details }] : [])],
  });
}

export function usageCard(message: string, usage: string[]): Card {
  return card('error', 'Usage', {
    tone: 'warning',
    // No usage lines (an unknown command with nothing close): no empty list, which Teams shows as "–".
    blocks: [{ type: 'text', text: message }, ...(usage.length ? [{ type: 'list' as const, items: usage.map((u) => [{ code: u }]) }] : [])],
  });
}

export function unexpectedCard(ref: string): Card {
  return card('error', 'Something went wrong', {
    tone: 'danger',
    blocks: [{ type: 'text', text: `The bot hit an unexpected error and saved nothing. Reference: ${ref} (give it to your admin).` }],
  });
}

export function infoCard(title: string, text: string, tone: Card['tone'] = 'info'): Card {
  return card('info', title, { tone, blocks: [{ type: 'text', text }] });
}
