/** Why a technician is offered a job or not ("biomed ✓, on shift until 17:00, 2 open jobs"). */
export const offer = {
  'offer.sep': ', ',
  'offer.choice': '{name}: {reason}',
  'offer.aside': '{name} ({reason})',
  'offer.skill-held': '{skill} ✓',
  'offer.skill-missing': 'no {skill}',
  'offer.skill-expired': '{skill} expired {expires}',
  'offer.on-shift': 'on shift',
  'offer.on-shift-until': 'on shift until {until}',
  'offer.on-call': 'on call',
  'offer.on-call-until': 'on call until {until}',
  'offer.off-until': 'off until {until}',
  'offer.no-hours': 'no working hours',
  'offer.open-jobs': '{n, plural, one {# open job} other {# open jobs}}',
} as const;
