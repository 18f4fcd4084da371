import type { Translations } from '../catalog-types.js';
import type { help as en } from '../en/help.js';

export const help: Translations<typeof en> = {
  'help.summary': 'Lister toutes les commandes avec un exemple',
  'help.usage': '/help [commande]',
  'help.example': '/help job',
  'help.title': 'Commandes',
  'help.col.command': 'Commande',
  'help.col.what': 'Ce qu’elle fait',
  'help.col.example': 'Exemple',
  'help.footer': 'Les identifiants ignorent la casse. Mettez entre guillemets un texte avec des espaces : "courroie remplacée".',
  'help.example-label': 'Exemple : ',
};
