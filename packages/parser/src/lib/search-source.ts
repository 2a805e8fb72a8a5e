/**
 * Where the query engine reads terms and posting lists: the whole index in memory
 * (`IndexSource`) or the shards of a split index loaded so far (`ShardSource`). Posting lists
 * are decoded on first use and kept. Imports only other `search-*` modules: it ships to the browser.
 */
import { readVarints } from './search-codec.js';
import { fail, fieldCount, type SearchManifest, type SearchTermShard } from './search-format.js';
import { weightScale } from './search-weights.js';

export interface Postings {
  /** Entry j is (docs[j], fields[j], weights[j]); documents ascend. */
  docs: Int32Array;
  fields: Uint8Array;
  weights: Float32Array;
  /** Distinct documents. */
  documentFrequency: number;
}

/** The vocabulary and posting lists a query reads; term numbers are global (across shards). */
export interface TermSource {
  readonly docCount: number;
  /** The term number of `key`, or -1 when it is not in the (loaded) vocabulary. */
  find(key: string): number;
  /** Loaded term numbers whose term starts with `prefix`, in vocabulary order, at most `max`. */
  startingWith(prefix: string, max: number): number[];
  term(id: number): string;
  /** A cheap stand-in for how common a term is (the length of its encoded posting list). */
  size(id: number): number;
  postings(id: number): Postings;
}

/** First position in the ascending `sorted` whose value is ≥ `value` (a term, a term number, a document). */
export function lowerBound<T extends string | number>(sorted: ArrayLike<T>, value: T): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function decode(text: string, docCount: number): Postings {
  const scratch = new Float64Array(text.length);
  const values = readVarints(text, scratch);
  if (values % 2 !== 0) fail('truncated posting list');
  const count = values / 2;
  const docs = new Int32Array(count);
  const fields = new Uint8Array(count);
  const weights = new Float32Array(count);
  let doc = 0;
  let last = -1;
  let documentFrequency = 0;
  for (let i = 0; i < count; i++) {
    const value = scratch[2 * i]!;
    const field = value % fieldCount;
    doc += (value - field) / fieldCount;
    if (doc >= docCount || doc < last) fail('posting points outside the documents');
    if (doc !== last) documentFrequency++;
    docs[i] = doc;
    fields[i] = field;
    weights[i] = scratch[2 * i + 1]! / weightScale;
    last = doc;
  }
  return { docs, fields, weights, documentFrequency };
}

/** One sorted block of terms with their encoded posting lists, decoded lazily. */
class Block {
  private readonly decoded: Array<Postings | undefined>;
  constructor(
    readonly offset: number,
    readonly terms: readonly string[],
    readonly encoded: readonly string[],
  ) {
    this.decoded = new Array<Postings | undefined>(terms.length);
  }
  postings(local: number, docCount: number): Postings {
    return (this.decoded[local] ??= decode(this.encoded[local]!, docCount));
  }
}

/** Shared lookups over a list of blocks sorted by their first term (some possibly missing). */
abstract class BlockSource implements TermSource {
  abstract readonly docCount: number;
  /** The loaded block holding `key`'s position, or undefined. */
  protected abstract blockFor(key: string): Block | undefined;
  /** The loaded block after `block`, if it is loaded and continues the vocabulary. */
  protected abstract next(block: Block): Block | undefined;
  protected abstract blockOf(id: number): Block | undefined;

  find(key: string): number {
    const block = this.blockFor(key);
    if (!block) return -1;
    const at = lowerBound(block.terms, key);
    return block.terms[at] === key ? block.offset + at : -1;
  }

  startingWith(prefix: string, max: number): number[] {
    const out: number[] = [];
    let block = this.blockFor(prefix);
    let at = block ? lowerBound(block.terms, prefix) : 0;
    while (block && out.length < max) {
      for (; at < block.terms.length && out.length < max; at++) {
        if (!block.terms[at]!.startsWith(prefix)) return out;
        out.push(block.offset + at);
      }
      block = this.next(block);
      at = 0;
    }
    return out;
  }

  term(id: number): string {
    const block = this.blockOf(id);
    return block?.terms[id - block.offset] ?? '';
  }

  size(id: number): number {
    const block = this.blockOf(id);
    return block?.encoded[id - block.offset]?.length ?? 0;
  }

  postings(id: number): Postings {
    const block = this.blockOf(id);
    if (!block) fail(`term ${id} is not loaded`);
    return block.postings(id - block.offset, this.docCount);
  }
}

/** The whole vocabulary in memory. */
export class IndexSource extends BlockSource {
  private readonly block: Block;
  constructor(
    readonly docCount: number,
    terms: readonly string[],
    postings: readonly string[],
  ) {
    super();
    this.block = new Block(0, terms, postings);
  }
  protected blockFor(): Block {
    return this.block;
  }
  protected next(): undefined {
    return undefined;
  }
  protected blockOf(id: number): Block | undefined {
    return id >= 0 && id < this.block.terms.length ? this.block : undefined;
  }
}

/** The shards of a split index fetched so far; asks which shards a key or prefix needs. */
export class ShardSource extends BlockSource {
  readonly docCount: number;
  private readonly blocks: Array<Block | undefined>;
  private readonly offsets: number[] = [];

  constructor(private readonly manifest: SearchManifest) {
    super();
    this.docCount = manifest.docCount;
    this.blocks = new Array<Block | undefined>(manifest.shardFirst.length);
    let offset = 0;
    for (const size of manifest.shardSize) {
      this.offsets.push(offset);
      offset += size;
    }
  }

  /** The shard whose range holds `key`. */
  shardOf(key: string): number {
    return Math.max(0, lowerBound(this.manifest.shardFirst, key + '\u0000') - 1);
  }

  /** The shards holding terms that start with `prefix`, at most `max`. */
  shardsFor(prefix: string, max: number): number[] {
    const out = [this.shardOf(prefix)];
    for (let shard = out[0]! + 1; shard < this.blocks.length && out.length < max && this.manifest.shardFirst[shard]!.startsWith(prefix); shard++) {
      out.push(shard);
    }
    return out;
  }

  isLoaded(shard: number): boolean {
    return this.blocks[shard] !== undefined;
  }

  add(shard: number, data: SearchTermShard): void {
    if (this.manifest.shardSize[shard] !== data.terms.length || data.postings.length !== data.terms.length) fail(`terms-${shard} does not match the manifest`);
    this.blocks[shard] = new Block(this.offsets[shard]!, data.terms, data.postings);
  }

  protected blockFor(key: string): Block | undefined {
    return this.blocks[this.shardOf(key)];
  }
  protected next(block: Block): Block | undefined {
    const index = this.offsets.indexOf(block.offset);
    return this.blocks[index + 1];
  }
  protected blockOf(id: number): Block | undefined {
    const shard = Math.max(0, lowerBound(this.offsets, id + 1) - 1);
    return this.blocks[shard];
  }
}
