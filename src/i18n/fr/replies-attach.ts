import type { Translations } from '../catalog-types.js';
import type { repliesAttach as en } from '../en/replies-attach.js';

export const repliesAttach: Translations<typeof en> = {
  'replies-attach.step-confirmed': '{code} étape {number} confirmée avec {file}.',
  'replies-attach.step-signed': '{code} étape {number} signée par {signer}.',
  'replies-attach.signer': '{name} ({role})',
  'replies-attach.the-signer': 'le signataire',
  'replies-attach.title': 'Joint à {job}',
  'replies-attach.file': '{name} : {kind}, {type}, {kb} Ko, sha256 {sha}…',
  'replies-attach.where': 'Ils apparaissent dans /check {job} et dans le rapport de clôture.',
};
