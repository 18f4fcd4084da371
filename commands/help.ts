import { card, type Card } from '../cards/card.js';
import { t } from '../src/i18n/index.js';
import type { Command } from './command.js';
import { usageLines } from './command.js';

export function helpCommand(all: () => Command[]): Command {
  return {
    name: 'help',
    get summary() {
      return t('help.summary');
    },
    get usage() {
      return usageLines('help.usage');
    },
    get example() {
      return t('help.example');
    },
    async run(_ctx, args): Promise<Card> {
      const visible = all().filter((c) => !c.terminalOnly || _ctx.actor.via === 'shell');
      const one = args.words[0] && visible.find((c) => c.name === args.words[0]!.replace(/^\//, '').toLowerCase());
      if (one) {
        return card('help', `/${one.name}`, {
          blocks: [{ type: 'text', text: one.summary }, { type: 'list', items: one.usage.map((u) => [{ code: u }]) }, { type: 'text', text: [t('help.example-label'), { code: one.example }] }],
        });
      }
      return card('help', t('help.title'), {
        blocks: [
          {
            type: 'table',
            columns: [t('help.col.command'), t('help.col.what'), t('help.col.example')],
            rows: visible.map((c) => [`/${c.name}`, c.summary, [{ code: c.example }]]),
          },
        ],
        context: [t('help.footer')],
      });
    },
  };
}
