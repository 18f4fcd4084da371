/** /check: a job's checklist. */
export const check = {
  'check.summary': "Show a job's checklist (safety steps first) and confirm steps, with a reading where asked",
  'check.usage': '/check <job> [code]\n/check <job> [code] <step> [reading, e.g. 0.4 mA]',
  'check.example': '/check J-1001 3 0.4 mA',
  'check.which-job': 'Which job? /check J-1001',
  'check.not-a-step': '"{typed}" is not a step number.',
  'check.confirmed': '{code} step {number} confirmed{reading, select, none {} other {: {reading}}}.',
} as const;
