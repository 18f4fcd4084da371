/**
 * `n` empty slots for object references, already of the kind of array that holds them. A bare
 * `new Array(n)` starts as an array of small integers and changes kind with the first object
 * stored, so code the optimizing compiler made for one run's arrays met the next run's fresh ones
 * of the other kind and was thrown away (the run after the warm-up was the slowest).
 */
export function refSlots<T>(n: number): T[] {
  return new Array<T>(n).fill(undefined as T);
}

/**
 * An empty array already of the kind that holds numbers beyond small integers (instants): a bare
 * `[]` holds small integers and changes kind with the first instant pushed, with the same effect as
 * described for refSlots. Kinds never narrow, so emptying it keeps the kind.
 */
export function doubleSlots(): number[] {
  const a = [0.5];
  a.length = 0;
  return a;
}

/** An empty array already of the kind that holds object references (see doubleSlots). */
export function refList<T>(): T[] {
  const a = [undefined as T];
  a.length = 0;
  return a;
}
