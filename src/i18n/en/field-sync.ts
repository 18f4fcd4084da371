/** What the offline checklist's batch did with each item (src/proof/sync-field-batch.ts), for the technician's phone. */
export const fieldSync = {
  'field-sync.arrived': 'arrived on site {at}',
  'field-sync.resolved': 'work done (resolved) {at}',
  'field-sync.tick': '{code} step {step}{hasText, select, yes { ({text})} other {}}, done {at}',
  'field-sync.time': 'time {start} to {end}{hasCode, select, yes { on {code}} other {}}',
  'field-sync.result': '{what}: {text}',
  'field-sync.already': '{what}: already received',
  'field-sync.time-recorded': '{minutes, plural, other {# min on {code} recorded}}',
  'field-sync.status-now': '{ref} is {status, select, on_site {on site} resolved {resolved} other {{status}}}',
  'field-sync.step-confirmed': '{code} step {number} confirmed{hasReading, select, yes {: {value} {unit}} other {}}',
  'field-sync.item-tick': '{code} step {step}',
  'field-sync.item-time': 'time entry',
  'field-sync.item-status': 'status change',
} as const;
