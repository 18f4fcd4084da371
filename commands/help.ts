import { card, type Card } from '../cards/card.js';
import type { Command } from './command.js';

export function helpCommand(all: () => Command[]): Command {
  return {
    name: 'help',
    summary: 'List every command with an example',
    usage: ['/help [command]'],
    example: '/help job',
    async run(_ctx, args): Promise<Card> {
      const visible = all().filter((c) => !c.terminalOnly || _ctx.actor.via === 'shell');
      const one = args.words[0] && visible.find((c) => c.name === args.words[0]!.replace(/^\//, '').toLowerCase());
      if (one) {
        return card('help', `/${one.name}`, {
          blocks: [{ type: 'text', text: one.summary }, { type: 'list', items: one.usage.map((u) => [{ code: u }]) }, { type: 'text', text: ['Example: ', { code: one.example }] }],
        });
      }
      return card('help', 'Commands', {
        blocks: [
          {
            type: 'table',
            columns: ['Command', 'What it does', 'Example'],
            rows: visible.map((c) => [`/${c.name}`, c.summary, [{ code: c.example }]]),
          },
        ],
        context: ['Ids are case-insensitive. Quote text with spaces: "belt replaced".'],
      });
    },
  };
}
