/** A deliverer that keeps the cards the notifier posts, so a test can count what was sent. */
import type { Card } from '../../cards/card.js';
import type { Platform } from '../../src/context.js';
import type { Deliverer } from '../../src/notify/deliverer.js';

export class Recorder implements Deliverer {
  constructor(readonly platform: Platform = 'shell') {}
  posts: Card[] = [];
  async post(_t: unknown, c: Card) {
    this.posts.push(c);
    return { n: this.posts.length };
  }
  async update() {}
  async direct() {
    return {};
  }
  /** the titles of the alerts posted, in order */
  alertTitles(): string[] {
    return this.posts.filter((c) => c.kind === 'alert').map((c) => c.title);
  }
}
