/**
 * Typo tolerance over the search vocabulary (the distinct terms, not the documents).
 *
 * Candidates come from an index of letter pairs (with start and end marks): a word one
 * edit away from a term shares all but at most three of its pairs, so counting shared pairs
 * finds the few terms worth checking without scanning the vocabulary. The candidates are
 * then checked with an edit distance that counts a swap of adjacent letters as one edit.
 * No imports: this module ships to the browser.
 */

/** Longest word compared; longer ones are cut (the tokeniser already cuts at 32). */
const maxLength = 40;
const rowBefore = new Int32Array(maxLength + 1);
const rowPrevious = new Int32Array(maxLength + 1);
const rowCurrent = new Int32Array(maxLength + 1);

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of
 * adjacent letters each cost 1), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const m = Math.min(a.length, maxLength);
  const n = Math.min(b.length, maxLength);
  if (Math.abs(m - n) > max) return max + 1;
  let before = rowBefore;
  let previous = rowPrevious;
  let current = rowCurrent;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    let rowBest = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = previous[j - 1]! + (ai === bj ? 0 : 1);
      const insert = current[j - 1]! + 1;
      const remove = previous[j]! + 1;
      if (insert < value) value = insert;
      if (remove < value) value = remove;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const swap = before[j - 2]! + 1;
        if (swap < value) value = swap;
      }
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > max) return max + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[n]!, max + 1);
}

/** Edits a typo may have: one, two for words of 8 letters or more. */
export function maxEditsFor(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

export interface NearTerm {
  term: number;
  distance: number;
  /** Matched the start of the term only (the word was still being typed). */
  prefix: boolean;
}

function pairs(word: string): string[] {
  const padded = `\u0001${word}\u0002`;
  const out = new Set<string>();
  for (let i = 0; i + 1 < padded.length; i++) out.add(padded.slice(i, i + 2));
  return [...out];
}

/** Terms most worth checking per query word: bounds the edit-distance work on huge vocabularies. */
const maxChecked = 256;

export class TypoIndex {
  private readonly terms: readonly string[];
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
   * Terms within `maxEditsFor(word)` edits of `word`, closest first; with `prefix`, also
   * terms whose start is that close (`kuberne` → `kubernetes`).
   */
  near(word: string, prefix: boolean): NearTerm[] {
    const edits = maxEditsFor(word);
    const wordPairs = pairs(word);
    // An edit breaks at most three pairs (a swap); with `prefix` the end mark cannot match.
    const needed = Math.max(1, wordPairs.length - 3 * edits - (prefix ? 1 : 0));
    let touchedCount = 0;
    for (const pair of wordPairs) {
      for (const id of this.postings.get(pair) ?? []) {
        if (this.shared[id] === 0) this.touched[touchedCount++] = id;
        if (this.shared[id]! < 255) this.shared[id]!++;
      }
    }
    const candidates: number[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const id = this.touched[i]!;
      const length = this.terms[id]!.length;
      const fits = prefix ? length >= word.length - edits : Math.abs(length - word.length) <= edits;
      if (fits && this.shared[id]! >= needed) candidates.push(id);
    }
    candidates.sort((a, b) => this.shared[b]! - this.shared[a]! || a - b);
    for (let i = 0; i < touchedCount; i++) this.shared[this.touched[i]!] = 0;

    const found: NearTerm[] = [];
    for (const id of candidates.slice(0, maxChecked)) {
      const term = this.terms[id]!;
      const distance = editDistance(word, term, edits);
      if (distance <= edits) {
        found.push({ term: id, distance, prefix: false });
        continue;
      }
      if (!prefix) continue;
      let best = edits + 1;
      for (let length = Math.max(1, word.length - edits); length <= Math.min(term.length - 1, word.length + edits); length++) {
        best = Math.min(best, editDistance(word, term.slice(0, length), edits));
      }
      if (best <= edits) found.push({ term: id, distance: best, prefix: true });
    }
    found.sort((a, b) => a.distance - b.distance || Number(a.prefix) - Number(b.prefix) || a.term - b.term);
    return found;
  }
}
