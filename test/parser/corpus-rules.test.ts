/** Corpus-wide checks: duplicate ids and file names, links to no incident. */
import { describe, expect, it } from 'vitest';
import { checkCorpus } from '@postmortem-kb/parser';
import { postmortem } from './_factory.js';

describe('checkCorpus', () => {
  it('names the other file of a pair of duplicate ids', () => {
    const corpus = [postmortem({ slug: 'a', id: 'same' }), postmortem({ slug: 'b', id: 'same' })];
    checkCorpus(corpus);
    expect(corpus.map((incident) => incident.diagnostics.map((diagnostic) => diagnostic.message))).toEqual([
      ['Unexpected duplicate id `same` (also used by postmortems/b.md), expected ids unique across the corpus'],
      ['Unexpected duplicate id `same` (also used by postmortems/a.md), expected ids unique across the corpus'],
    ]);
  });

  it('names one other file and counts the rest when many share an id', () => {
    const corpus = ['a', 'b', 'c', 'd'].map((slug) => postmortem({ slug, id: 'same' }));
    checkCorpus(corpus);
    expect(corpus.map((incident) => incident.diagnostics[0]?.message)).toEqual([
      'Unexpected duplicate id `same` (also used by postmortems/b.md and 2 other files), expected ids unique across the corpus',
      'Unexpected duplicate id `same` (also used by postmortems/a.md and 2 other files), expected ids unique across the corpus',
      'Unexpected duplicate id `same` (also used by postmortems/a.md and 2 other files), expected ids unique across the corpus',
      'Unexpected duplicate id `same` (also used by postmortems/a.md and 2 other files), expected ids unique across the corpus',
    ]);
  });

  it('keeps the messages linear in the corpus: 2,000 files sharing one id or one file name', () => {
    const sameId = Array.from({ length: 2000 }, (_, index) => postmortem({ slug: `incident-${index}`, id: 'same' }));
    const sameName = Array.from({ length: 2000 }, (_, index) => postmortem({ slug: 'same-name', id: `id-${index}`, path: `dir-${index}/same-name.md` }));
    for (const corpus of [sameId, sameName]) {
      checkCorpus(corpus);
      const messages = corpus.flatMap((incident) => incident.diagnostics);
      expect(messages).toHaveLength(2000);
      // Each message is one line of bounded length: a quadratic listing of the others was ~30 KB each.
      const bytes = messages.reduce((total, diagnostic) => total + diagnostic.message.length, 0);
      expect(bytes).toBeLessThan(2000 * 200);
      expect(messages[1999]!.message).toMatch(/ and 1998 other files\)/);
    }
  });
});
