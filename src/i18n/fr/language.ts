import type { Translations } from '../catalog-types.js';
import type { language as en } from '../en/language.js';

export const language: Translations<typeof en> = {
  'language.summary': 'Choisir la langue dans laquelle le bot vous écrit : anglais ou français',
  'language.usage': '/language <en|fr>\n/language\n/team language <équipe> <en|fr> (administrateurs)',
  'language.example': '/language fr',
  'language.title': 'Langue',
  'language.set': 'Désormais le bot vous écrit en {lang, select, fr {français} other {anglais}}. /help liste les commandes dans cette langue.',
  'language.shown':
    'Le bot vous écrit en {lang, select, fr {français} other {anglais}}{source, select, own {, votre réglage (de votre messagerie ou de /language)} team {, la langue de votre équipe} other {, la langue par défaut du déploiement}}. Changez-la avec /language en ou /language fr.',
  'language.unknown': '« {typed} » n’est pas une langue que le bot parle ; utilisez {langs}.',
  'language.name': '{lang, select, fr {français} other {anglais}}',
  'language.team-set': 'Les messages du canal de {team}, et ses membres qui n’ont pas choisi de langue, sont en {lang, select, fr {français} other {anglais}} désormais.',
  'language.team-which': 'Quelle langue ? /team language hvac-paris fr',
};
