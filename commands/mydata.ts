import { card, type Card, type Rich } from '../cards/card.js';
import { correctionCard } from '../cards/build/correction.js';
import { infoCard } from '../cards/build/error.js';
import { personExportCard } from '../cards/build/person-export.js';
import { requirePerson } from '../src/auth.js';
import { writeExportFiles } from '../src/people/export-files.js';
import { exportPerson } from '../src/people/export-person.js';
import { flagCorrection, parseSubject } from '../src/proof/flag-correction.js';
import { listCorrections } from '../src/proof/list-corrections.js';
import { myData, MY_DATA_LIMIT, STORED_ABOUT_A_PERSON, storedLabel, type MyData } from '../src/proof/my-data.js';
import { resolveCorrection } from '../src/proof/resolve-correction.js';
import { formatDuration } from '../src/rules/units.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';

function myDataCard(d: MyData): Card {
  const p = d.person;
  const where = [p.onSlack ? 'Slack' : '', p.onTeams ? 'Teams' : '', p.terminal ? `terminal (@${p.terminal})` : ''].filter(Boolean).join(', ') || 'none';
  return card('info', `What contract-ops stores about ${p.name}`, {
    ...(p.zone ? { zone: p.zone } : {}),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: 'E-mail', value: p.email },
          { label: 'Roles', value: p.roles.join(', ') || 'none' },
          { label: 'Teams', value: p.teams.join(', ') || 'none' },
          { label: 'Linked chat accounts', value: where },
          { label: 'Time zone', value: p.zone ?? 'not set' },
          { label: 'Skills', value: p.skills.map((k) => (k.expires ? `${k.skill} (until ${k.expires})` : k.skill)).join(', ') || 'none recorded' },
          { label: 'Working hours', value: p.hours ?? 'not set: jobs may reach you at any time' },
          { label: 'On call', value: p.onCall ?? 'never' },
          { label: storedLabel('locations'), value: STORED_ABOUT_A_PERSON.find((k) => k.key === 'locations')!.what },
        ],
      },
      { type: 'text', text: [{ bold: `${storedLabel('timeEntries')} (${d.timeEntryCount}${d.timeEntryCount > MY_DATA_LIMIT ? `, latest ${MY_DATA_LIMIT}` : ''})` }] },
      d.timeEntries.length
        ? { type: 'table', columns: ['Ref', 'Job', 'Code', 'Start', 'Length', 'Note'], rows: d.timeEntries.map((e) => [e.ref, e.job, e.code, [{ time: e.start }], e.minutes === null ? 'running' : formatDuration(e.minutes), e.note ?? '']) }
        : { type: 'text', text: 'None.' },
      { type: 'text', text: [{ bold: storedLabel('approvals') }] },
      d.approvals.length ? { type: 'table', columns: ['Ref', 'Kind', 'Job', 'You', 'Status', 'When'], rows: d.approvals.map((a) => [a.ref, a.kind, a.job ?? '', a.role, a.status, [{ time: a.at }]]) } : { type: 'text', text: 'None.' },
      { type: 'text', text: [{ bold: storedLabel('steps') }] },
      {
        type: 'list',
        items: [...d.ticks.map((t): Rich => [`K${t.id} ${t.job} ${t.code} step ${t.step} at `, { time: t.at }]), ...d.attachments.map((a): Rich => [`F${a.id} ${a.job} ${a.fileName} at `, { time: a.at }])].slice(0, 30),
      },
      ...(d.corrections.length ? [{ type: 'text' as const, text: [{ bold: storedLabel('corrections') }] }, { type: 'list' as const, items: d.corrections.map((c) => `#${c.id} ${c.subject}: ${c.note} (${c.status}${c.resolution ? `: ${c.resolution}` : ''})`) }] : []),
    ],
    context: ['Something wrong? /mydata flag <ref> <what it should be>, e.g. /mydata flag T12 ended at 11:00, not 11:30. A dispatcher corrects it and you are told.', 'Nothing is recorded outside the work you enter on jobs.'],
  });
}

export const mydataCommand: Command = {
  name: 'mydata',
  summary: 'See what the bot stores about you (time, approvals, steps, files), export it all, and flag an error for a dispatcher',
  usage: ['/mydata', '/mydata export   (everything about you, as JSON and CSV files)', '/mydata flag <ref (T12, A5, K3, F7)> <what is wrong>', '/mydata flags (dispatchers)', '/mydata fixed <n> [what you changed]', '/mydata keep <n> <why>'],
  example: '/mydata flag T12 ended at 11:00, not 11:30',
  async run(ctx, args) {
    const [sub, ...rest] = args.words;
    switch (sub?.toLowerCase()) {
      case undefined:
      case 'show':
        return myDataCard(await myData(ctx));
      case 'export': {
        if (rest.length) throw new UsageError('/mydata export takes no words; admins export someone else with /people export <person>.');
        const data = await exportPerson(ctx, { person: requirePerson(ctx).id });
        return personExportCard(data, await writeExportFiles(ctx, data), true);
      }
      case 'flag': {
        const subject = parseSubject(rest[0]) ? rest[0] : undefined;
        const note = (subject ? rest.slice(1) : rest).join(' ');
        if (!note) throw new UsageError('Say what is wrong: /mydata flag T12 ended at 11:00, not 11:30');
        const v = await flagCorrection(ctx, { subject, note });
        return infoCard('Flag sent', `Your flag #${v.row.id} went to the dispatchers of ${v.row.teamId}. You will be told when it is handled.`, 'good');
      }
      case 'flags': {
        const list = await listCorrections(ctx);
        return list.length ? list.map(correctionCard) : infoCard('No open flags', 'Nobody has flagged an error in their data.');
      }
      case 'fixed':
      case 'keep': {
        const id = Number(rest[0]?.replace(/^#/, ''));
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('Which flag? Its number: /mydata fixed 3 end time corrected');
        return correctionCard(await resolveCorrection(ctx, { id, outcome: sub.toLowerCase() === 'fixed' ? 'fixed' : 'rejected', note: rest.slice(1).join(' ') }));
      }
      default:
        throw new UsageError(`Unknown /mydata subcommand "${sub}".`);
    }
  },
};
