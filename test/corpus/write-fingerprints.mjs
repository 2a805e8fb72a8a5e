/**
 * Writes test/corpus/source-fingerprints.json from source texts (the seeds, Dan Luu's list,
 * copies of public postmortems): `node test/corpus/write-fingerprints.mjs <files…>` adds their shingle hashes to the ones already recorded. Not a test; run by hand when
 * writing incidents from new sources.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { shingles } from './fingerprints.mjs';

const out = new URL('source-fingerprints.json', import.meta.url);
/** @type {string[]} */
let known = [];
try {
  known = /** @type {{ hashes: string[] }} */ (JSON.parse(readFileSync(out, 'utf8'))).hashes;
} catch {
  // First run: no file yet.
}
const all = new Set(known);
for (const file of process.argv.slice(2)) for (const { hash } of shingles(readFileSync(file, 'utf8'))) all.add(hash);
// Indented as prettier formats it, so that format:check passes after a run.
writeFileSync(
  out,
  JSON.stringify({ note: 'FNV-1a hashes of 9-word shingles of the source texts; see fingerprints.ts', hashes: [...all].sort() }, null, 2) + '\n',
);
console.log(`${all.size} fingerprints (${all.size - known.length} new)`);
