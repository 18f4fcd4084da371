/**
 * `/people`: a person's rights, handled by admins. `erase` pseudonymises someone who has left
 * (their work and invoices stay as they are); `export` hands over everything about them as files.
 */
import { infoCard } from '../cards/build/error.js';
import { personExportCard } from '../cards/build/person-export.js';
import { requireRole } from '../src/auth.js';
import { erasePerson } from '../src/people/erase-person.js';
import { writeExportFiles } from '../src/people/export-files.js';
import { exportPerson } from '../src/people/export-person.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const peopleCommand: Command = {
  name: 'people',
  get summary() {
    return t('commands.people.summary');
  },
  get usage() {
    return usageLines('commands.people.usage');
  },
  get example() {
    return t('commands.people.example');
  },
  async run(ctx, args) {
    const [sub, who, ...rest] = args.words;
    switch (sub?.toLowerCase()) {
      case 'erase': {
        requireRole(ctx, ['admin'], 'erase-person');
        if (!who) throw new UsageError(t('errors-commands.people-erase-who'));
        const reason = rest.join(' ').trim();
        if (!reason) throw new UsageError(t('errors-commands.people-erase-why', { who }));
        const r = await erasePerson(ctx, { person: who, reason });
        return infoCard(t('replies-people.erased-title'), t('replies-people.erased', { who, pseudonym: r.pseudonym }), 'good');
      }
      case 'export': {
        requireRole(ctx, ['admin'], 'export-others-data');
        if (!who || rest.length) throw new UsageError(t('errors-commands.people-export-who'));
        const data = await exportPerson(ctx, { person: who });
        return personExportCard(data, await writeExportFiles(ctx, data), data.person.id === ctx.actor.person?.id);
      }
      case undefined:
        throw new UsageError(t('errors-commands.people-what'));
      default:
        throw new UsageError(t('errors-commands.people-action', { typed: sub }));
    }
  },
};
