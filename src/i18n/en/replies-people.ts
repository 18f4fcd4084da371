/** /people: the reply of erase. */
export const repliesPeople = {
  'replies-people.erased-title': 'Person erased',
  'replies-people.erased':
    '{who} is now "{pseudonym}": name, e-mail and chat links removed, API tokens revoked. Their time, steps, approvals, audit rows and invoices are kept unchanged.',
} as const;
