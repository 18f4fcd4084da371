/** A job's status and an SLA window's name as cards, replies and the closing report show them (src/i18n/job-status-word.ts). */
export const jobStatus = {
  'job-status.word':
    '{status, select, open {open} assigned {assigned} en_route {en route} on_site {on site} waiting_customer {waiting customer} waiting_parts {waiting parts} waiting_permit {waiting permit} resolved {resolved} closed {closed} cancelled {cancelled} reopened {reopened} other {{status}}}',
  'job-status.window': '{window, select, response {response} other {restore}}',
} as const;
