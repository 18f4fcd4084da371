import type { CorrectionView } from '../../src/proof/correction-view.js';
import { t } from '../../src/i18n/t.js';
import { encodeAction } from '../action-ids.js';
import { card, type Card, type CardAction, type Rich } from '../card.js';
import { entryDeleteForm, entryEditForm, type EntryFormView } from './entry-correction.js';

/**
 * The buttons of an open flag: on a time entry, Fix (its edit form) and Delete (a reason), both
 * with the flag's text as the reason to start from; on any other record, Mark fixed; always Decline.
 */
function flagActions(v: CorrectionView, secret: string, entry: EntryFormView | undefined): CardAction[] {
  const r = v.row;
  const subject = r.subjectId ?? '';
  const fix: CardAction[] = entry && !entry.deleted
    ? [
        { id: encodeAction({ t: 'flag', flag: r.id, act: 'edit' }, secret), label: t('corrections.flag.fix', { subject }), style: 'primary', form: entryEditForm(entry, r.note) },
        { id: encodeAction({ t: 'flag', flag: r.id, act: 'delete' }, secret), label: t('corrections.flag.delete', { subject }), style: 'danger', form: entryDeleteForm(entry, r.note) },
      ]
    : [{ id: encodeAction({ t: 'flag', flag: r.id, act: 'fixed' }, secret), label: t('corrections.flag.fixed'), style: 'primary', reason: { label: t('corrections.flag.fixed-reason'), required: false } }];
  return [...fix, { id: encodeAction({ t: 'flag', flag: r.id, act: 'decline' }, secret), label: t('corrections.flag.decline'), reason: { label: t('corrections.flag.decline-reason'), required: true } }];
}

/**
 * A flag as the dispatch channel sees it; rebuilt at delivery so it shows when it was handled.
 * With `buttons`, an open flag carries its Fix and Decline buttons (`entry`: the flagged time entry).
 */
export function correctionCard(v: CorrectionView, buttons?: { secret: string; entry?: EntryFormView }): Card {
  const r = v.row;
  const open = r.status === 'open';
  return card('info', t('cards-correction.title', { status: r.status, id: r.id, person: v.person }), {
    tone: open ? 'warning' : 'good',
    visibility: 'channel',
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: t('cards-correction.record'), value: r.subjectId ?? t('cards-correction.record-in-note') },
          ...(v.job ? [{ label: t('cards-correction.job'), value: v.job }] : []),
          { label: t('cards-correction.wrong'), value: r.note },
          ...(open ? [] : [{ label: t('cards-correction.handled'), value: [t('cards-correction.handled-by', { status: r.status }), { bold: v.resolvedBy ?? t('cards-correction.someone') }, ...(r.resolvedAt ? [t('cards-correction.at'), { time: r.resolvedAt }] : []), r.resolution ? t('common.detail', { text: r.resolution }) : ''] as Rich }]),
        ],
      },
    ],
    ...(open && buttons ? { actions: flagActions(v, buttons.secret, buttons.entry) } : {}),
    context: open ? [t('cards-correction.how', { id: r.id })] : [],
  });
}

/** What the person who flagged a record is told once a dispatcher has handled it. */
export function correctionOutcomeCard(v: CorrectionView, change: string | undefined): Card {
  const r = v.row;
  const text = t('corrections.outcome.text', {
    outcome: r.status,
    change: change ?? 'other',
    who: v.resolvedBy ?? t('corrections.someone'),
    subject: r.subjectId ?? t('corrections.outcome.record'),
    note: r.note,
  });
  return card('info', t('corrections.outcome.title', { outcome: r.status, id: r.id }), {
    tone: r.status === 'fixed' ? 'good' : 'info',
    visibility: 'channel',
    blocks: [{ type: 'text', text }, ...(r.resolution ? [{ type: 'text' as const, text: t('corrections.outcome.reason', { reason: r.resolution }) }] : [])],
  });
}
