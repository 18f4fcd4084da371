/** /contract: the reply of amend. */
export const repliesContract = {
  'replies-contract.amended-title': 'Contract amended',
  'replies-contract.amended': '{id} is now at version {version}, in force from {from}. Work before that date keeps the earlier prices.',
  'replies-contract.quantity': '{unit, select, other {{n, plural, other {{q} {unit}}}}}',
  'replies-contract.unit': '{unit, select, hour {hour} visit {visit} each {each} day {day} km {km} month {month} quarter {quarter} year {year} other {{unit}}}',
} as const;
