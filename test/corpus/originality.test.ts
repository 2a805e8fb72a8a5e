/**
 * The knowledge base is written in its own words: no run of nine words in a postmortem's body
 * repeats the wording of the texts it was written from (the seeds, Dan Luu's list and the public
 * reports recorded in source-fingerprints.json). Facts, names and figures carry over; sentences do not.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shingles, words } from './fingerprints.mjs';

const dir = new URL('../../postmortems/', import.meta.url);
const fingerprints = new Set((JSON.parse(readFileSync(new URL('source-fingerprints.json', import.meta.url), 'utf8')) as { hashes: string[] }).hashes);

/** The body and the prose of the frontmatter (title), without URLs and the rest of the frontmatter. */
function prose(source: string): string {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
  if (!match) return source;
  const title = /^title:\s*(.*)$/m.exec(match[1]!)?.[1] ?? '';
  return `${title}\n${match[2]!}`;
}

describe('originality', () => {
  it('recognises a sentence of a seed, and not the same facts reworded', () => {
    const reworded = 'Connections from the web server to the database servers kept failing now and then.';
    expect(shingles(reworded).some(({ hash }) => fingerprints.has(hash))).toBe(false);
    const seedSentence = 'the web-server was having issues connecting to our database servers';
    expect(words(seedSentence)).toHaveLength(11);
    expect(shingles(seedSentence).some(({ hash }) => fingerprints.has(hash))).toBe(true);
  });

  it('no postmortem repeats nine words in a row from its sources', () => {
    const copies = readdirSync(dir)
      .filter((name) => name.endsWith('.md') && !name.startsWith('_'))
      .flatMap((name) =>
        shingles(prose(readFileSync(new URL(name, dir), 'utf8')))
          .filter(({ hash }) => fingerprints.has(hash))
          .map(({ words: run }) => `${name}: “${run}”`),
      );
    expect([...new Set(copies)]).toEqual([]);
  });
});
