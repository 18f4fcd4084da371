/** /role: the replies of list, a person's roles and a change. */
export const repliesRole = {
  'replies-role.list-title': '{role, select, none {People ({n})} other {People with role {role} ({n})}}',
  'replies-role.col.name': 'Name',
  'replies-role.col.email': 'E-mail',
  'replies-role.col.roles': 'Roles',
  'replies-role.person': '{name} <{email}>: {roles, select, none {no role yet} other {{roles}}}.',
  'replies-role.title': 'Roles',
  'replies-role.changed':
    '{name}: {added, select, none {} other {added {added}}}{removed, select, none {} other {{added, select, none {} other {; }}removed {removed}}}{added, select, none {{removed, select, none {no change} other {}}} other {}}. {roles, select, none {Now without a role} other {Now {roles}}}.',
} as const;
