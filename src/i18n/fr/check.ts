import type { Translations } from '../catalog-types.js';
import type { check as en } from '../en/check.js';

export const check: Translations<typeof en> = {
  'check.summary': 'Afficher la liste de contrôle d’une intervention (sécurité d’abord) et valider les étapes, avec une mesure si demandée',
  'check.usage': '/check <intervention> [code]\n/check <intervention> [code] <étape> [mesure, par ex. 0.4 mA]',
  'check.example': '/check J-1001 3 0.4 mA',
  'check.which-job': 'Quelle intervention ? /check J-1001',
  'check.not-a-step': '« {typed} » n’est pas un numéro d’étape.',
  'check.confirmed': '{code} étape {number} validée{reading, select, none {} other { : {reading}}}.',
};
