/** Correction flags as the dispatch channel sees them (cards/build/correction.ts). */
export const cardsCorrection = {
  'cards-correction.title': '{status, select, open {Correction asked} fixed {Corrected} other {Kept as is}}: #{id} from {person}',
  'cards-correction.record': 'Record',
  'cards-correction.record-in-note': 'described in the note',
  'cards-correction.job': 'Job',
  'cards-correction.wrong': 'What is wrong',
  'cards-correction.handled': 'Handled',
  'cards-correction.handled-by': '{status, select, fixed {fixed} rejected {rejected} other {{status}}} by ',
  'cards-correction.someone': 'someone',
  'cards-correction.at': ' at ',
  'cards-correction.how': 'Correct the record, then: /mydata fixed {id} <what you changed>, or /mydata keep {id} <why>',
} as const;
