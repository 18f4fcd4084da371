/**
 * The customer's quote for approved out-of-scope work (a `quote` message draft), in the contract's
 * language: a mustache template whose arguments are the placeholders with `_` for `.`
 * (`{quote_amount}` is `{{quote.amount}}`), and the default description of a quoted library code.
 */
export const quoteDraft = {
  'quote-draft.template':
    'Hello {contact_name},\n\nFor {job_id} at {site_name}, the following work is outside the scope of agreement {contract_id}:\n\n{quote_description}\n{quote_lines}\nPrice: {quote_amount} (excluding tax), reference {quote_ref}.\n\nPlease reply to confirm that we should go ahead; it will appear on your invoice as approved extra work.{link_open}\n\nAccept or decline online: {quote_link}{link_close}',
  'quote-draft.line': '- {description}: {amount} ({rule})',
  'quote-draft.description': '{name} ({code}), {what}',
} as const;
