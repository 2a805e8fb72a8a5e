/**
 * Property tests (fast-check, fixed seed, bounded runs): random text, random bytes and mutated
 * real postmortems never make `parsePostmortem` throw; the result matches `postmortemSchema`;
 * every heading remark-parse (+ GFM) finds in the body is a section; every diagnostic lies
 * inside the file; parsing is deterministic, also after the caller mutates an earlier result.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, parsePostmortem, postmortemSchema, type Postmortem } from '@postmortem-kb/parser';

const seed = 20_240_318;
export const runs = { text: 1000, bytes: 500, mutated: 800, mutateResult: 200 };

// remark itself, resolved from the parser package (pnpm keeps it out of the root).
const parserDir = fileURLToPath(new URL('../../packages/parser/package.json', import.meta.url));
const requireFromParser = createRequire(parserDir);
const load = async (name: string) => ((await import(pathToFileURL(requireFromParser.resolve(name)).href)) as { default: unknown }).default;
const { unified } = (await import(pathToFileURL(requireFromParser.resolve('unified')).href)) as typeof import('unified');
const remark = unified()
  .use((await load('remark-parse')) as never)
  .use((await load('remark-gfm')) as never)
  .freeze();

function remarkHeadingCount(markdown: string): number {
  // Sections are split at top-level headings (one inside a list or quote stays in its section's text).
  return (remark.parse(markdown) as Root).children.filter((node) => node.type === 'heading').length;
}

const corpusDir = new URL('../../postmortems/', import.meta.url);
const corpus = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md' && !name.startsWith('_'))
  .sort()
  .map((name) => readFileSync(new URL(name, corpusDir), 'utf8'));

/** The body of a corpus file without its frontmatter (a plain split, independent of the parser). */
function bodyOf(source: string): string {
  const lines = source.split('\n');
  if (lines[0] !== '---') return source;
  const close = lines.indexOf('---', 1);
  return close === -1 ? source : lines.slice(close + 1).join('\n');
}

const frontmatter = '---\ntitle: Mutated\ndate: 2021-10-30\nstatus: final\n---\n';
const frontmatterLines = frontmatter.split('\n').length - 1;

const syntax = [
  '#',
  '## ',
  '###### ',
  '---',
  '***',
  '===',
  '>',
  '> > ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '1) ',
  '```',
  '~~~',
  '|',
  '| a | b |',
  '|-|-|',
  '[',
  ']',
  '(',
  ')',
  '[x]: http://a',
  '[^1]',
  '[^1]: note',
  '*',
  '**',
  '_',
  '`',
  '<',
  '<div>',
  '<!--',
  '-->',
  '\\',
  '&amp;',
  '&#0;',
  '    ',
  '\t',
  '\r',
  '\u0000',
  '- [ ] ',
  '12:00 UTC ',
  '2021-02-30 ',
  '@owner ',
  'Date: ',
  '## Timeline',
  '## Action items',
  '## Root cause',
  '## Lessons learned',
];

const mutation = fc.record({
  op: fc.constantFrom('delete', 'duplicate', 'insert', 'prefix', 'append'),
  at: fc.nat(),
  text: fc.constantFrom(...syntax),
});

function mutate(body: string, mutations: ReadonlyArray<{ op: string; at: number; text: string }>): string {
  const lines = body.split('\n');
  for (const { op, at, text } of mutations) {
    const index = lines.length === 0 ? 0 : at % lines.length;
    if (op === 'delete') lines.splice(index, 1);
    else if (op === 'duplicate') lines.splice(index, 0, lines[index] ?? '');
    else if (op === 'insert') lines.splice(index, 0, text);
    else if (op === 'prefix') lines[index] = text + (lines[index] ?? '');
    else lines[index] = (lines[index] ?? '') + text;
  }
  return lines.join('\n');
}

/** Invariants every parse must satisfy. `body`/`bodyLine` (1-based first line) enable the heading check. */
function checkInvariants(source: string, result: Postmortem, body?: string, bodyLine = 1): void {
  const parsed = postmortemSchema.safeParse(result);
  expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);

  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  // Lines as an editor counts them: CRLF, lone CR and LF each end one (micromark does the same).
  const lines = text.split(/\r\n|\r|\n/);
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.line, diagnostic.message).toBeLessThanOrEqual(lines.length);
    expect(diagnostic.column, diagnostic.message).toBeLessThanOrEqual(lines[diagnostic.line - 1]!.length + 1);
  }

  for (const section of result.sections) expect(section.line).toBeGreaterThanOrEqual(bodyLine);
  if (body !== undefined && !result.diagnostics.some((diagnostic) => diagnostic.ruleId === 'too-large')) {
    expect(result.sections).toHaveLength(remarkHeadingCount(body.replaceAll('\u0000', '\uFFFD')));
  }
}

const options = { path: 'postmortems/2021-10-30-input.md', today: '2026-01-01' };

describe('parsePostmortem properties', { timeout: 120_000 }, () => {
  it(`random text (${runs.text} runs): never throws, valid, every heading a section, positions inside the file`, () => {
    const markdownish = fc.string({ unit: fc.constantFrom(...syntax, 'a', 'b', ' ', '\n', '\n\n', 'é', '😀', '\uD800', ':', '---\n'), maxLength: 120 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), markdownish), (source) => {
        const result = parsePostmortem(source, options);
        const hasFrontmatter = source.startsWith('---') || source.startsWith('\uFEFF---');
        checkInvariants(source, result, hasFrontmatter || source.charCodeAt(0) === 0xfeff ? undefined : source);
      }),
      { seed, numRuns: runs.text },
    );
  });

  it(`random bytes decoded with decodeUtf8 (${runs.bytes} runs)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const { text } = decodeUtf8(bytes);
        checkInvariants(text, parsePostmortem(text, options));
      }),
      { seed, numRuns: runs.bytes },
    );
  });

  it(`mutated real postmortems (${runs.mutated} runs, ${corpus.length} files): headings, positions, determinism`, () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 12 }), (index, mutations) => {
        const body = mutate(bodyOf(corpus[index]!), mutations);
        const source = frontmatter + body;
        const result = parsePostmortem(source, options);
        checkInvariants(source, result, '\n'.repeat(frontmatterLines) + body, frontmatterLines + 1);
        expect(parsePostmortem(source, options)).toEqual(result);
      }),
      { seed, numRuns: runs.mutated },
    );
  });

  it(`deterministic after the caller deep-mutates an earlier result (${runs.mutateResult} runs)`, () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { maxLength: 4 }), (index, mutations) => {
        const source = mutations.length === 0 ? corpus[index]! : frontmatter + mutate(bodyOf(corpus[index]!), mutations);
        const first = parsePostmortem(source, options);
        const snapshot = structuredClone(first);
        vandalise(first);
        expect(parsePostmortem(source, options)).toEqual(snapshot);
      }),
      { seed, numRuns: runs.mutateResult },
    );
  });
});

/** Changes every string, number, array and object reachable from `value`, in place. */
function vandalise(value: unknown, seen = new Set<unknown>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) vandalise(item, seen);
    value.push('vandalised', { vandalised: true });
    value.reverse();
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === 'string') record[key] = item + ' vandalised';
    else if (typeof item === 'number') record[key] = item + 1;
    else vandalise(item, seen);
  }
  record['vandalised'] = true;
}
