/** Why text written like a duration cannot be one (src/rules/units.ts), and a contract's durations. */
export const errorsDurations = {
  'errors-durations.negative': '"{shown}" is negative; a duration is a length of time, like {like}.',
  'errors-durations.no-unit': '"{shown}" has a number without a unit; write each part with d, h or m, like 1h30m.',
  'errors-durations.twice': '"{shown}" gives the {unit, select, d {days} h {hours} other {minutes}} twice; write each unit once, like {like}.',
  'errors-durations.order':
    '"{shown}" puts {unit, select, d {days} h {hours} other {minutes}} after {prev, select, d {days} h {hours} other {minutes}}; write the larger unit first, like {like}.',
  'errors-durations.whole': '"{shown}" cannot be: {part} is a whole {prev, select, d {day} other {hour}} or more; did you mean {like}?',
  'errors-durations.not-a-duration': 'must be a duration like 15m, 2h or 1h30m',
  'errors-durations.not-zero': 'must be longer than 0m',
} as const;
