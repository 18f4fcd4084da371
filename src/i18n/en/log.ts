/** /log: time on a job. */
export const log = {
  'log.summary': 'Log time on a job: a duration, a span, a timer or travel; see your day',
  'log.usage':
    '/log <job> <duration> [code] [note]\n/log <job> [YYYY-MM-DD] <hh:mm>-<hh:mm> [code] [note]\n/log <job> start [code] [note]\n/log stop [hh:mm]   /log cancel\n/log <job> travel <duration | hh:mm-hh:mm> [note]\n/log today\n/log edit <entry> [YYYY-MM-DD] [hh:mm-hh:mm | duration] [code] "<reason>"\n/log delete <entry> "<reason>"\ndispatchers add --for <technician>',
  'log.example': '/log J-1042 1h30m HVAC-LAB belt replaced',
  'log.for-needs-person': '--for needs a person: --for tom',
  'log.which-job': 'Which job, and how long?',
  'log.not-a-time': '"{typed}" is not a time; use 17:30 or 2026-11-24T17:30.',
  'log.how-long': 'How long? e.g. /log {ref} 1h30m, or a span /log {ref} 08:00-10:30.',
  'log.not-a-span': '"{typed}" is not a span; write it as 22:00-02:00 (site time, {zone}).',
  'log.date-needs-span': 'A date goes with a span: /log J-1042 2026-11-24 08:00-10:30.',
  'log.neither': '"{typed}" is neither a duration (1h30m) nor a span (08:00-10:30).',
  'log.zero-duration': '"{typed}" is no time at all; a duration is at least 1m.',
} as const;
