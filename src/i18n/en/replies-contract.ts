/** /contract: the reply of amend. */
export const repliesContract = {
  'replies-contract.amended-title': 'Contract amended',
  'replies-contract.amended': '{id} is now at version {version}, in force from {from}. Work before that date keeps the earlier prices.',
  'replies-contract.quantity': '{unit, select, hour {{n, plural, one {{q} hour} other {{q} hours}}} visit {{n, plural, one {{q} visit} other {{q} visits}}} day {{n, plural, one {{q} day} other {{q} days}}} month {{n, plural, one {{q} month} other {{q} months}}} quarter {{n, plural, one {{q} quarter} other {{q} quarters}}} year {{n, plural, one {{q} year} other {{q} years}}} other {{n, plural, other {{q} {unit}}}}}',
  'replies-contract.unit': '{unit, select, hour {hour} visit {visit} each {each} day {day} km {km} month {month} quarter {quarter} year {year} other {{unit}}}',
} as const;
