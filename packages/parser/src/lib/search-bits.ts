/** Sets of query words as bits of a number (bit i for word i). No imports: this module ships to the browser. */

/** How many words a set holds. */
export function popcount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}
