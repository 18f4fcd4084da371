/**
 * Lines by (job, numeric key): an open-addressing hash table in typed arrays, one per run. A month
 * finds a line for each of its ~200,000 pieces and visits; a list or a Map per job was a hundred
 * thousand small growing arrays for the garbage collector to copy while the month is rated.
 */

/** Knuth's and MurmurHash3's multipliers: spread job numbers and keys over the table. */
const MIX_JOB = 0x9e3779b1;
const MIX_KEY = 0x85ebca6b;
const TWO_32 = 4294967296;

export class LineIndex {
  /** job number + 1 in each slot; 0 marks an empty slot */
  private jobs: Int32Array;
  private keys: Float64Array;
  private lines: Int32Array;
  private mask: number;
  private size = 0;

  /** `expected`: about how many entries the run will add (the table doubles when it fills). */
  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.mask = cap - 1;
    this.jobs = new Int32Array(cap);
    this.keys = new Float64Array(cap);
    this.lines = new Int32Array(cap);
  }

  /**
   * `key` must be an integer of magnitude below 2^53 (exact in a double); `job` a whole number
   * from 0 to 2^31 - 2.
   */
  private slot(job: number, key: number): number {
    let h = Math.imul(job + 1, MIX_JOB) ^ Math.imul((key | 0) ^ ((key / TWO_32) | 0), MIX_KEY);
    h ^= h >>> 15;
    return h & this.mask;
  }

  /** The line of `key` on job number `job`, or -1. */
  get(job: number, key: number): number {
    const jobs = this.jobs;
    const mark = job + 1;
    for (let i = this.slot(job, key); ; i = (i + 1) & this.mask) {
      const j = jobs[i]!;
      if (j === 0) return -1;
      if (j === mark && this.keys[i] === key) return this.lines[i]!;
    }
  }

  /** Records the line of a key the job does not have yet. */
  add(job: number, key: number, line: number): void {
    if (2 * (this.size + 1) > this.jobs.length) this.grow();
    this.put(job, key, line);
    this.size++;
  }

  private put(job: number, key: number, line: number): void {
    let i = this.slot(job, key);
    while (this.jobs[i] !== 0) i = (i + 1) & this.mask;
    this.jobs[i] = job + 1;
    this.keys[i] = key;
    this.lines[i] = line;
  }

  private grow(): void {
    const { jobs, keys, lines } = this;
    const cap = jobs.length * 2;
    this.mask = cap - 1;
    this.jobs = new Int32Array(cap);
    this.keys = new Float64Array(cap);
    this.lines = new Int32Array(cap);
    for (let i = 0; i < jobs.length; i++) if (jobs[i] !== 0) this.put(jobs[i]! - 1, keys[i]!, lines[i]!);
  }
}
