import type { CorrectionView } from '../../src/proof/correction-view.js';
import { t } from '../../src/i18n/t.js';
import { card, type Card, type Rich } from '../card.js';

/** A flag as the dispatch channel sees it; rebuilt at delivery so it shows when it was handled. */
export function correctionCard(v: CorrectionView): Card {
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
          ...(open ? [] : [{ label: t('cards-correction.handled'), value: [t('cards-correction.handled-by', { status: r.status }), { bold: v.resolvedBy ?? t('cards-correction.someone') }, ...(r.resolvedAt ? [t('cards-correction.at'), { time: r.resolvedAt }] : []), r.resolution ? `: ${r.resolution}` : ''] as Rich }]),
        ],
      },
    ],
    context: open ? [t('cards-correction.how', { fixed: `/mydata fixed ${r.id} <what you changed>`, keep: `/mydata keep ${r.id} <why>` })] : [],
  });
}
