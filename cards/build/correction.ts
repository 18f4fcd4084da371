import type { CorrectionView } from '../../src/proof/correction-view.js';
import { card, type Card, type Rich } from '../card.js';

/** A flag as the dispatch channel sees it; rebuilt at delivery so it shows when it was handled. */
export function correctionCard(v: CorrectionView): Card {
  const r = v.row;
  const open = r.status === 'open';
  return card('info', `${open ? 'Correction asked' : r.status === 'fixed' ? 'Corrected' : 'Kept as is'}: #${r.id} from ${v.person}`, {
    tone: open ? 'warning' : 'good',
    visibility: 'channel',
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: 'Record', value: r.subjectId ?? 'described in the note' },
          ...(v.job ? [{ label: 'Job', value: v.job }] : []),
          { label: 'What is wrong', value: r.note },
          ...(open ? [] : [{ label: 'Handled', value: [`${r.status} by `, { bold: v.resolvedBy ?? 'someone' }, ...(r.resolvedAt ? [' at ', { time: r.resolvedAt }] : []), r.resolution ? `: ${r.resolution}` : ''] as Rich }]),
        ],
      },
    ],
    context: open ? [`Correct the record, then: /mydata fixed ${r.id} <what you changed>, or /mydata keep ${r.id} <why>`] : [],
  });
}
