/**
 * A job's checklist: safety steps first, one button per step that can be confirmed now (in order,
 * so safety steps are confirmed one by one), readings and signatures asked for in the button's
 * prompt, photos sent with /attach. Out-of-scope checklists are not listed; asking for one offers
 * the out-of-scope request instead.
 */
import type { ChecklistView } from '../../src/proof/show-checklist.js';
import type { CodeChecklist, StepState } from '../../src/proof/checklist.js';
import { t } from '../../src/i18n/t.js';
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
  if (p.kind === 'reading') return t('cards-checklist.reading', { value: p.value, unit: p.unit });
  if (p.kind === 'signature') {
    if (!p.attachmentId) return t('cards-checklist.signed', { name: p.name, role: p.role });
    return t('cards-checklist.signed-with', { name: p.name, role: p.role, file: files.get(p.attachmentId) ?? t('cards-checklist.an-image') });
  }
  return t('cards-checklist.photo', { file: files.get(p.attachmentId) ?? `#${p.attachmentId}` });
}

function stepItem(s: StepState, files: Map<number, string>): Rich {
  const tags = [s.safety ? t('cards-checklist.tag.safety') : '', t(s.required ? 'cards-checklist.tag.required' : 'cards-checklist.tag.optional'), s.proof ? t('cards-checklist.proof', { proof: s.proof }) : ''].filter(Boolean).join(', ');
  if (s.tick) return [`[x] ${s.number}. ${s.step} (${tags}): `, { bold: s.tick.personName }, ' ', { time: s.tick.at, style: 'time' }, proofOf(s, files)];
  if (s.waitsFor.length) return `[ ] ${s.number}. ${s.step} (${tags}): ${t('cards-checklist.after-steps', { n: s.waitsFor.length, steps: s.waitsFor.join(', ') })}`;
  return [`[ ] ${s.number}. ${s.step} (${tags}): `, { bold: t('cards-checklist.next') }];
}

function actionFor(v: ChecklistView, l: CodeChecklist, s: StepState, secret: string): CardAction | undefined {
  const id = encodeAction({ t: 'tick', job: v.job.id, code: l.code, step: s.index }, secret);
  const label = `${s.number}. ${short(s.step)}`;
  switch (s.proof) {
    case 'reading':
      return { id, label: t('cards-checklist.record-reading', { step: label }), style: s.safety ? 'primary' : 'default', reason: { label: t('cards-checklist.reading-prompt', { step: short(s.step, 60) }), required: true } };
    case 'signature':
      return { id, label: t('cards-checklist.sign', { step: label }), style: 'primary', reason: { label: t('cards-checklist.signer-prompt'), required: true } };
    case 'photo':
      return undefined;
    default:
      return { id, label: t('cards-checklist.confirm', { step: label }), style: s.safety ? 'primary' : 'default' };
  }
}

export function checklistCard(v: ChecklistView, secret: string, opts: { done?: string } = {}): Card {
  const files = new Map(v.attachments.map((a) => [a.id, a.fileName]));
  const blocks: Block[] = [];
  const actions: CardAction[] = [];
  if (opts.done) blocks.push({ type: 'text', text: [{ bold: opts.done }] });
  if (v.phoneLink) blocks.push({ type: 'text', text: [{ link: v.phoneLink, text: t('cards-checklist.phone') }, t('cards-checklist.offline')] });
  for (const l of v.lists) {
    blocks.push({ type: 'text', text: [{ bold: t('common.pair', { a: l.code, b: l.name }) }, l.steps.some((s) => s.safety) ? t('cards-checklist.safety-first') : ''] });
    blocks.push({ type: 'list', items: l.steps.map((s) => stepItem(s, files)) });
    for (const s of l.steps) {
      if (s.tick || s.waitsFor.length) continue;
      if (s.proof === 'photo') {
        blocks.push({ type: 'text', text: [t('cards-checklist.step'), { bold: String(s.number) }, t('cards-checklist.needs-photo'), { code: `/attach ${v.job.ref} ${l.code} ${s.number}` }] });
        continue;
      }
      const a = actionFor(v, l, s, secret);
      if (a && actions.length < MAX_BUTTONS) actions.push(a);
    }
  }
  for (const o of v.outOfScope) {
    blocks.push({ type: 'text', text: [{ bold: o.code }, t('cards-checklist.out-of-scope', { name: o.name, contract: v.contract.id, ref: v.job.ref })] });
    if (actions.length < MAX_BUTTONS) {
      actions.push({ id: encodeAction({ t: 'oos', job: v.job.id, code: o.code, minutes: 60 }, secret), label: t('cards-checklist.ask-approval', { unit: o.unit, code: o.code }), reason: { label: t('cards-checklist.why-needed'), required: true } });
    }
  }
  if (!v.lists.length && !v.outOfScope.length) {
    const known = Object.keys(v.contract.checklists);
    blocks.push({
      type: 'text',
      text: known.length
        ? t('cards-checklist.none-matching', { ref: v.job.ref, contract: v.contract.id, known: known.join(', '), codes: v.codes.join(', ') || t('cards-checklist.none-yet') })
        : t('cards-checklist.none-defined', { ref: v.job.ref, contract: v.contract.id }),
    });
  }
  if (v.attachments.length) {
    blocks.push({ type: 'text', text: [{ bold: t('cards-checklist.files') }] });
    blocks.push({ type: 'list', items: v.attachments.slice(-10).map((a) => t('cards-checklist.file', { name: a.fileName, kind: a.kind, kb: Math.max(1, Math.round(a.size / 1024)) })) });
  }
  const missing = v.lists.flatMap((l) => l.steps.filter((s) => s.required && !s.tick));
  const total = v.lists.reduce((n, l) => n + l.steps.length, 0);
  const done = v.lists.reduce((n, l) => n + l.steps.filter((s) => s.tick).length, 0);
  return card('checklist', t('cards-checklist.title', { ref: v.job.ref, summary: v.job.summary }), {
    subtitle: t('cards-checklist.progress', { done, total }),
    tone: missing.length ? undefined : v.lists.length ? 'good' : undefined,
    zone: v.zone,
    blocks,
    actions,
    context: [
      missing.length ? t('cards-checklist.missing', { n: missing.length, ref: v.job.ref }) : v.lists.length ? t('cards-checklist.all-done') : '',
      t('cards-checklist.how', { ref: v.job.ref }),
    ].filter(Boolean),
  });
}
