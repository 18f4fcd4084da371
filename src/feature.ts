/**
 * A feature plugs into the shared mechanisms with one value: its button handlers and the forms
 * they ask for, the outbox cards it delivers, its scheduled tasks, and what it does when a job
 * changes. src/features.ts lists every feature once; createApp combines them into the registry it
 * keeps on the app (`app.features`), so two apps in one process never share a handler.
 *
 * Declare a feature with `satisfies Feature` (not `: Feature`): the object keeps the exact keys of
 * its `actions`, which is what lets src/features.ts check at compile time that every action type
 * in cards/action-ids.ts has a handler.
 */
import type { Action } from '../cards/action-ids.js';
import type { ActionForm, Card } from '../cards/card.js';
import type { App } from './app.js';
import type { Config } from './config.js';
import type { Ctx } from './context.js';
import type { JobHook, JobHooks, StatusGuard } from './jobs/hooks.js';
import type { CardLoader } from './notify/notifier.js';
import type { Task } from './scheduler/scheduler.js';

/** What a click brings besides its payload: a typed reason, or the fields of a form. */
export interface ActionInput {
  reason?: string;
  values?: Record<string, string>;
}

export type ActionOf<K extends Action['t']> = Extract<Action, { t: K }>;

/** Runs the verb a button stands for and returns the card that replaces the clicked one. */
export type Handler<A extends Action> = (ctx: Ctx, action: A, input: ActionInput) => Promise<Card>;

/** One handler for every action type: the shape the combined handlers must satisfy. */
export type ActionHandlers = { [K in Action['t']]: Handler<ActionOf<K>> };

/**
 * The form a button asks to fill, with the values as they are now. Slack's modal needs it at the
 * click (a button value cannot hold a message body); Teams and the terminal read it from the card.
 * Throws an AppError when the clicker may not use it; undefined when this button asks for nothing.
 */
export type FormLoader<A extends Action> = (ctx: Ctx, action: A) => Promise<ActionForm | undefined>;
export type FormLoaders = { [K in Action['t']]?: FormLoader<ActionOf<K>> };

export interface Feature {
  name: string;
  /** button handlers, keyed by action type; each type is handled by exactly one feature */
  actions?: Partial<ActionHandlers>;
  /** forms a button asks to fill before it runs */
  forms?: FormLoaders;
  /** outbox subject kind → the card it becomes at delivery (null: nothing to post any more) */
  loaders?: Record<string, CardLoader>;
  /** scheduled tasks, built once per app from its configuration */
  tasks?: (app: App, config: Config) => Task[];
  /** run after a job changes, in the job verb's transaction */
  jobHooks?: JobHook[];
  /** run before a job's status changes; throw to refuse */
  statusGuards?: StatusGuard[];
}

/** The features combined: what createApp keeps on the app. */
export interface FeatureRegistry {
  names: readonly string[];
  actions: ActionHandlers;
  forms: FormLoaders;
  loaders: Readonly<Record<string, CardLoader>>;
  tasks: (app: App, config: Config) => Task[];
  jobHooks: JobHooks;
}

type ActionsOf<F> = F extends { actions: infer A } ? A : unknown;
type Intersect<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R] ? H & Intersect<R> : unknown;
/** The handlers of a feature list, as one object type with every key some feature declares. */
export type CombinedActions<F extends readonly Feature[]> = Intersect<{ [I in keyof F]: ActionsOf<F[I]> }>;

function merge<V>(what: string, parts: [string, Record<string, V> | undefined][]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [feature, part] of parts) {
    for (const [key, value] of Object.entries(part ?? {})) {
      if (key in out) throw new Error(`Two features declare the ${what} "${key}" (the second is ${feature}); each must have one owner.`);
      out[key] = value;
    }
  }
  return out;
}

/** Every feature's button handlers in one object; a type declared twice is a startup error. */
export function combineActions<const F extends readonly Feature[]>(features: F): CombinedActions<F> {
  return merge(
    'action handler',
    features.map((f) => [f.name, f.actions]),
  ) as CombinedActions<F>;
}

function isActionType(key: string, known: readonly string[]): key is Action['t'] {
  return known.includes(key);
}

/**
 * The registry createApp keeps on the app. `actionTypes` is every type of the action union; a
 * list that leaves one without a handler is refused here (src/features.ts checks its own list at
 * compile time as well).
 */
export function buildRegistry(features: readonly Feature[], actionTypes: readonly Action['t'][]): FeatureRegistry {
  const actions: Partial<ActionHandlers> = merge(
    'action handler',
    features.map((f) => [f.name, f.actions]),
  );
  const missing = actionTypes.filter((t) => !actions[t]);
  if (missing.length) throw new Error(`No feature handles the action type${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  const forms = merge(
    'form',
    features.map((f) => [f.name, f.forms]),
  );
  for (const k of Object.keys(forms)) if (!isActionType(k, actionTypes)) throw new Error(`A form is declared for "${k}", which is not an action type.`);
  return {
    names: features.map((f) => f.name),
    actions: actions as ActionHandlers,
    forms: forms as FormLoaders,
    loaders: merge(
      'card loader',
      features.map((f) => [f.name, f.loaders]),
    ),
    tasks: (app, config) => features.flatMap((f) => f.tasks?.(app, config) ?? []),
    jobHooks: { after: features.flatMap((f) => f.jobHooks ?? []), guards: features.flatMap((f) => f.statusGuards ?? []) },
  };
}
