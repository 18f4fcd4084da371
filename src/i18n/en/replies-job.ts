/** /job: the replies of new, list and assign. */
export const repliesJob = {
  'replies-job.created': 'Created {title}',
  'replies-job.list-title': '{more, select, yes {Jobs ({n}+)} other {Jobs ({n})}}',
  'replies-job.col.job': 'Job',
  'replies-job.col.contract': 'Contract',
  'replies-job.col.site': 'Site',
  'replies-job.col.priority': 'P',
  'replies-job.col.status': 'Status',
  'replies-job.col.restore-due': 'Restore due',
  'replies-job.col.summary': 'Summary',
  'replies-job.breached': 'BREACHED',
  'replies-job.none': 'No jobs match.',
  'replies-job.assigned-title': 'Assigned',
  'replies-job.assigned': '{ref} is assigned to {name}.',
} as const;
