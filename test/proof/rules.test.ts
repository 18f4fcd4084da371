/** The pure parts: file sniffing and limits, readings and signatures, step order, templates, redaction. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_PLACEHOLDERS } from '../../src/rules/contract-checks.js';
import { parseContractText } from '../../src/rules/contract-schema.js';
import { formatProblems } from '../../src/contracts/problem-text.js';
import type { Contract } from '../../src/rules/contract-types.js';
import { EXAMPLES_DIR } from '../../src/seed/demo.js';
import { defaultTemplate, placeholdersOf, redact, redactDeep, renderTemplate, siteTime } from '../../src/messages/template.js';
import { TEMPLATE_KINDS } from '../../src/rules/contract-types.js';
import { buildChecklist, displayOrder, waitsFor } from '../../src/proof/checklist.js';
import { checkFile, sniffType } from '../../src/proof/files.js';
import { parseReading, parseSignature } from '../../src/proof/tick-step.js';
import { pdfText as toPdfText, renderReportPdf } from '../../src/reports/pdf.js';
import { AppError } from '../../src/errors.js';
import { picture, pdfText } from './helpers.js';

function contract(file: string): Contract {
  const r = parseContractText(readFileSync(EXAMPLES_DIR + file, 'utf8'));
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.contract;
}
const stluke = contract('stluke-health.yaml');
const petra = contract('petra-oilgas.yaml');

describe('files', () => {
  it('knows a file by its bytes, not by its name or declared type', async () => {
    expect(sniffType(await picture('png'))).toBe('image/png');
    expect(sniffType(await picture('jpeg'))).toBe('image/jpeg');
    expect(sniffType(await picture('webp'))).toBe('image/webp');
    expect(sniffType(Buffer.from('GIF89a....'))).toBe('image/gif');
    expect(sniffType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffType(Buffer.from('MZ\x90\x00'))).toBeUndefined();
  });

  it('refuses empty, oversized and unknown files with what to do', () => {
    const refuse = (f: Parameters<typeof checkFile>[0], max = 1024) => {
      try {
        checkFile(f, max);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('accepted');
    };
    expect(refuse({ name: 'a.png', contentType: 'image/png', data: Buffer.alloc(0) }).message).toBe('a.png is empty; nothing was saved.');
    const big = refuse({ name: 'b.pdf', contentType: 'application/pdf', data: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(3 * 1024 * 1024)]) }, 2 * 1024 * 1024);
    expect(big.code).toBe('too_large');
    expect(big.message).toMatch(/^b\.pdf is 3 MB; the limit is 2 MB per file/);
    const svg = refuse({ name: 'logo.svg', contentType: 'image/svg+xml', data: Buffer.from('<svg/>') });
    expect(svg.code).toBe('invalid');
    expect(svg.message).toMatch(/logo\.svg \(sent as image\/svg\+xml\) is not an image or a PDF/);
  });
});

describe('readings and signatures', () => {
  it('reads a value with its unit, keeping the digits typed', () => {
    expect(parseReading('0.4 mA')).toEqual({ value: '0.4', unit: 'mA' });
    expect(parseReading('12 %LEL')).toEqual({ value: '12', unit: '%LEL' });
    expect(parseReading('0,25mA')).toEqual({ value: '0.25', unit: 'mA' });
    expect(parseReading('-3.5 °C')).toEqual({ value: '-3.5', unit: '°C' });
    expect(parseReading('0.4')).toBeUndefined();
    expect(parseReading('ok')).toBeUndefined();
    expect(parseReading('')).toBeUndefined();
  });

  it('reads a typed signature as name and role', () => {
    expect(parseSignature('Jane Roe, charge nurse')).toEqual({ name: 'Jane Roe', role: 'charge nurse' });
    expect(parseSignature('Jane Roe, RN, charge nurse')).toEqual({ name: 'Jane Roe', role: 'RN, charge nurse' });
    expect(parseSignature('Jane Roe')).toBeUndefined();
    expect(parseSignature(', nurse')).toBeUndefined();
  });
});

describe('step order', () => {
  it('shows safety first and gates each step on the required or safety steps before it', () => {
    const steps = petra.checklists['VALVE-SVC']!;
    const l = buildChecklist('VALVE-SVC', 'Valve service', steps, new Map());
    expect(l.steps.map((s) => s.number)).toEqual([1, 2, 3, 5, 4]);
    expect(waitsFor(steps, 4, new Set([0, 1, 2]))).toEqual([]);
    expect(waitsFor(steps, 4, new Set([0, 2]))).toEqual([2]);
    expect(displayOrder([{ safety: false, index: 0 }, { safety: true, index: 1 }]).map((s) => s.index)).toEqual([1, 0]);
  });
});

describe('templates and redaction', () => {
  it('renders every placeholder of the contract format, and a contract template uses only known ones', () => {
    const view = Object.fromEntries(
      [...new Set(KNOWN_PLACEHOLDERS.map((p) => p.split('.')[0]!))].map((k) => [k, Object.fromEntries(KNOWN_PLACEHOLDERS.filter((p) => p.startsWith(`${k}.`)).map((p) => [p.split('.')[1]!, `<${p}>`]))]),
    );
    const all = KNOWN_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ');
    const out = renderTemplate({ ...stluke, templates: { closing: all } }, 'closing', view);
    expect(out).toBe(KNOWN_PLACEHOLDERS.map((p) => `<${p}>`).join(' '));
    for (const c of [stluke, petra]) for (const t of Object.values(c.templates)) for (const p of placeholdersOf(t!)) expect(KNOWN_PLACEHOLDERS).toContain(p);
  });

  it('has its own wording for every template kind, in English and French, using known placeholders', () => {
    for (const kind of TEMPLATE_KINDS) {
      for (const locale of ['en-GB', 'fr-FR']) {
        const text = defaultTemplate(locale, kind);
        expect(placeholdersOf(text).size, `${kind} ${locale}`).toBeGreaterThan(0);
        for (const p of placeholdersOf(text)) expect(KNOWN_PLACEHOLDERS).toContain(p);
      }
    }
    expect(defaultTemplate('en-GB', 'credit_note')).toBe(
      'Hello {{contact.name}}, please find attached credit note {{creditNote.number}} correcting invoice {{creditNote.corrects}} of {{creditNote.correctsDate}}: {{creditNote.total}} including tax is credited to you ({{creditNote.reason}}). The PDF is a Factur-X e-invoice.',
    );
    expect(defaultTemplate('fr-FR', 'credit_note')).toMatch(/^Bonjour \{\{contact\.name\}\}, veuillez trouver ci-joint l’avoir \{\{creditNote\.number\}\} rectifiant la facture/);
  });

  it('shows site times with the zone name people use there', () => {
    expect(siteTime(new Date('2026-11-24T14:00:00Z'), 'America/Toronto')).toBe('Tue 24 Nov 2026 09:00 EST');
    expect(siteTime(new Date('2026-11-24T14:00:00Z'), 'Europe/Paris')).toBe('Tue 24 Nov 2026 15:00 CET');
    expect(siteTime(null, 'UTC')).toBe('to be confirmed');
  });

  it('redacts every string of a view model and nothing else; the input is untouched', () => {
    const at = new Date('2026-11-24T14:00:00Z');
    const model = { a: 'Patient: John Smith, MRN-12345678', list: ['MRN 7654321 ok', 3], at, nested: { n: 2, s: 'fine' } };
    const out = redactDeep(stluke, model);
    expect(out).toEqual({ a: 'patient: [redacted], [MRN redacted]', list: ['[MRN redacted] ok', 3], at, nested: { n: 2, s: 'fine' } });
    expect(model.a).toBe('Patient: John Smith, MRN-12345678');
    expect(redact(petra, 'Patient: John Smith')).toBe('Patient: John Smith');
  });

  it('draws PDF text only in the font it has, replacing what Helvetica cannot show', async () => {
    expect(toPdfText('Œuvre – 5 × 3 € → ok ✓ 日本')).toBe('Œuvre – 5 × 3 € -> ok v ??');
    const empty = { generatedAt: new Date(0), zone: 'UTC', contract: { id: 'X', version: 1, customer: 'Zoë & Co', currency: 'EUR' }, job: { ref: 'J-1', summary: 'é', priority: 'P1', status: 'closed', site: { id: 'S', name: 'Site', address: '' }, reportedAt: new Date(0) }, work: [], parts: [], lines: [], totals: { covered: 0, billable: 0, credits: 0 }, held: [], sla: { response: { text: 'Response: met.' }, restore: { text: 'Restore: met.' } }, checklists: [], missing: [], signatures: [], attachments: [], messages: [], placeholders: {} } as never;
    const text = await pdfText(await renderReportPdf(empty, new Map()));
    expect(text).toMatch(/Zoë & Co/);
    expect(text).toMatch(/No time or parts recorded on this job/);
  });
});
