/**
 * The images a card refers to but leaves to be drawn (image blocks with `draw`, cards/card.ts):
 * drawn before a card is rendered in full, so a card only summarised (the terminal's start-up
 * backlog prints titles) never pays for its chart.
 */
import type { Card } from './card.js';

export async function drawImages(card: Card): Promise<void> {
  for (const b of card.blocks) if (b.type === 'image' && b.draw) await b.draw();
}
