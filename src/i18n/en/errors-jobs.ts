export const errorsJobs = {
  'errors-jobs.status': '{status, select, other {{status}}}',
  'errors-jobs.bad-time': 'That time is not a valid date and time.',
} as const;
