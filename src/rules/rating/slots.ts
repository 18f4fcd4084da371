/**
 * `n` empty slots for object references, already of the kind of array that holds them. A bare
 * `new Array(n)` starts as an array of small integers and changes kind with the first object
 * stored, so code the optimizing compiler made for one run's arrays met the next run's fresh ones
 * of the other kind and was thrown away (the run after the warm-up was the slowest).
 */
export function refSlots<T>(n: number): T[] {
  return new Array<T>(n).fill(undefined as T);
}
