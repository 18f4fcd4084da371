/** /team: the replies of bind, lead and show. */
export const repliesTeam = {
  'replies-team.bound-title': 'Channel bound',
  'replies-team.bound':
    "{label} now receives {team}'s {purpose, select, approvals {approvals} dispatch {dispatch} digest {digest} other {{purpose}}} on {platform}.{pending, plural, =0 {} one { # pending request asked before is posted there now.} other { # pending requests asked before are posted there now.}}",
  'replies-team.lead-title': 'Team lead',
  'replies-team.lead-set': '{name} now leads {team}: escalations go to them.',
  'replies-team.title': 'Team {team}',
  'replies-team.lead': 'Lead',
  'replies-team.no-lead': 'none (set one with /team lead)',
  'replies-team.zone': 'Zone',
  'replies-team.col.purpose': 'Purpose',
  'replies-team.col.platform': 'Platform',
  'replies-team.col.channel': 'Channel',
  'replies-team.no-channels': 'No channels bound yet: type /team bind approvals in the channel that should get approval requests.',
} as const;
