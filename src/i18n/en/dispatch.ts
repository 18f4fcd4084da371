/** Dispatching: giving jobs to technicians, the queue. */
export const dispatch = {
  'dispatch.assign.lacks-skills':
    "{name} cannot take {job}: {contract} asks for {skills} ({why}).{offered, select, no { Nobody in the team holds it now; renew the certification or change the contract''s skills.} other { Offered instead: {others}.}}",
} as const;
