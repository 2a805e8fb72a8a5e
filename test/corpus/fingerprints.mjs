/**
 * Word-shingle fingerprints: the originality check compares postmortems with the wording of the
 * texts they were written from (the seeds, Dan Luu's list, the public reports) without keeping
 * those texts in the repository: only 32-bit hashes of every run of `shingleWords` words.
 */
export const shingleWords = 9;

/** Lower-case words of letters and digits; markdown, punctuation and URLs do not count. */
/** @param {string} text @returns {string[]} */
export function words(text) {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u2019']/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** FNV-1a, 32-bit, as 8 hex digits. */
/** @param {string} text @returns {string} */
export function hash(text) {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value.toString(16).padStart(8, '0');
}

/** Every run of `shingleWords` consecutive words, hashed, with the words it came from. */
/** @param {string} text @returns {Array<{ hash: string, words: string }>} */
export function shingles(text) {
  const list = words(text);
  /** @type {Array<{ hash: string, words: string }>} */
  const result = [];
  for (let start = 0; start + shingleWords <= list.length; start++) {
    const run = list.slice(start, start + shingleWords).join(' ');
    result.push({ hash: hash(run), words: run });
  }
  return result;
}
