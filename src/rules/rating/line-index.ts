/**
 * Lines by (job, numeric key): an open-addressing hash table in typed arrays, one per run. A month
 * finds a line for each of its ~200,000 pieces and visits; a list or a Map per job was a hundred
 * thousand small growing arrays for the garbage collector to copy while the month is rated.
 */

/** Knuth's and MurmurHash3's multipliers: spread job numbers and keys over the table. */
const MIX_JOB = 0x9e3779b1;
const MIX_KEY = 0x85ebca6b;
const TWO_32 = 4294967296;

/**
 * Tables given back by finished runs (see release), by length. Lengths are powers of two, so any
 * month of about the same size takes one back. Held weakly: a table nobody takes is freed by the
 * next garbage collection after the work that gave it back.
 */
const spare = new Map<number, WeakRef<Int32Array>[]>();
/** tables kept per length */
const SPARE_MAX = 4;

/** A zeroed table of `length` Int32s: a spare one if the garbage collector has not taken it. */
function takeTable(length: number): Int32Array {
  const list = spare.get(length);
  while (list && list.length > 0) {
    const table = list.pop()!.deref();
    if (table) return table.fill(0);
  }
  return new Int32Array(length);
}

/** Int32s per slot: job number + 1 (0: empty), the key's low and high 32 bits, the line. */
const SLOT = 4;
/** slots of a job's group (see slot) */
const GROUP = 16;

export class LineIndex {
  /**
   * The slots, interleaved: a lookup reads one cache line, not one in each of three arrays. The
   * table is a few megabytes and probed in no useful order, so nearly every probe is a cache miss.
   */
  private slots: Int32Array;
  private mask: number;
  private size = 0;

  /** `expected`: about how many entries the run will add (the table doubles when it fills). */
  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = takeTable(cap * SLOT);
  }

  /**
   * Gives the table back for the next run, leaving this index empty. A month's two tables are its
   * largest allocations (16 MB): made afresh on every run, their memory alone brought on a full
   * garbage collection every second month rated (docs/rating.md, "Speed").
   */
  release(): void {
    let list = spare.get(this.slots.length);
    if (!list) spare.set(this.slots.length, (list = []));
    if (list.length < SPARE_MAX) list.push(new WeakRef(this.slots));
    this.mask = 15;
    this.size = 0;
    this.slots = new Int32Array(16 * SLOT);
  }

  /**
   * `key` must be an integer of magnitude below 2^53 (exact in a double); `job` a whole number
   * from 0 to 2^31 - 2.
   */
  private slot(job: number, lo: number, hi: number): number {
    // A job's keys share a group of GROUP neighbouring slots (a few cache lines): looking a line up,
    // then its reading, then adding both, touches memory once, not once per probe.
    let g = Math.imul(job + 1, MIX_JOB);
    g ^= g >>> 15;
    let h = Math.imul(lo ^ hi, MIX_KEY);
    h ^= h >>> 15;
    return (Math.imul(g, GROUP) + (h & (GROUP - 1))) & this.mask;
  }

  /** The line of `key` on job number `job`, or -1. */
  get(job: number, key: number): number {
    const slots = this.slots;
    const mark = job + 1;
    const lo = key | 0;
    const hi = Math.floor(key / TWO_32) | 0;
    for (let i = this.slot(job, lo, hi); ; i = (i + 1) & this.mask) {
      const at = i * SLOT;
      const j = slots[at]!;
      if (j === 0) return -1;
      if (j === mark && slots[at + 1] === lo && slots[at + 2] === hi) return slots[at + 3]!;
    }
  }

  /** Records the line of a key the job does not have yet. */
  add(job: number, key: number, line: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    this.put(job + 1, key | 0, Math.floor(key / TWO_32) | 0, line);
    this.size++;
  }

  private put(mark: number, lo: number, hi: number, line: number): void {
    const slots = this.slots;
    let i = this.slot(mark - 1, lo, hi);
    while (slots[i * SLOT] !== 0) i = (i + 1) & this.mask;
    const at = i * SLOT;
    slots[at] = mark;
    slots[at + 1] = lo;
    slots[at + 2] = hi;
    slots[at + 3] = line;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = (this.mask + 1) * 2 - 1;
    this.slots = new Int32Array((this.mask + 1) * SLOT);
    for (let at = 0; at < old.length; at += SLOT) if (old[at] !== 0) this.put(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
  }
}
