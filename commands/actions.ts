/** Button presses: the typed action union mapped to verbs. The verb decides; this only routes. */
import type { Action } from '../cards/action-ids.js';
import type { Card } from '../cards/card.js';
import { infoCard } from '../cards/build/error.js';
import type { Ctx } from '../src/context.js';
import { assertNever } from '../src/errors.js';

export async function handleAction(ctx: Ctx, action: Action, input: { reason?: string }): Promise<Card> {
  void ctx;
  void input;
  switch (action.t) {
    case 'alert':
    case 'decide':
    case 'tick':
    case 'msg':
    case 'oos':
    case 'status':
      return infoCard('Not available yet', `The ${action.t} action is not available in this version.`, 'warning');
    default:
      return assertNever(action);
  }
}
