/** Which card each outbox subject becomes. Cards are rebuilt from current state at delivery. */
import { alertCard } from '../../cards/build/alert.js';
import { card } from '../../cards/card.js';
import { loadAlertView } from '../alerts/alert-view.js';
import type { Notifier, CardLoader } from './notifier.js';

const extra = new Map<string, CardLoader>();

/** Features add their subjects (approvals, digests...) here. */
export function registerLoader(kind: string, loader: CardLoader): void {
  extra.set(kind, loader);
}

export function registerCardLoaders(notifier: Notifier): void {
  notifier.register('alert', async (ctx, id) => alertCard(await loadAlertView(ctx.root, Number(id), ctx.clock.now()), ctx.services.actionSecret));
  notifier.register('notice', async (_ctx, _id, payload) =>
    card('info', String(payload.title ?? 'Notice'), { blocks: [{ type: 'text', text: String(payload.text ?? '') }], visibility: 'channel' }),
  );
  for (const [k, l] of extra) notifier.register(k, l);
}
