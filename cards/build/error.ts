import { errorTitle, type ErrorCode } from '../../src/errors.js';
import { t } from '../../src/i18n/t.js';
import { card, type Card } from '../card.js';

export function errorCard(code: ErrorCode, message: string, details: string[] = []): Card {
  return card('error', errorTitle(code), {
    tone: 'danger',
    blocks: [{ type: 'text', text: message }, ...(details.length ? [{ type: 'list' as const, items: details }] : [])],
  });
}

export function usageCard(message: string, usage: string[]): Card {
  return card('error', t('cards-error.usage'), {
    tone: 'warning',
    // No usage lines (an unknown command with nothing close): no empty list, which Teams shows as "–".
    blocks: [{ type: 'text', text: message }, ...(usage.length ? [{ type: 'list' as const, items: usage.map((u) => [{ code: u }]) }] : [])],
  });
}

export function unexpectedCard(ref: string): Card {
  return card('error', t('cards-error.unexpected.title'), {
    tone: 'danger',
    blocks: [{ type: 'text', text: t('cards-error.unexpected.text', { ref }) }],
  });
}

export function infoCard(title: string, text: string, tone: Card['tone'] = 'info'): Card {
  return card('info', title, { tone, blocks: [{ type: 'text', text }] });
}
