import type { Translations } from '../catalog-types.js';
import type { repliesCorrection as en } from '../en/replies-correction.js';

export const repliesCorrection: Translations<typeof en> = {
  'replies-correction.title': '{subject} sur {ref} {deleted, select, yes {supprimé} other {corrigé}}',
  'replies-correction.reason': 'Raison',
  'replies-correction.adjust': '{invoice} reste telle qu’émise ; la prochaine facture {sign, select, charges {facture} other {rembourse}} {amount} en régularisation.',
  'replies-correction.audited': 'Audité avec les anciennes et les nouvelles valeurs.',
  'replies-correction.was': 'Avant : ',
  'replies-correction.to': ' à ',
  'replies-correction.now': ' ({old}), maintenant ',
  'replies-correction.new-duration': ' ({minutes})',
  'replies-correction.code': 'Code : {old} avant, {new} maintenant',
  'replies-correction.note': 'Note : « {old} » avant, « {new} » maintenant',
  'replies-correction.deleted-time': '{code}{travel, select, yes { (trajet)} other {}} de {name, select, none {quelqu’un} other {{name}}} : ',
  'replies-correction.removed': ' ({duration}) supprimé',
  'replies-correction.part-removed': '{qty} × {sku} supprimé',
  'replies-correction.part-changed': 'Avant : {oldQty} × {oldSku}, maintenant {qty} × {sku}',
};
