/** `/mydata export`, `/people export`: how many rows of each table name the person, and the two files. */
import type { ExportFiles } from '../../src/people/export-files.js';
import type { PersonExport } from '../../src/people/export-person.js';
import { basename } from 'node:path';
import { t } from '../../src/i18n/t.js';
import { card, type Card } from '../card.js';

export function personExportCard(data: PersonExport, files: ExportFiles, own: boolean): Card {
  const counts = Object.entries(data.tables).filter(([, rows]) => rows.length);
  return card('info', own ? t('mydata.export.own-title') : t('mydata.export.title', { name: data.person.name }), {
    tone: 'good',
    blocks: [
      { type: 'text', text: t('mydata.export.text', { own: own ? 'yes' : 'no', name: data.person.name, api: `GET /api/v1/people/${data.person.id}/export` }) },
      { type: 'table', columns: [t('mydata.export.col.table'), t('mydata.export.col.rows')], rows: counts.map(([table, rows]) => [table, String(rows.length)]), align: ['left', 'right'] },
      { type: 'file', name: basename(files.json), path: files.json, personal: true, elsewhere: `GET /api/v1/people/${data.person.id}/export` },
      { type: 'file', name: basename(files.csv), path: files.csv, personal: true, elsewhere: `GET /api/v1/people/${data.person.id}/export` },
    ],
    context: [t('mydata.export.note')],
    visibility: 'ephemeral',
  });
}
