/**
 * The Slack form modal when a field's text is too long for Slack: the notice is in the clicker's
 * language, the limit written as their language writes numbers.
 */
import { describe, expect, it } from 'vitest';
import { formModal } from '../../src/chat/slack/modal.js';
import { inLanguage } from '../../src/i18n/current.js';
import type { ActionForm } from '../../cards/card.js';

const form: ActionForm = { title: 'Edit message', submit: 'Save', fields: [{ key: 'body', label: 'Body', value: 'x'.repeat(3001), multiline: true }] };
const md = { v: 'signed-payload' };

function noticeText(view: ReturnType<typeof formModal>): string {
  const block = view.blocks[0] as { text?: { text?: string } };
  return block.text?.text ?? '';
}

describe('the Slack form modal for a field longer than Slack holds', () => {
  it('tells an English reader, with the limit as English writes it, and offers no form', () => {
    const view = inLanguage('en', () => formModal(form, md));
    expect(view.submit).toBeUndefined();
    expect(noticeText(view)).toBe('Body is longer than the 3,000 characters a Slack field holds; edit it with a command (/message edit) instead.');
  });

  it('tells a French reader in French, the limit written "3 000"', () => {
    const view = inLanguage('fr', () => formModal(form, md));
    expect(view.submit).toBeUndefined();
    expect(noticeText(view)).toMatch(/^Body dépasse les 3\s000 caractères que peut contenir un champ Slack\u202f; modifiez-le plutôt par une commande \(\/message edit\)\.$/u);
    expect(view.close?.text).toBe('Fermer');
  });
});
