/**
 * Every feature, once. createApp builds its registry (button handlers, forms, outbox card
 * loaders, scheduled tasks, job hooks and guards) from this list; chat commands are listed in
 * commands/index.ts and API routes in src/api/routes/index.ts.
 */
import { actionSchema } from '../cards/action-ids.js';
import { alertsFeature } from './alerts/feature.js';
import { approvalsFeature } from './approvals/feature.js';
import { billingFeature } from './billing/feature.js';
import { dispatchFeature } from './dispatch/feature.js';
import { combineActions, type ActionHandlers, type Feature } from './feature.js';
import { jobsFeature } from './jobs/feature.js';
import { kpiFeature } from './kpi/feature.js';
import { messagesFeature } from './messages/feature.js';
import { noticesFeature } from './notify/feature.js';
import { privacyFeature } from './privacy/feature.js';
import { proofFeature } from './proof/feature.js';
import { webhooksFeature } from './webhooks/feature.js';

/** In this order job hooks and status guards run, and scheduled tasks are listed. */
export const features = [noticesFeature, alertsFeature, jobsFeature, approvalsFeature, billingFeature, webhooksFeature, proofFeature, messagesFeature, kpiFeature, dispatchFeature, privacyFeature] as const satisfies readonly Feature[];

/**
 * The button handlers of the list, checked to cover the whole action union: an action type added
 * to cards/action-ids.ts without a handler in some feature does not compile.
 */
export const actionHandlers = combineActions(features) satisfies ActionHandlers;

/** Every action type of cards/action-ids.ts, for the registry's check of other feature lists. */
export const actionTypes: readonly (keyof ActionHandlers)[] = actionSchema.options.map((o) => o.shape.t.value);
