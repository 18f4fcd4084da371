/** /help: the command table and one command's page. */
export const help = {
  'help.summary': 'List every command with an example',
  'help.usage': '/help [command]',
  'help.example': '/help job',
  'help.title': 'Commands',
  'help.col.command': 'Command',
  'help.col.what': 'What it does',
  'help.col.example': 'Example',
  'help.footer': 'Ids are case-insensitive. Quote text with spaces: "belt replaced".',
  'help.example-label': 'Example: ',
} as const;
