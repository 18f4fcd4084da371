export const errorsCommands = {
  'errors-commands.not-a-time': '"{typed}" is not a time; use 10:30 or 2026-11-24T10:30 (site time).',
  'errors-commands.not-a-version': '"{typed}" is not a version; write 2 or v2.',
  'errors-commands.no-version': '{contract} has no version {typed}; it has v1 to v{last}.',
  'errors-commands.not-a-span': '"{typed}" is not a span; write it as 08:00-10:30 (site time, {zone}).',
  'errors-commands.cannot-read': 'Cannot read {path}.',
  'errors-commands.not-a-date': '"{typed}" is not a date; use 2026-12-01.',
  'errors-commands.not-a-date-or-time': '"{typed}" is not a date or a time; use 2026-12-01, 10:30 or 2026-12-01T10:30 (site time).',
} as const;
