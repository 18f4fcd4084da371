import type { Translations } from '../catalog-types.js';
import type { repliesChat as en } from '../en/replies-chat.js';

export const repliesChat: Translations<typeof en> = {
  'replies-chat.who-are-you': 'Qui êtes-vous ?',
  'replies-chat.slack-stranger': '{email, select, none {Je ne vous connais pas encore : demandez à un administrateur de vous ajouter avec votre e-mail professionnel (Slack ne l’a pas communiqué au bot).} other {Je ne vous connais pas encore : demandez à un administrateur de vous ajouter (votre e-mail Slack est {email}).}}',
  'replies-chat.terminal-only-title': 'Terminal seulement',
  'replies-chat.terminal-only': '/{name} n’existe que dans le chat du terminal.',
  'replies-chat.replayed': 'Cette même demande {command} a déjà été traitée{answered, select, yes { (réponse : {outcome})} other {}} ; elle n’a pas été exécutée une seconde fois.',
  'replies-chat.stranger-title': 'Je ne vous connais pas encore',
  'replies-chat.stranger': '{email, select, none {Demandez à un administrateur de vous ajouter à contract-ops ; les personnes sont reconnues à leur adresse e-mail. Rien n’a été fait.} other {Demandez à un administrateur de vous ajouter à contract-ops avec l’e-mail {email} ; les personnes sont reconnues à leur adresse e-mail. Rien n’a été fait.}}',
  'replies-chat.hello-title': 'Bonjour de la part de contract-ops',
  'replies-chat.hello':
    'Je transforme vos contrats de service en règles vivantes : interventions, délais SLA, alertes et approbations. Tapez « help » pour voir ce que je sais faire{personal, select, yes {} other { (mentionnez-moi d’abord dans un canal)}}.',
  'replies-chat.answered-privately': '{name, select, none {Je vous ai répondu dans notre conversation privée.} other {{name}, je vous ai répondu dans notre conversation privée.}}',
  'replies-chat.not-mine': 'Cette carte ne vient pas de moi.',
  'replies-chat.card-gone': 'Cette carte n’est plus disponible.',
  'replies-chat.not-my-button': 'Ce bouton ne vient pas de moi ; rien n’a été fait.',
  'replies-chat.click-unreadable': 'Ce clic n’a pas pu être lu ; rien n’a été fait.',
  'replies-chat.done': 'C’est fait.',
  'replies-chat.form-late-title': 'Le formulaire ne s’est pas ouvert à temps',
  'replies-chat.form-late':
    'Slack laisse 3 secondes au bot pour ouvrir un formulaire après un clic, et celui-ci a pris plus de temps (bot occupé ou réseau lent). Rien n’a changé : appuyez de nouveau sur le bouton.',
  'replies-chat.give-reason': 'Indiquez une raison.',
  'replies-chat.send-command-title': 'Envoyez-moi une commande',
  'replies-chat.send-command':
    'Tapez une commande ici (par exemple « job list mine »), ou envoyez un fichier avec la commande en message : « attach J-1001 », « contract amend ACME-HVAC 2026-12-01 nouveaux tarifs ». /help les liste toutes.',
  'replies-chat.submit': 'Valider',
  'replies-chat.save': 'Enregistrer',
  'replies-chat.cancel': 'Annuler',
  'replies-chat.close': 'Fermer',
  'replies-chat.loading': 'Chargement…',
  'replies-chat.sorry': 'Désolé',
  'replies-chat.required': 'Ce champ ne peut pas être vide.',
  'replies-chat.too-long-for-slack': '{label} dépasse les {max, number} caractères que peut contenir un champ Slack ; modifiez-le plutôt par une commande (/message edit).',
  'replies-chat.other-workspace': 'Cette application sert un autre espace de travail Slack ; rien n’a été fait.',
};
