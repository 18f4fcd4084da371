/** `/mydata export`, `/people export`: how many rows of each table name the person, and the two files. */
import type { ExportFiles } from '../../src/people/export-files.js';
import type { PersonExport } from '../../src/people/export-person.js';
import { basename } from 'node:path';
import { card, type Card } from '../card.js';

export function personExportCard(data: PersonExport, files: ExportFiles, own: boolean): Card {
  const counts = Object.entries(data.tables).filter(([, rows]) => rows.length);
  return card('info', own ? 'Your data export' : `Data export: ${data.person.name}`, {
    tone: 'good',
    blocks: [
      { type: 'text', text: `Everything contract-ops holds about ${own ? 'you' : data.person.name}, as JSON and CSV (the same content as GET /api/v1/people/${data.person.id}/export).` },
      { type: 'table', columns: ['Table', 'Rows'], rows: counts.map(([t, rows]) => [t, String(rows.length)]), align: ['left', 'right'] },
      { type: 'file', name: basename(files.json), path: files.json, personal: true, elsewhere: `GET /api/v1/people/${data.person.id}/export` },
      { type: 'file', name: basename(files.csv), path: files.csv, personal: true, elsewhere: `GET /api/v1/people/${data.person.id}/export` },
    ],
    context: ['No locations are stored. Text the contracts redact is redacted in these files too.'],
    visibility: 'ephemeral',
  });
}
