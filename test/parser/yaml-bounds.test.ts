/**
 * YAML from postmortems and `taxonomy.yaml` is untrusted: nesting, size and duplicate keys are
 * bounded before the recursive, quadratic parts of the `yaml` library can run, and every
 * refusal is a positioned diagnostic that is the same on every parse.
 */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxTaxonomyBytes, parsePostmortem, parseTaxonomy, readTaxonomyFile, type Diagnostic } from '@postmortem-kb/parser';

const yamlProblems = (diagnostics: readonly Diagnostic[], ruleId = 'frontmatter-yaml') =>
  diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId).map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`);

const tooDeep = 'Unexpected collection nested more than 64 levels deep (`[`, `{`, `-` or indented keys), expected at most 64';

describe('frontmatter nesting', () => {
  it.each([
    // A `"` inside a plain scalar used to look like the start of a quoted string to the guard.
    ['a quote inside a plain scalar', '---\ntitle: [a "b, ' + '['.repeat(5_000) + '\n---\n# Body\n', '2:77'],
    // An escaped quote inside a double-quoted scalar used to end it for the guard.
    ['an escaped quote in a quoted scalar', '---\ntitle: ["a\\" ", ' + '['.repeat(5_000) + ']'.repeat(5_000) + ']\n---\n# Body\n', '2:79'],
    ['block sequences on one line', '---\nx:\n' + '- '.repeat(5_000) + 'a\n---\n# Body\n', '3:127'],
    ['nested flow mappings', '---\nx: ' + '{a: '.repeat(5_000) + '1' + '}'.repeat(5_000) + '\n---\n# Body\n', '2:256'],
  ])('refuses %s nested too deep, at the same place every time', (_, source, place) => {
    const first = parsePostmortem(source, { path: 'deep.md' });
    const second = parsePostmortem(source, { path: 'deep.md' });
    expect(yamlProblems(first.diagnostics)).toEqual([`${place} ${tooDeep}`]);
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(first.title).toBe(source.includes('# Body') ? 'Body' : first.title);
  });

  it('accepts quotes inside plain scalars and nesting up to the limit', () => {
    // The frontmatter mapping itself is the first level.
    const nested = '['.repeat(63) + ']'.repeat(63);
    const result = parsePostmortem(`---\ntitle: It's a "test"\ntags: [don't, "a]b", 'c"d']\nx: ${nested}\n---\n# Body\n`);
    expect(yamlProblems(result.diagnostics)).toEqual([]);
    expect(result.title).toBe('It\'s a "test"');
    expect(result.tags).toEqual(["don't", 'a]b', 'c"d']);
  });
});

describe('frontmatter keys', () => {
  it('reports a duplicate key at the second one, among thousands of keys', () => {
    const keys = Array.from({ length: 3_000 }, (_, index) => `k${index}: v`);
    const result = parsePostmortem(`---\ntitle: T\n${keys.join('\n')}\nk17: again\n---\n# Body\n`, { path: 'dup.md' });
    expect(yamlProblems(result.diagnostics)).toEqual(['3003:1 Unexpected duplicate key `k17`, expected each key once in a mapping']);
  });

  it('reports duplicate keys in nested mappings, and tells `1` from `"1"`', () => {
    const result = parsePostmortem('---\ntitle: T\nx:\n  a: 1\n  "1": one\n  1: number\n  a: 2\n---\n');
    expect(yamlProblems(result.diagnostics)).toEqual(['7:3 Unexpected duplicate key `a`, expected each key once in a mapping']);
  });

  it('refuses more than 10,000 keys and values (40,000 keys) with a positioned error, body kept', () => {
    const keys = Array.from({ length: 40_000 }, (_, index) => `k${index}: v`);
    const result = parsePostmortem(`---\n${keys.join('\n')}\n---\n# Body survives\n`, { path: 'many.md' });
    expect(yamlProblems(result.diagnostics)).toEqual([
      expect.stringMatching(/^\d+:1 Unexpected YAML of more than 10000 keys, items and values, expected at most 10000$/),
    ]);
    expect(result.title).toBe('Body survives');
    expect(result.extra).toEqual({});
  });
});

describe('taxonomy.yaml', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmkb-taxonomy-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a duplicate key and a duplicate id, positioned', () => {
    const { taxonomy, diagnostics } = parseTaxonomy('categories:\n  - id: a\n    label: A\n    label: B\n', 'taxonomy.yaml');
    expect(taxonomy.categories).toEqual([]);
    expect(yamlProblems(diagnostics, 'taxonomy-yaml')).toEqual(['4:5 Unexpected duplicate key `label`, expected each key once in a mapping']);
  });

  it('refuses a taxonomy text over the size cap at the character past it', () => {
    const source = 'categories:\n' + '  - { id: a, label: A }\n'.repeat(Math.ceil(maxTaxonomyBytes / 24) + 10);
    const { taxonomy, diagnostics } = parseTaxonomy(source, 'taxonomy.yaml');
    expect(taxonomy.categories).toEqual([]);
    const line = Math.floor((maxTaxonomyBytes - 12) / 24) + 2;
    const column = ((maxTaxonomyBytes - 12) % 24) + 1;
    expect(yamlProblems(diagnostics, 'taxonomy-yaml')).toEqual([
      `${line}:${column} Unexpected taxonomy of ${source.length} characters, expected at most ${maxTaxonomyBytes} bytes; the taxonomy is not read`,
    ]);
  });

  it('does not read a taxonomy file over the size cap (a sparse 600 MB file)', async () => {
    const file = join(dir, 'taxonomy.yaml');
    await writeFile(file, 'categories: []\n');
    await truncate(file, 600_000_000);
    const { taxonomy, diagnostics, text: source } = await readTaxonomyFile(file, 'taxonomy.yaml');
    expect(source).toBe('');
    expect(taxonomy.categories).toEqual([]);
    expect(diagnostics.map((diagnostic) => `${diagnostic.path}:${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`)).toEqual([
      `taxonomy.yaml:1:1 Unexpected taxonomy of 600000000 bytes, expected at most ${maxTaxonomyBytes}; the taxonomy is not read`,
    ]);
  });

  it('refuses 60,000 categories (more than 50,000 keys and values) below the size cap', () => {
    const source = 'categories:\n' + Array.from({ length: 60_000 }, (_, index) => `- {id: c${index}}`).join('\n');
    expect(source.length).toBeLessThan(maxTaxonomyBytes);
    const { diagnostics } = parseTaxonomy(source, 'taxonomy.yaml');
    expect(yamlProblems(diagnostics, 'taxonomy-yaml')).toEqual([
      expect.stringMatching(/^\d+:\d+ Unexpected YAML of more than 50000 keys, items and values, expected at most 50000$/),
    ]);
  });

  it('reads the same file twice to equal, independent results', async () => {
    const file = join(dir, 'small.yaml');
    await writeFile(file, 'categories:\n  - id: config\n    label: Configuration\n    synonyms: [config]\n');
    const first = await readTaxonomyFile(file, 'first.yaml');
    first.taxonomy.categories[0]!.synonyms.push('mutated');
    const second = await readTaxonomyFile(file, 'second.yaml');
    expect(second.taxonomy.categories).toEqual([{ id: 'config', label: 'Configuration', description: '', synonyms: ['config'] }]);
    expect(second.diagnostics).toEqual([]);
  });
});
