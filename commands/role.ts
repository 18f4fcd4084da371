import { card } from '../cards/card.js';
import { infoCard } from '../cards/build/error.js';
import { listPeople } from '../src/people/list-people.js';
import { resolvePerson, setRoles } from '../src/people/set-role.js';
import { requireRole } from '../src/auth.js';
import { ROLES } from '../src/rules/contract-types.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const roleCommand: Command = {
  name: 'role',
  get summary() {
    return t('commands.role.summary');
  },
  get usage() {
    return usageLines('commands.role.usage');
  },
  get example() {
    return t('commands.role.example');
  },
  async run(ctx, args) {
    const [who, ...changes] = args.words;
    if (!who) throw new UsageError(t('errors-commands.role-who', { roles: ROLES.join(', ') }));
    if (who.toLowerCase() === 'list') {
      requireRole(ctx, ['admin', 'manager'], 'list-roles');
      const list = await listPeople(ctx, { role: changes[0]?.toLowerCase() });
      return card('info', `People${changes[0] ? ` with role ${changes[0]}` : ''} (${list.length})`, {
        blocks: [{ type: 'table', columns: ['Name', 'E-mail', 'Roles'], rows: list.map((p) => [p.name, p.email, p.roles.join(', ') || '-']) }],
      });
    }
    if (!changes.length) {
      const p = await resolvePerson(ctx, who);
      return infoCard(p.name, `${p.name} <${p.email}>: ${p.roles.length ? p.roles.join(', ') : 'no role yet'}.`);
    }
    const add = changes.filter((c) => !c.startsWith('-')).map((c) => c.replace(/^\+/, ''));
    const remove = changes.filter((c) => c.startsWith('-')).map((c) => c.slice(1));
    const r = await setRoles(ctx, { person: who, add, remove });
    const said = [r.added.length ? `added ${r.added.join(', ')}` : '', r.removed.length ? `removed ${r.removed.join(', ')}` : ''].filter(Boolean).join('; ');
    return infoCard('Roles', `${r.person.name}: ${said || 'no change'}. Now ${r.person.roles.join(', ') || 'without a role'}.`, 'good');
  },
};
