import type { Translations } from '../catalog-types.js';
import type { fieldSign as en } from '../en/field-sign.js';

export const fieldSign: Translations<typeof en> = {
  'field-sign.title': 'Signature {ref}',
  'field-sign.step': 'Étape à signer',
  'field-sign.option': '{code} étape {n} : {step}',
  'field-sign.name': 'Nom du signataire',
  'field-sign.role': 'Fonction du signataire',
  'field-sign.role-hint': 'responsable de site, infirmier·ère en chef',
  'field-sign.signature': 'Signature',
  'field-sign.clear': 'Effacer',
  'field-sign.sign': 'Signer',
  'field-sign.sign-first': 'Signez d’abord dans le cadre.',
  'field-sign.none': 'Aucune étape de signature n’attend sur {ref}{why}.',
  'field-sign.none-why': ' : les étapes précédentes d’abord, ou elle est déjà signée',
  'field-sign.done': '{code} étape {n} signée par {name} ({role}) le {at}{sha}.',
  'field-sign.sha': ' ; SHA-256 {sha}',
};
