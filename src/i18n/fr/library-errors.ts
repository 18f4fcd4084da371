/**
 * Ce que dit un lecteur (YAML, JSON, modèles, CSV, expressions régulières, règles de récurrence)
 * quand il refuse un texte ; `*.other` cite ses propres mots.
 */
import type { Translations } from '../catalog-types.js';
import type { libraryErrors as English } from '../en/library-errors.js';

export const libraryErrors: Translations<typeof English> = {
  'library-errors.yaml.no-colon': 'une clé doit être suivie d’un deux-points et de sa valeur',
  'library-errors.yaml.quote-not-closed': 'une valeur entre guillemets n’est jamais fermée (il manque un {quote})',
  'library-errors.yaml.flow-comma': "il manque une virgule entre deux éléments {flow, select, map {d’un bloc '{ … }'} other {d’une liste [ … ]}}",
  'library-errors.yaml.flow-colon-space': "il manque une espace après un deux-points dans {flow, select, map {un bloc '{ … }'} other {une liste [ … ]}}",
  'library-errors.yaml.flow-not-closed':
    "{flow, select, map {un bloc '{ … }' n’est pas fermé} other {une liste [ … ] n’est pas fermée}} par {close}, ou ses lignes suivantes ne sont pas plus en retrait que sa clé",
  'library-errors.yaml.flow-extra-comma': "une virgule de trop dans {flow, select, map {un bloc '{ … }'} other {une liste [ … ]}}",
  'library-errors.yaml.comment-space': 'un commentaire # doit être précédé d’une espace',
  'library-errors.yaml.sequence-dash': 'il manque le «\u202f-\u202f» d’un élément de liste',
  'library-errors.yaml.indent-map': 'ce champ n’est pas en retrait comme les champs qui le précèdent',
  'library-errors.yaml.indent-list': 'cet élément de liste n’est pas en retrait comme les éléments qui le précèdent',
  'library-errors.yaml.indent': 'le retrait est incorrect ici',
  'library-errors.yaml.tab': 'une tabulation sert de retrait\u202f; YAML ne met en retrait qu’avec des espaces',
  'library-errors.yaml.block-in-flow': "une liste [ … ] ou un bloc '{ … }' ne peut pas contenir de champs en retrait ni d’éléments «\u202f-\u202f» (manque-t-il une virgule\u202f?)",
  'library-errors.yaml.key-one-line':
    'une clé doit tenir sur une ligne, suivie d’un deux-points (manque-t-il un deux-points, ou une valeur sans guillemets court-elle sur deux lignes\u202f?)',
  'library-errors.yaml.nested-compact':
    'une valeur sur la ligne de sa clé ne peut pas contenir une autre clé avec sa valeur\u202f; mettez la valeur entre guillemets, ou les champs imbriqués sur des lignes à eux',
  'library-errors.yaml.block-key': 'une liste ne peut pas servir de clé',
  'library-errors.yaml.value-start': 'une valeur ne peut commencer par {char} que si elle est entre guillemets',
  'library-errors.yaml.text-after-value': 'texte inattendu après une valeur (mauvais retrait, ou deux-points manquant\u202f?)',
  'library-errors.yaml.unexpected': '«\u202f{text}\u202f» inattendu ici',
  'library-errors.yaml.documents': 'le fichier contient plus d’un document (une ligne «\u202f---\u202f»)\u202f; un contrat est un seul document',
  'library-errors.yaml.escape':
    '{escape} n’est pas un échappement permis entre guillemets doubles (écrivez \\\\ pour une barre oblique inverse, ou utilisez des guillemets simples)',
  'library-errors.yaml.alias': 'l’alias *{name} n’a pas d’ancre &{name} avant lui',
  'library-errors.yaml.aliases': 'trop d’alias (*nom)\u202f; le fichier est refusé',
  'library-errors.yaml.tag': 'étiquette {tag} inconnue',
  'library-errors.yaml.other': 'YAML illisible ici (le lecteur YAML dit\u00a0: «\u202f{said}\u202f»)',

  'library-errors.json.end': 'le texte s’arrête avant la fin du JSON (il manque un crochet, une accolade ou un guillemet fermant)',
  'library-errors.json.string-not-closed': 'une chaîne n’est jamais fermée (il manque un ")',
  'library-errors.json.control': 'un saut de ligne ou une tabulation dans une chaîne s’écrit \\n ou \\t',
  'library-errors.json.escape': 'une barre oblique inverse dans une chaîne ne commence aucun échappement valide (écrivez \\\\ pour la barre elle-même)',
  'library-errors.json.comma': 'il manque une virgule ou {close} après une valeur',
  'library-errors.json.name':
    'un nom de champ entre guillemets doubles est attendu ici (JSON n’admet ni virgule après le dernier élément, ni nom sans guillemets)',
  'library-errors.json.colon': 'il manque un deux-points après le nom du champ',
  'library-errors.json.after': 'texte inattendu après la fin du JSON',
  'library-errors.json.number': 'nombre non valide',
  'library-errors.json.unexpected': '«\u202f{token}\u202f» inattendu',
  'library-errors.json.other': 'le lecteur JSON dit\u00a0: «\u202f{said}\u202f»',

  'library-errors.template.tag-not-closed': 'la balise {tag} ligne {line}, colonne {column} du modèle n’est jamais fermée',
  'library-errors.template.section-not-closed': 'la section {open} ligne {line}, colonne {column} du modèle n’est jamais fermée par {close}',
  'library-errors.template.section-crossed':
    '{closing} ligne {line}, colonne {column} du modèle ferme une autre section alors que {open} (ligne {openLine}, colonne {openColumn}) est ouverte\u202f; fermez-la d’abord par {close}',
  'library-errors.template.section-not-opened': '{close} ligne {line}, colonne {column} du modèle ferme une section jamais ouverte',
  'library-errors.template.other': 'le lecteur de modèles dit\u00a0: «\u202f{said}\u202f»',

  'library-errors.csv.quote-not-closed':
    'une cellule entre guillemets qui commence ici n’est jamais fermée (il manque un "), si bien que tout le reste du fichier forme une seule cellule',
  'library-errors.csv.cells':
    'a {cells, plural, one {# cellule} other {# cellules}} mais l’en-tête a {columns, plural, one {# colonne} other {# colonnes}} ({delimiter, select, tab {une tabulation} other {un «\u202f{delimiter}\u202f»}} dans une valeur doit être entre guillemets)',
  'library-errors.csv.other': 'le fichier n’est pas un CSV valide (le lecteur CSV dit\u00a0: «\u202f{said}\u202f»)',

  'library-errors.pattern.group-not-closed': 'une «\u202f(\u202f» n’est jamais fermée',
  'library-errors.pattern.group-not-opened': 'une «\u202f)\u202f» ne ferme aucune «\u202f(\u202f»',
  'library-errors.pattern.nothing-to-repeat': '«\u202f*\u202f», «\u202f+\u202f» ou «\u202f?\u202f» doit suivre quelque chose à répéter\u202f; écrivez \\* pour le caractère lui-même',
  'library-errors.pattern.class-not-closed': 'un «\u202f[\u202f» n’est jamais fermé',
  'library-errors.pattern.trailing-backslash': 'elle se termine par une barre oblique inverse seule',
  'library-errors.pattern.count-order': "une répétition comme '{2,5}' a ses nombres dans le mauvais ordre",
  'library-errors.pattern.range-order': 'un intervalle entre [ ] va à rebours, comme z-a',
  'library-errors.pattern.lone-brace': "une accolade ne fait pas partie d’une répétition comme '{2,5}'\u202f; écrivez \\'{' pour le caractère lui-même",
  'library-errors.pattern.group': 'une parenthèse suivie d’un point d’interrogation ne commence aucun type de groupe connu',
  'library-errors.pattern.group-name': 'le nom d’un groupe nommé doit être fait de lettres et de chiffres, entre < et >',
  'library-errors.pattern.group-name-twice': 'deux groupes nommés portent le même nom',
  'library-errors.pattern.other': 'le lecteur d’expressions régulières dit\u00a0: «\u202f{said}\u202f»',

  'library-errors.rrule.other': 'le lecteur de règles de récurrence dit\u00a0: «\u202f{said}\u202f»',
};
