/** Every verb reads time from ctx.clock, so tests and the terminal's `/clock` can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The system clock plus an offset: the terminal chat's dev-only `/clock +2h`. */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** A clock that moves only when told to (tests). */
export class FakeClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  set(t: Date | string): void {
    this.t = new Date(t);
  }
  advance(minutes: number): void {
    this.t = new Date(this.t.getTime() + minutes * 60_000);
  }
}
