/**
 * What each chat platform can do right now, for `/readyz`. `/healthz` answers whether the process
 * and its database are alive; a platform whose API cannot be reached makes the bot not ready (a
 * load balancer may send traffic elsewhere) without making it dead (nothing to restart).
 */
import type { Platform } from './context.js';

export type PlatformState = 'starting' | 'ready' | 'unreachable';

export interface PlatformReadiness {
  state: PlatformState;
  /** why it is not ready, in a sentence an admin can act on */
  detail?: string;
}

export class Readiness {
  private states = new Map<Platform, PlatformReadiness>();

  set(platform: Platform, state: PlatformState, detail?: string): void {
    this.states.set(platform, { state, ...(detail ? { detail } : {}) });
  }

  get(platform: Platform): PlatformReadiness | undefined {
    return this.states.get(platform);
  }

  /** Every platform that reported a state, and whether all of them are ready. */
  snapshot(): { ready: boolean; platforms: Partial<Record<Platform, PlatformReadiness>> } {
    const platforms = Object.fromEntries(this.states) as Partial<Record<Platform, PlatformReadiness>>;
    return { ready: [...this.states.values()].every((s) => s.state === 'ready'), platforms };
  }
}
