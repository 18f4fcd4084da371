/** The /help cards: every command in a table, or one command's usage and example. */
import { t } from '../../src/i18n/index.js';
import { card, type Card } from '../card.js';

/** What /help shows of a command: its name as the manifests declare it, and its translated words. */
export interface CommandHelp {
  name: string;
  summary: string;
  usage: string[];
  example: string;
}

export function helpCard(commands: Pick<CommandHelp, 'name' | 'summary' | 'example'>[]): Card {
  return card('help', t('help.title'), {
    blocks: [
      {
        type: 'table',
        columns: [t('help.col.command'), t('help.col.what'), t('help.col.example')],
        rows: commands.map((c) => [`/${c.name}`, c.summary, [{ code: c.example }]]),
      },
    ],
    context: [t('help.footer')],
  });
}

export function commandHelpCard(c: CommandHelp): Card {
  return card('help', `/${c.name}`, {
    blocks: [{ type: 'text', text: c.summary }, { type: 'list', items: c.usage.map((u) => [{ code: u }]) }, { type: 'text', text: [t('help.example-label'), { code: c.example }] }],
  });
}
