/** Pourquoi un import refuse une ligne une fois son fichier lu, et ses remarques sur un contrat. */
import type { Translations } from '../catalog-types.js';
import type { importRows as English } from '../en/import-rows.js';

export const importRows: Translations<typeof English> = {
  'import-rows.cell': '{column}\u00a0: {why}',
  'import-rows.quoted': '«\u202f{text}\u202f»',
  'import-rows.not-amount': '«\u202f{cell}\u202f» n’est pas un montant (écrivez 85.00 ou 85,00)',
  'import-rows.negative': '«\u202f{cell}\u202f» est négatif\u202f; un prix vaut 0 ou plus',
  'import-rows.too-many-decimals':
    '«\u202f{cell}\u202f» a plus de 2 décimales{whole, select, none {} other { (un seul «\u202f,\u202f» ou «\u202f.\u202f» est lu comme séparateur décimal\u202f; écrivez {whole} pour le nombre entier)}}',
  'import-rows.too-large': '«\u202f{cell}\u202f» est trop grand',
  'import-rows.not-number': '«\u202f{cell}\u202f» n’est pas un nombre',
  'import-rows.not-whole': '«\u202f{cell}\u202f» doit être un nombre entier',
  'import-rows.below-min': '«\u202f{cell}\u202f» doit être {inclusive, select, no {supérieur à} other {au moins}} {min}',
  'import-rows.not-bool': '«\u202f{cell}\u202f» n’est ni oui ni non (écrivez oui ou non, true ou false)',
  'import-rows.not-duration': '«\u202f{cell}\u202f» n’est pas une durée (écrivez 15m, 2h, 1h30m ou 1:30)',
  'import-rows.not-positive-duration': '«\u202f{cell}\u202f» doit durer plus de {zero}',
  'import-rows.date-ambiguous': '«\u202f{cell}\u202f» peut être le {first} ou le {second}\u202f; écrivez la date en AAAA-MM-JJ',
  'import-rows.not-date': '«\u202f{cell}\u202f» n’est pas une date (écrivez AAAA-MM-JJ, comme 2026-12-31)',
  'import-rows.not-real-date': '«\u202f{cell}\u202f» n’est pas une date qui existe',
  'import-rows.not-id': '«\u202f{cell}\u202f» n’est pas un identifiant (lettres, chiffres, «\u202f-\u202f», «\u202f_\u202f» ou «\u202f.\u202f», comme HVAC-LAB)',
  'import-rows.not-one-of': '«\u202f{cell}\u202f» doit être l’une de ces valeurs\u00a0: {values}',
  'import-rows.not-zone': '«\u202f{cell}\u202f» n’est pas un fuseau horaire (écrivez un nom IANA comme Europe/Paris)',
  'import-rows.not-currency': '«\u202f{cell}\u202f» n’est pas un code de devise comme EUR',
  'import-rows.not-team-id': '«\u202f{cell}\u202f» n’est pas un identifiant d’équipe (sans espaces)',
  'import-rows.required':
    '{noun, select, code {est obligatoire pour un nouveau code} site {est obligatoire pour un nouveau site} part {est obligatoire pour une nouvelle pièce} contract {est obligatoire pour un nouveau contrat} other {est obligatoire pour une nouvelle personne}}{absent, select, yes { (le fichier n’a pas cette colonne)} other {}}',
  'import-rows.cap-per': 'indiquez month, quarter ou year pour les visites couvertes',
  'import-rows.contract-twice': 'le contrat {id} figure déjà ligne {line}',
  'import-rows.contract-created-by': 'le contrat {id} est déjà créé par {file} ligne {line}',
  'import-rows.needs-template':
    'le contrat {id} est nouveau\u00a0: donnez un modèle (un contrat existant dont il reprend les calendriers, le SLA et les tarifs)',
  'import-rows.no-contract': 'aucun contrat {id}{near, select, none {} other { (vouliez-vous dire {near}\u202f?)}}',
  'import-rows.add-contract': '{missing}\u202f; ajoutez-le avec un fichier de contrats dans le même import',
  'import-rows.item-twice': '{contract} {key} figure déjà ligne {line}',
  'import-rows.no-sites':
    'le contrat {id} est nouveau et n’a aucun site\u00a0: importez avec lui un fichier de sites (contract, id, name, address)',
  'import-rows.effective-before':
    '{id}\u00a0: la date d’effet {date} précède celle de la version {version} ({current})\u202f; un avenant ne remonte pas dans le temps',
  'import-rows.not-email': '«\u202f{cell}\u202f» n’est pas une adresse e-mail',
  'import-rows.email-twice': '{email} figure déjà ligne {line}',
  'import-rows.not-roles': '{n, plural, one {{roles} n’est pas un rôle} other {{roles} ne sont pas des rôles}}\u202f; les rôles sont {known}',
  'import-rows.no-team': 'aucune équipe «\u202f{team}\u202f»{near, select, none {} other { (vouliez-vous dire {near}\u202f?)}}',
  'import-rows.has-spaces': '«\u202f{cell}\u202f» contient des espaces',
  'import-rows.chat-id-twice': '{id} est aussi celui de {email} (ligne {line})',
  'import-rows.chat-id-taken': '{id} appartient déjà à {name} <{email}>',
  'import-rows.not-skill': '«\u202f{text}\u202f» n’est pas une compétence\u202f; écrivez biomed ou biomed:2027-06-30 (dernier jour de validité)',
  'import-rows.last-admin': 'cet import ne laisserait aucun administrateur actif\u202f; gardez le rôle admin à quelqu’un',
  'import-rows.note-template-ignored':
    '{id}\u00a0: modèle {template} ignoré\u202f; le contrat existe, ses propres conditions sont donc le point de départ',
  'import-rows.note-from-template':
    '{id}\u00a0: nouveau contrat d’après le modèle {template}\u00a0: calendriers, SLA, tarifs, pièces, majorations, approbations, listes de contrôle et modèles de messages copiés\u202f; contacts, sites, visites récurrentes, heures prépayées et garanties ne le sont pas',
};
