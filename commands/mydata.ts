import { card, type Card, type Rich } from '../cards/card.js';
import { correctionCard } from '../cards/build/correction.js';
import { infoCard } from '../cards/build/error.js';
import { personExportCard } from '../cards/build/person-export.js';
import { requirePerson } from '../src/auth.js';
import { writeExportFiles } from '../src/people/export-files.js';
import { exportPerson } from '../src/people/export-person.js';
import { flagCorrection, parseSubject } from '../src/proof/flag-correction.js';
import { listCorrections } from '../src/proof/list-corrections.js';
import { myData, MY_DATA_LIMIT, type MyData } from '../src/proof/my-data.js';
import { t, type Lang } from '../src/i18n/index.js';
import { personLangSource, type LangSource } from '../src/reader-lang.js';
import { resolveCorrection } from '../src/proof/resolve-correction.js';
import { flagCardButtons } from '../src/proof/fix-flagged-entry.js';
import { readerDate, readerDuration } from '../src/i18n/format.js';
import { UsageError, usageLines, type Command } from './command.js';

function myDataCard(d: MyData, language: { lang: Lang; source: LangSource }): Card {
  const p = d.person;
  const none = t('mydata.none');
  const where = [p.onSlack ? 'Slack' : '', p.onTeams ? 'Teams' : '', p.terminal ? t('mydata.terminal', { handle: p.terminal }) : ''].filter(Boolean).join(', ') || none;
  return card('info', t('mydata.title', { name: p.name }), {
    ...(p.zone ? { zone: p.zone } : {}),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: t('mydata.field.email'), value: p.email },
          { label: t('mydata.field.roles'), value: p.roles.join(', ') || none },
          { label: t('mydata.field.teams'), value: p.teams.join(', ') || none },
          { label: t('mydata.field.linked'), value: where },
          { label: t('mydata.field.zone'), value: p.zone ?? t('mydata.not-set') },
          { label: t('mydata.field.language'), value: t('mydata.language', language) },
          { label: t('mydata.field.skills'), value: p.skills.map((k) => (k.expires ? t('mydata.skill-until', { skill: k.skill, expires: readerDate(k.expires) }) : k.skill)).join(', ') || t('mydata.none-recorded') },
          { label: t('mydata.field.hours'), value: p.hours ?? t('mydata.hours-not-set') },
          { label: t('mydata.field.on-call'), value: p.onCall ?? t('mydata.never') },
          { label: t('mydata.stored.locations'), value: t('mydata.locations') },
        ],
      },
      { type: 'text', text: [{ bold: t('mydata.entries-heading', { label: t('mydata.stored.time-entries'), count: d.timeEntryCount, more: d.timeEntryCount > MY_DATA_LIMIT ? 'yes' : 'no', limit: MY_DATA_LIMIT }) }] },
      d.timeEntries.length
        ? {
            type: 'table',
            columns: [t('mydata.col.ref'), t('mydata.col.job'), t('mydata.col.code'), t('mydata.col.start'), t('mydata.col.length'), t('mydata.col.note')],
            rows: d.timeEntries.map((e) => [e.deleted ? t('corrections.deleted-id', { id: e.id }) : e.ref, e.job, e.code, [{ time: e.start }], e.minutes === null ? t('mydata.running') : readerDuration(e.minutes), e.note ?? '']),
          }
        : { type: 'text', text: t('mydata.nothing') },
      { type: 'text', text: [{ bold: t('mydata.stored.approvals') }] },
      d.approvals.length
        ? {
            type: 'table',
            columns: [t('mydata.col.ref'), t('mydata.col.kind'), t('mydata.col.job'), t('mydata.col.you'), t('mydata.col.status'), t('mydata.col.when')],
            rows: d.approvals.map((a) => [a.ref, a.kind, a.job ?? '', a.role, a.status, [{ time: a.at }]]),
          }
        : { type: 'text', text: t('mydata.nothing') },
      { type: 'text', text: [{ bold: t('mydata.stored.steps') }] },
      {
        type: 'list',
        items: [
          ...d.ticks.map((k): Rich => [t('mydata.tick', { id: k.id, job: k.job, code: k.code, step: k.step }), { time: k.at }]),
          ...d.attachments.map((a): Rich => [t('mydata.attachment', { id: a.id, job: a.job, file: a.fileName }), { time: a.at }]),
        ].slice(0, 30),
      },
      ...(d.corrections.length ? [{ type: 'text' as const, text: [{ bold: t('mydata.stored.corrections') }] }, { type: 'list' as const, items: d.corrections.map((c) => `#${c.id} ${c.subject}: ${c.note} (${c.status}${c.resolution ? `: ${c.resolution}` : ''})`) }] : []),
    ],
    context: [t('mydata.footer-flag'), t('mydata.footer-nothing-else')],
  });
}

export const mydataCommand: Command = {
  name: 'mydata',
  get summary() {
    return t('mydata.summary');
  },
  get usage() {
    return usageLines('mydata.usage');
  },
  get example() {
    return t('mydata.example');
  },
  async run(ctx, args) {
    const [sub, ...rest] = args.words;
    switch (sub?.toLowerCase()) {
      case undefined:
      case 'show':
        return myDataCard(await myData(ctx), await personLangSource(ctx.db, ctx.actor.person, ctx.services.defaultLanguage));
      case 'export': {
        if (rest.length) throw new UsageError(t('errors-commands.mydata-export'));
        const data = await exportPerson(ctx, { person: requirePerson(ctx).id });
        return personExportCard(data, await writeExportFiles(ctx, data), true);
      }
      case 'flag': {
        const subject = parseSubject(rest[0]) ? rest[0] : undefined;
        const note = (subject ? rest.slice(1) : rest).join(' ');
        if (!note) throw new UsageError(t('mydata.say-what'));
        const v = await flagCorrection(ctx, { subject, note });
        return infoCard(t('mydata.flag-sent.title'), t('mydata.flag-sent', { id: v.row.id, team: v.row.teamId }), 'good');
      }
      case 'flags': {
        const list = await listCorrections(ctx);
        return list.length ? await Promise.all(list.map(async (v) => correctionCard(v, await flagCardButtons(ctx, v)))) : infoCard(t('mydata.no-flags.title'), t('mydata.no-flags'));
      }
      case 'fixed':
      case 'keep': {
        const id = Number(rest[0]?.replace(/^#/, ''));
        if (!Number.isInteger(id) || id <= 0) throw new UsageError(t('mydata.which-flag'));
        return correctionCard(await resolveCorrection(ctx, { id, outcome: sub.toLowerCase() === 'fixed' ? 'fixed' : 'rejected', note: rest.slice(1).join(' ') }));
      }
      default:
        throw new UsageError(t('common.unknown-sub', { command: 'mydata', sub }));
    }
  },
};
