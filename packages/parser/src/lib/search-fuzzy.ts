/**
 * Typo tolerance over the search vocabulary (the distinct index terms, not the documents):
 * fuse.js decides which terms a misspelled or half-typed word stands for, and how close.
 *
 * fuse.js's Bitap search finds a pattern anywhere inside a string, allowing insertions,
 * deletions and substitutions. Terms and words are wrapped in spaces (` kubernetes `,
 * ` kubernets `; ` kubrne` while the word is still being typed), so a match has to cover a
 * whole term, or its start. Only fuse.js and types are imported: this module ships to the browser.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';

/**
 * At most `threshold × pattern length` edits (fuse.js's score is edits / pattern length, the
 * pattern being the word and its spaces): one edit for 4-letter words, two from 5 letters —
 * a swap of adjacent letters counts as two — three from 8.
 */
const threshold = 0.3;

const fuseOptions: IFuseOptions<string> = {
  threshold,
  includeScore: true,
  // The spaces anchor a match to the start of a term; where it lies in the string is no signal.
  ignoreLocation: true,
  // Every string is one term: fuse.js's field-length norm would only blur the edit count.
  ignoreFieldNorm: true,
  // Terms and query words are already lowercased and folded by the tokeniser.
  isCaseSensitive: true,
};

export interface NearTerm {
  term: number;
  /** fuse.js's score (a swap's counted as one edit less): 0 is identical, `threshold` the furthest accepted. */
  score: number;
  /** The edits that score stands for (score × pattern length). */
  edits: number;
  /** Matched the start of the term only (the word was still being typed). */
  prefix: boolean;
}

function sortedLetters(word: string): string {
  return [...word].sort().join('');
}

function pairs(word: string): string[] {
  const padded = `\u0001${word}\u0002`;
  const out = new Set<string>();
  for (let i = 0; i + 1 < padded.length; i++) out.add(padded.slice(i, i + 2));
  return [...out];
}

/** Edits fuse.js may accept for `pattern`. */
function editsFor(pattern: string): number {
  return Math.floor(threshold * pattern.length + 1e-9);
}

/**
 * Most terms handed to fuse.js per query word. fuse.js runs Bitap on every string it is given,
 * about 1 µs per term: 3 ms (5 ms p95) per misspelled word over the 3.7k terms of the 50k-record
 * bench, twice that while typing. Real text has far more distinct words (the 91 postmortems in
 * this repository hold 2.3k terms), so 50k real records mean tens of thousands of terms and 40+
 * ms per word, against a 50 ms p95 for a whole query. Narrowed by letter pairs it stays under 1 ms.
 */
const maxCandidates = 256;

export class TypoMatcher {
  private readonly terms: readonly string[];
  /** Letter pair → the eligible terms holding it. */
  private readonly postings = new Map<string, number[]>();
  private readonly shared: Uint8Array;
  private readonly touched: Int32Array;

  /** `eligible(term)` says which terms may be proposed (not numbers, not very short words). */
  constructor(terms: readonly string[], eligible: (term: string) => boolean) {
    this.terms = terms;
    this.shared = new Uint8Array(terms.length);
    this.touched = new Int32Array(terms.length);
    terms.forEach((term, id) => {
      if (!eligible(term)) return;
      for (const pair of pairs(term)) {
        const list = this.postings.get(pair);
        if (list) list.push(id);
        else this.postings.set(pair, [id]);
      }
    });
  }

  /**
   * Terms fuse.js matches to `word` as a whole, closest first; with `prefix` also terms whose
   * start it matches (`kubrne` → `kubernetes`), after the whole-term matches.
   */
  near(word: string, prefix: boolean): NearTerm[] {
    const whole = ` ${word} `;
    const start = ` ${word}`;
    const wholeEdits = editsFor(whole);
    const candidates = this.candidates(word, wholeEdits, prefix);
    if (candidates.length === 0) return [];
    const fuse = new Fuse(
      candidates.map((id) => ` ${this.terms[id]!} `),
      fuseOptions,
    );
    const letters = sortedLetters(word);
    const found: NearTerm[] = [];
    const seen = new Set<number>();
    for (const { refIndex, score = 1 } of fuse.search(whole)) {
      const term = candidates[refIndex]!;
      const text = this.terms[term]!;
      // fuse.js matches inside a string: ` kube ` fits ` kubernetes ` with one edit (the last
      // space). A term within k edits of the word differs from it in length by at most k.
      if (Math.abs(text.length - word.length) > wholeEdits) continue;
      const edits = Math.round(score * whole.length);
      // fuse.js counts a swap of two letters as two edits, like two unrelated typos; people swap
      // letters as often as they make other typos, so a term made of the word's letters counts one less.
      if (edits >= 2 && sortedLetters(text) === letters) found.push({ term, score: (score * (edits - 1)) / edits, edits: edits - 1, prefix: false });
      else found.push({ term, score, edits, prefix: false });
      seen.add(term);
    }
    if (prefix) {
      for (const { refIndex, score = 1 } of fuse.search(start)) {
        const term = candidates[refIndex]!;
        if (!seen.has(term)) found.push({ term, score, edits: Math.round(score * start.length), prefix: true });
      }
    }
    found.sort((a, b) => Number(a.prefix) - Number(b.prefix) || a.score - b.score || a.term - b.term);
    return found;
  }

  /**
   * The eligible terms fuse.js could accept: a word `edits` insertions, deletions or
   * substitutions away from a term (or, with `prefix`, from its start) keeps all but `2 × edits`
   * of its letter pairs (with start and end marks), so counting shared pairs narrows the
   * vocabulary without dropping any such term — but for the cut at `maxCandidates`, which keeps
   * the terms sharing most.
   */
  private candidates(word: string, edits: number, prefix: boolean): number[] {
    const wordPairs = pairs(word);
    // While typing, the pair with the end mark cannot match.
    const needed = Math.max(1, wordPairs.length - 2 * edits - (prefix ? 1 : 0));
    let touchedCount = 0;
    for (const pair of wordPairs) {
      for (const id of this.postings.get(pair) ?? []) {
        if (this.shared[id] === 0) this.touched[touchedCount++] = id;
        if (this.shared[id]! < 255) this.shared[id]!++;
      }
    }
    const out: number[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const id = this.touched[i]!;
      const length = this.terms[id]!.length;
      const fits = prefix ? length >= word.length - edits : Math.abs(length - word.length) <= edits;
      if (fits && this.shared[id]! >= needed) out.push(id);
    }
    out.sort((a, b) => this.shared[b]! - this.shared[a]! || a - b);
    for (let i = 0; i < touchedCount; i++) this.shared[this.touched[i]!] = 0;
    return out.length > maxCandidates ? out.slice(0, maxCandidates) : out;
  }
}
