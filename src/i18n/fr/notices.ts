import type { Translations } from '../catalog-types.js';
import type { notices as en } from '../en/notices.js';

const mailKind =
  '{kind, select, confirmation {la confirmation} departure {l’avis de départ} closing {le message de clôture} delay {l’avis de retard} quote {le devis} subcontract {la demande d’aide} invoice {l’e-mail de facture} credit_note {l’e-mail d’avoir} other {l’e-mail {kind}}}';

export const notices: Translations<typeof en> = {
  'notices.planned-unassigned.title': 'Visite planifiée sans personne à envoyer : {ref}',
  'notices.planned-unassigned.text': '{summary} à {site}. Aucune personne qualifiée n’est en poste ce jour-là ({why}). Attribuez-la depuis /queue.',
  'notices.planned-unassigned.offer': '{name} : {reason}',
  'notices.planned-unassigned.sep': ' ; ',
  'notices.planned-unassigned.no-technician': 'l’équipe {team} n’a aucun technicien',
  'notices.planned-over-cap.title': 'Visite planifiée au-delà du plafond du site : {ref}',
  'notices.planned-over-cap.text':
    '{name} à {site} le {date} ({contract}) serait la visite couverte n°{n} sur {visits} par {per} à {site} : au-delà du plafond. Elle est facturée au tarif de dépassement, sauf si une demande hors périmètre est approuvée ; déplacez-la ou annulez-la si le client le préfère.',
  'notices.approval-expired.title': 'Votre demande n°{id} a expiré',
  'notices.approval-expired.text': 'Personne n’a statué sur votre demande n°{id} ({kind}) en {after}. Refaites-la si elle est toujours nécessaire.',
  'notices.approval-decided.title': 'Votre demande n°{id} a été {status, select, approved {approuvée} other {refusée}}',
  'notices.approval-decided.text': '{by} a {status, select, approved {approuvé} other {refusé}} votre demande ({kind}) : {what}{reason}.{draft}',
  'notices.approval-decided.reason': ' ({reason})',
  'notices.approval-decided.quote-drafted': ' Un devis pour le client est rédigé (message n°{id}).',
  'notices.prepaid-low.title': 'Heures prépayées à {threshold} % ou moins : {contract}',
  'notices.prepaid-low.text':
    '{contract} : il reste {left} au forfait d’heures n°{bank} ({hours} de {codes}, du {from} au {until}), soit {share} %. Les heures au-delà du forfait sont facturées au tarif normal.',
  'notices.mail.what': `${mailKind} pour {about}`,
  'notices.mail.what-to': `${mailKind} pour {about} à {to}`,
  'notices.mail.failure':
    '{reason, select, refused {le serveur de messagerie l’a refusé ({detail})} settings {les réglages du serveur de messagerie sont faux ({detail})} pdf {impossible de produire le PDF de la facture : {detail}} other {{detail}}}',
  'notices.mail-failed.not-delivered.title': 'E-mail non remis : {about}',
  'notices.mail-failed.not-delivered.text':
    'Échec définitif de l’envoi{attempts, plural, =0 {} one { après # tentative} other { après # tentatives}} : {what} ({error}). Le message est conservé : renvoyez-le depuis sa carte ou avec /message send {id}.',
  'notices.mail-failed.delayed.title': 'E-mail retardé : {about}',
  'notices.mail-failed.delayed.text': 'Échec de l’envoi : {what} ({error}). Nouvel essai à {time} UTC (au plus {max} tentatives).',
  'notices.mail-refused.title': 'E-mail remis en partie : {about}',
  'notices.mail-refused.text':
    'Remise partielle : {what}. Destinataires atteints : {reached} ; refusés par le serveur de messagerie : {refused}. Vérifiez les contacts de {contract} (un avenant au contrat corrige une adresse).',
};
