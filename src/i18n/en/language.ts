/** /language and /team language: the reader's language. */
export const language = {
  'language.summary': 'Choose the language the bot writes to you in: English or French',
  'language.usage': '/language <en|fr>\n/language\n/team language <team> <en|fr> (admins)',
  'language.example': '/language fr',
  'language.title': 'Language',
  'language.set': 'From now on the bot writes to you in {lang, select, fr {French} other {English}}. /help lists the commands in it.',
  'language.shown':
    'The bot writes to you in {lang, select, fr {French} other {English}}{source, select, own {, your setting (from your chat app or /language)} team {, your team’s language} other {, the deployment’s default}}. Change it with /language en or /language fr.',
  'language.unknown': '"{typed}" is not a language the bot speaks; use {langs}.',
  'language.name': '{lang, select, fr {French} other {English}}',
  'language.team-set': '{team}’s channel posts, and its members who chose no language, are in {lang, select, fr {French} other {English}} from now on.',
  'language.team-which': 'Which language? /team language hvac-paris fr',
} as const;
