/**
 * Why an SLA credit is reversed after the history changed, in the contract's language: the reason
 * of the reversing credit, which its invoice line shows.
 */
export const creditReversal = {
  'credit-reversal.reason': 'Reverses credit #{id} ({credit}): {why}',
  'credit-reversal.other-priority': '{window, select, response {response} other {restore}} breached under {under}, not {was}: {headline}',
  'credit-reversal.other-version': '{window, select, response {response} other {restore}} breach now computed under {rule}: {headline}',
} as const;
