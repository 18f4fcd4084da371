/**
 * A job's checklist: safety steps first, one button per step that can be confirmed now (in order,
 * so safety steps are confirmed one by one), readings and signatures asked for in the button's
 * prompt, photos sent with /attach. Out-of-scope checklists are not listed; asking for one offers
 * the out-of-scope request instead.
 */
import type { ChecklistView } from '../../src/proof/show-checklist.js';
import type { CodeChecklist, StepState } from '../../src/proof/checklist.js';
import { encodeAction } from '../action-ids.js';
import { card, type Block, type Card, type CardAction, type Rich } from '../card.js';

/** Slack shows at most 25 buttons a block; a phone screen far fewer. The next steps are what matter. */
const MAX_BUTTONS = 5;

function short(s: string, n = 40): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function proofOf(s: StepState, files: Map<number, string>): string {
  const p = s.tick?.proof;
  if (!p) return '';
  if (p.kind === 'reading') return `, reading ${p.value} ${p.unit}`;
  if (p.kind === 'signature') return `, signed by ${p.name} (${p.role})${p.attachmentId ? ` with ${files.get(p.attachmentId) ?? 'an image'}` : ''}`;
  return `, photo ${files.get(p.attachmentId) ?? `#${p.attachmentId}`}`;
}

function stepItem(s: StepState, files: Map<number, string>): Rich {
  const tags = [s.safety ? 'safety' : '', s.required ? 'required' : 'optional', s.proof ?? ''].filter(Boolean).join(', ');
  if (s.tick) return [`[x] ${s.number}. ${s.step} (${tags}): `, { bold: s.tick.personName }, ' ', { time: s.tick.at, style: 'time' }, proofOf(s, files)];
  if (s.waitsFor.length) return `[ ] ${s.number}. ${s.step} (${tags}): after step${s.waitsFor.length > 1 ? 's' : ''} ${s.waitsFor.join(', ')}`;
  return [`[ ] ${s.number}. ${s.step} (${tags}): `, { bold: 'next' }];
}

function actionFor(v: ChecklistView, l: CodeChecklist, s: StepState, secret: string): CardAction | undefined {
  const id = encodeAction({ t: 'tick', job: v.job.id, code: l.code, step: s.index }, secret);
  const label = `${s.number}. ${short(s.step)}`;
  switch (s.proof) {
    case 'reading':
      return { id, label: `Record reading: ${label}`, style: s.safety ? 'primary' : 'default', reason: { label: `${short(s.step, 60)}: value and unit, e.g. 0.4 mA`, required: true } };
    case 'signature':
      return { id, label: `Sign: ${label}`, style: 'primary', reason: { label: "Signer's name, role (e.g. Jane Roe, charge nurse)", required: true } };
    case 'photo':
      return undefined;
    default:
      return { id, label: `Confirm ${label}`, style: s.safety ? 'primary' : 'default' };
  }
}

export function checklistCard(v: ChecklistView, secret: string, opts: { done?: string } = {}): Card {
  const files = new Map(v.attachments.map((a) => [a.id, a.fileName]));
  const blocks: Block[] = [];
  const actions: CardAction[] = [];
  if (opts.done) blocks.push({ type: 'text', text: [{ bold: opts.done }] });
  if (v.phoneLink) blocks.push({ type: 'text', text: [{ link: v.phoneLink, text: 'Open this checklist on your phone' }, ' (works offline once opened)'] });
  for (const l of v.lists) {
    blocks.push({ type: 'text', text: [{ bold: `${l.code}: ${l.name}` }, l.steps.some((s) => s.safety) ? ' (safety steps first, one by one, in order)' : ''] });
    blocks.push({ type: 'list', items: l.steps.map((s) => stepItem(s, files)) });
    for (const s of l.steps) {
      if (s.tick || s.waitsFor.length) continue;
      if (s.proof === 'photo') {
        blocks.push({ type: 'text', text: ['Step ', { bold: String(s.number) }, ' needs a photo: send it with ', { code: `/attach ${v.job.ref} ${l.code} ${s.number}` }] });
        continue;
      }
      const a = actionFor(v, l, s, secret);
      if (a && actions.length < MAX_BUTTONS) actions.push(a);
    }
  }
  for (const o of v.outOfScope) {
    blocks.push({ type: 'text', text: [{ bold: o.code }, ` (${o.name}) is outside ${v.contract.id}'s scope: its steps come on this list once an out-of-scope request for ${v.job.ref} is approved.`] });
    if (actions.length < MAX_BUTTONS) {
      actions.push({ id: encodeAction({ t: 'oos', job: v.job.id, code: o.code, minutes: 60 }, secret), label: `Ask approval: 1 ${o.unit} of ${o.code}`, reason: { label: 'Why is this work needed?', required: true } });
    }
  }
  if (!v.lists.length && !v.outOfScope.length) {
    const known = Object.keys(v.contract.checklists);
    blocks.push({ type: 'text', text: `${v.job.ref} has no checklist: ${known.length ? `${v.contract.id} has checklists for ${known.join(', ')}, none of them among this job's task codes (${v.codes.join(', ') || 'none yet'}).` : `${v.contract.id} defines no checklists.`}` });
  }
  if (v.attachments.length) {
    blocks.push({ type: 'text', text: [{ bold: 'Files' }] });
    blocks.push({ type: 'list', items: v.attachments.slice(-10).map((a) => `${a.fileName} (${a.kind}, ${Math.max(1, Math.round(a.size / 1024))} KB)`) });
  }
  const missing = v.lists.flatMap((l) => l.steps.filter((s) => s.required && !s.tick));
  const total = v.lists.reduce((n, l) => n + l.steps.length, 0);
  const done = v.lists.reduce((n, l) => n + l.steps.filter((s) => s.tick).length, 0);
  return card('checklist', `Checklist ${v.job.ref}: ${v.job.summary}`, {
    subtitle: `${done} of ${total} steps done`,
    tone: missing.length ? undefined : v.lists.length ? 'good' : undefined,
    zone: v.zone,
    blocks,
    actions,
    context: [
      missing.length ? `${missing.length} required step${missing.length > 1 ? 's' : ''} still open: ${v.job.ref} cannot be resolved or closed until done.` : v.lists.length ? 'All required steps are done.' : '',
      `Readings: /check ${v.job.ref} <step> <value unit>. Signatures: /sign ${v.job.ref} <step> <name>, <role>.`,
    ].filter(Boolean),
  });
}
