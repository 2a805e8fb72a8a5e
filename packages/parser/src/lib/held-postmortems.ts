/**
 * The postmortems of one load, in the order they were parsed. Those parsed in this thread are
 * held as structured-clone bytes (`v8.serialize`, outside V8's heap) until the whole load is
 * parsed, then turned back into objects; the worker pool's results, already cloned once, are
 * held as they come.
 *
 * Why: V8 runs a young-generation collection (a scavenge) about every three files parsed, and
 * each scavenge walks the page list of the whole old generation. Kept as objects, the parsed
 * postmortems (about 32 KB each) and the garbage promoted between two full collections grew that
 * list with every file, so the cost of a file grew with the number parsed before it: 5.6 ms per
 * file at 5,000 files, 7.9 ms at 10,000 (idle, bench corpus; `perf` put the difference in
 * `ScavengerCollector::CollectGarbage` walking old-space pages). As bytes they are not on the
 * heap, which stays the size of one file's parse. The clone is the one worker results come
 * through (`postMessage`), so a postmortem is the same plain data either way.
 */
import { Buffer } from 'node:buffer';
import { deserialize, serialize } from 'node:v8';
import type { Postmortem } from './schema.js';

export class HeldPostmortems {
  readonly #held: Array<Postmortem | Buffer> = [];

  /** Holds a postmortem parsed in this thread as bytes (as it is when it cannot be cloned). */
  hold(postmortem: Postmortem): void {
    let bytes: Buffer;
    try {
      bytes = serialize(postmortem);
    } catch {
      this.#held.push(postmortem);
      return;
    }
    this.#held.push(bytes);
  }

  /** Holds postmortems as they are (the pool's results, read failures, reused ones). */
  add(postmortems: readonly Postmortem[]): void {
    for (const postmortem of postmortems) this.#held.push(postmortem);
  }

  /** Every postmortem held, in order, as objects; the store is empty afterwards. */
  release(): Postmortem[] {
    const postmortems = this.#held.map((entry) => (Buffer.isBuffer(entry) ? (deserialize(entry) as Postmortem) : entry));
    this.#held.length = 0;
    return postmortems;
  }
}
