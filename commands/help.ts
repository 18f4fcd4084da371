import { commandHelpCard, helpCard } from '../cards/build/help.js';
import type { Card } from '../cards/card.js';
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
      return one ? commandHelpCard(one) : helpCard(visible);
    },
  };
}
