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
      const columns = (['name', 'email', 'roles'] as const).map((c) => t(`replies-role.col.${c}`));
      return card('info', t('replies-role.list-title', { role: changes[0] || 'none', n: list.length }), {
        blocks: [{ type: 'table', columns, rows: list.map((p) => [p.name, p.email, p.roles.join(', ') || '-']) }],
      });
    }
    if (!changes.length) {
      const p = await resolvePerson(ctx, who);
      return infoCard(p.name, t('replies-role.person', { name: p.name, email: p.email, roles: p.roles.join(', ') || 'none' }));
    }
    const add = changes.filter((c) => !c.startsWith('-')).map((c) => c.replace(/^\+/, ''));
    const remove = changes.filter((c) => c.startsWith('-')).map((c) => c.slice(1));
    const r = await setRoles(ctx, { person: who, add, remove });
    const list = (roles: readonly string[]) => roles.join(', ') || 'none';
    return infoCard(t('replies-role.title'), t('replies-role.changed', { name: r.person.name, added: list(r.added), removed: list(r.removed), roles: list(r.person.roles) }), 'good');
  },
};
