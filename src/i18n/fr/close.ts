import type { Translations } from '../catalog-types.js';
import type { close as en } from '../en/close.js';

export const close: Translations<typeof en> = {
  'close.summary': 'Clôturer une intervention (en la résolvant d’abord si besoin) et publier son rapport de clôture ; --preview montre seulement le rapport',
  'close.usage': '/close <intervention> [--preview]',
  'close.example': '/close J-1001',
  'close.which-job': 'Quelle intervention ? /close J-1001',
  'close.title': '{preview, select, yes {Aperçu du rapport} other {Rapport de clôture}} {ref}{earlier, select, yes { (clôturée plus tôt)} other {}}',
};
