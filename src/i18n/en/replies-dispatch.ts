/** A job given to a technician: their direct message, and what the dispatcher reads about it. */
export const repliesDispatch = {
  'replies-dispatch.you-have': 'You now have {ref}',
  'replies-dispatch.planned': 'Planned visit {ref} on {date}',
  'replies-dispatch.went-to': '{date, select, none {On call: {ref} went to {name}} other {On call: Planned visit {ref} on {date} went to {name}}}',
  'replies-dispatch.planned-text': '{summary} at {site}.',
  'replies-dispatch.given': '{summary} at {site} ({priority}).',
  'replies-dispatch.given-due': '{summary} at {site}. {window, select, response {response} other {restore}} due {due}.',
  'replies-dispatch.due-unknown': 'to be confirmed',
  'replies-dispatch.off-until': '{first} is off until {until}',
  'replies-dispatch.no-hours': '{first} has no working hours',
  'replies-dispatch.on-call-text': '{off}. {text}',
  'replies-dispatch.told-on-call': '{off}; {name} (on call) told now',
  'replies-dispatch.told-at-shift': '{off}; told when the shift starts',
  'replies-dispatch.not-told': '{off}; not told',
} as const;
