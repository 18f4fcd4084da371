/** A correction of recorded work (/log edit, /log delete, /part edit, /part delete): what changed. */
export const repliesCorrection = {
  'replies-correction.title': '{subject} on {ref} {deleted, select, yes {deleted} other {corrected}}',
  'replies-correction.reason': 'Reason',
  'replies-correction.adjust': '{invoice} stays as issued; the next invoice {sign, select, charges {charges} other {refunds}} {amount} as an adjustment.',
  'replies-correction.audited': 'Audited with the old and new values.',
  'replies-correction.was': 'Was ',
  'replies-correction.to': ' to ',
  'replies-correction.now': ' ({old}), now ',
  'replies-correction.new-duration': ' ({minutes})',
  'replies-correction.code': 'Code was {old}, now {new}',
  'replies-correction.note': 'Note was "{old}", now "{new}"',
  'replies-correction.deleted-time': "{name, select, none {Someone} other {{name}}}'s {code}{travel, select, yes { (travel)} other {}} ",
  'replies-correction.removed': ' ({duration}) removed',
  'replies-correction.part-removed': '{qty} × {sku} removed',
  'replies-correction.part-changed': 'Was {oldQty} × {oldSku}, now {qty} × {sku}',
} as const;
