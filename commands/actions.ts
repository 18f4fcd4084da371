/** Button presses: the typed action union mapped to verbs. The verb decides; this only routes. */
import type { Action } from '../cards/action-ids.js';
import type { ActionForm, Card } from '../cards/card.js';
import { alertCard } from '../cards/build/alert.js';
import { infoCard } from '../cards/build/error.js';
import { actOnAlert } from '../src/alerts/act-on-alert.js';
import { loadAlertView } from '../src/alerts/alert-view.js';
import type { Ctx } from '../src/context.js';
import { assertNever } from '../src/errors.js';

/** What a click brings besides its payload: a typed reason, or the fields of a form. */
export interface ActionInput {
  reason?: string;
  values?: Record<string, string>;
}

type Handler = (ctx: Ctx, action: Action, input: ActionInput) => Promise<Card>;
const handlers = new Map<Action['t'], Handler>();

/** Features that land later register their action types here. */
export function registerActionHandler(t: Action['t'], h: Handler): void {
  handlers.set(t, h);
}

/**
 * The form a button asks to fill, with the values as they are now. Slack's modal needs it at the
 * click (a button value cannot hold a message body); Teams and the terminal read it from the card.
 * Throws an AppError when the clicker may not use it.
 */
type FormLoader = (ctx: Ctx, action: Action) => Promise<ActionForm | undefined>;
const formLoaders = new Map<Action['t'], FormLoader>();

export function registerFormLoader(t: Action['t'], f: FormLoader): void {
  formLoaders.set(t, f);
}

export async function actionForm(ctx: Ctx, action: Action): Promise<ActionForm | undefined> {
  return formLoaders.get(action.t)?.(ctx, action);
}

export async function handleAction(ctx: Ctx, action: Action, input: ActionInput): Promise<Card> {
  switch (action.t) {
    case 'alert': {
      await actOnAlert(ctx, { alertId: action.alert, act: action.act, technicianId: action.person, note: input.reason });
      return alertCard(await loadAlertView(ctx.root, action.alert, ctx.clock.now()), ctx.services.actionSecret);
    }
    case 'decide':
    case 'tick':
    case 'msg':
    case 'oos':
    case 'status': {
      const h = handlers.get(action.t);
      if (!h) return infoCard('Not available', `This button (${action.t}) is not available in this version.`, 'warning');
      return h(ctx, action, input);
    }
    default:
      return assertNever(action);
  }
}
