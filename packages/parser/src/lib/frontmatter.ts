/**
 * Frontmatter: split it off, parse it as YAML with a safe engine, validate it with the
 * Zod schema, and report every problem at the line of the offending key.
 *
 * We split the fences ourselves instead of calling gray-matter: gray-matter evaluates
 * `---js` blocks with `eval`, looks languages up on a plain object (`---toString`),
 * swallows an unclosed block into the frontmatter (losing the body) and caches results
 * across calls. We also need each key's position, which only a YAML CST gives.
 */
import { LineCounter, isMap, isScalar } from 'yaml';
import type { DiagnosticSink } from './diagnostics.js';
import { frontmatterSchema, type Frontmatter } from './schema.js';
import { truncate } from './text.js';
import { parseYamlDocument, type YamlLimits, type YamlResult } from './yaml-document.js';

export interface Position {
  line: number;
  column: number;
}

export interface FrontmatterResult {
  /** Validated frontmatter; fields that failed validation are left out (and reported). */
  data: Frontmatter;
  /** Position of each top-level key, for diagnostics about its value. */
  positions: Map<string, Position>;
  /** The markdown body, with the frontmatter lines blanked so positions match the file. */
  body: string;
  /** Keys the schema does not know (and invalid values under `invalid:<key>`), kept as written. */
  extra: Record<string, unknown>;
  /** Whether the file had a frontmatter block at all. */
  present: boolean;
}

// Keep the alias expansion small: a "billion laughs" document must not blow up memory.
const maxAliasCount = 50;
/** Real frontmatter nests 3 levels and holds a few hundred values at most. */
export const frontmatterYamlLimits: YamlLimits = { maxDepth: 64, maxNodes: 10_000 };
const openingFence = /^---[ \t]*$/;
const closingFence = /^(?:---|\.\.\.)[ \t]*$/;

/** Splits, parses and validates frontmatter. Never throws on content. */
export function readFrontmatter(source: string, sink: DiagnosticSink): FrontmatterResult {
  const positions = new Map<string, Position>();
  const empty: FrontmatterResult = { data: {}, positions, body: source, extra: {}, present: false };
  if (!source.startsWith('---')) return empty;

  const lines = source.split('\n');
  const first = stripCr(lines[0] ?? '');
  // `----` and longer is a thematic break, not a fence.
  if (first.startsWith('----')) return empty;

  let close = -1;
  for (let index = 1; index < lines.length; index++) {
    if (closingFence.test(stripCr(lines[index]!))) {
      close = index;
      break;
    }
  }

  if (!openingFence.test(first)) {
    sink.report(
      'frontmatter-language',
      `Unexpected \`${truncate(first, 40)}\` opening the frontmatter, expected a line of exactly \`---\` (frontmatter is YAML only and is never evaluated)`,
      { line: 1, column: 4 },
    );
    if (close === -1) return empty;
    return { ...empty, body: blankLines(lines, close), present: true };
  }

  if (close === -1) {
    sink.report('frontmatter-unclosed', 'Unexpected end of file in frontmatter, expected a closing `---` line; the whole file is read as markdown');
    return empty;
  }

  let yaml = composeYaml(lines.slice(1, close).join('\n'));
  if (yaml.problems.length > 0) {
    // `---`, a blank line, `# Incident report: …` … `---` at the end: rules around markdown, not frontmatter.
    if (opensWithHeading(lines, close)) {
      sink.report(
        'frontmatter-markdown',
        `Unexpected markdown between the \`---\` on line 1 and the one on line ${close + 1}, expected YAML frontmatter; both are read as thematic breaks and the whole file as markdown`,
        { line: 1, column: 1 },
      );
      return empty;
    }
    // `title: Post-mortem: DNS outage`: YAML cannot read it, its author meant the text after `title:`.
    const quoted = quoteValuesWithColons(lines, close);
    const retry = quoted.fixes.length > 0 ? composeYaml(quoted.text) : null;
    if (retry !== null && retry.problems.length === 0) {
      for (const fix of quoted.fixes) {
        sink.report(
          'frontmatter-unquoted-colon',
          `Unexpected \`: \` in the unquoted value of \`${fix.key}\`, expected the value quoted (\`${fix.key}: ${truncate(JSON.stringify(fix.value), 60)}\`); read as the text after \`${fix.key}:\``,
          { line: fix.line, column: fix.column },
        );
      }
      yaml = retry;
    }
  }
  const body = blankLines(lines, close);
  const { data, extra } = validate(readYaml(yaml, sink, positions), sink, positions);
  return { data, extra, positions, body, present: true };
}

interface ComposedYaml extends YamlResult {
  lineCounter: LineCounter;
}

function composeYaml(yamlText: string): ComposedYaml {
  const lineCounter = new LineCounter();
  return { ...parseYamlDocument(yamlText, frontmatterYamlLimits, lineCounter), lineCounter };
}

/** Whether the first line with text between the fences is a markdown heading (`# Title`, which YAML reads as a comment). */
function opensWithHeading(lines: readonly string[], close: number): boolean {
  for (let index = 1; index < close; index++) {
    const line = stripCr(lines[index]!);
    if (line.trim() === '') continue;
    return /^#{1,6}[ \t]+\S/.test(line);
  }
  return false;
}

// `key: value` at the top level; its value is repaired when it is plain (a quoted, flow or block value starts otherwise) and holds `: `.
const topLevelPair = /^([A-Za-z_][\w-]*)([ \t]*:[ \t]+)(\S.*)$/;
const notPlainStart = /^['"[{|>&*!%@#`]/;

/** The frontmatter lines with each such value double-quoted, and where each was. Same lines, same key columns. */
function quoteValuesWithColons(lines: readonly string[], close: number): { text: string; fixes: Array<Position & { key: string; value: string }> } {
  const fixes: Array<Position & { key: string; value: string }> = [];
  const out: string[] = [];
  for (let index = 1; index < close; index++) {
    const line = stripCr(lines[index]!);
    const match = topLevelPair.exec(line);
    const value = match === null ? '' : match[3]!.trimEnd();
    if (match === null || notPlainStart.test(value) || !/:(?:[ \t]|$)/.test(value)) {
      out.push(line);
      continue;
    }
    const [, key, separator] = match as unknown as [string, string, string];
    fixes.push({ key, value, line: index + 1, column: key.length + separator.length + 1 });
    out.push(`${key}${separator}${JSON.stringify(value)}`);
  }
  return { text: out.join('\n'), fixes };
}

function readYaml(yaml: ComposedYaml, sink: DiagnosticSink, positions: Map<string, Position>): Record<string, unknown> {
  const { document, problems, lineCounter } = yaml;
  // Line 1 of the YAML is line 2 of the file.
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + 1, column: col };
  };
  for (const problem of problems) {
    const position = at(problem.offset);
    sink.report('frontmatter-yaml', problem.message, position);
  }
  if (document === null || problems.length > 0) return {};

  const contents = document.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return {};
  if (!isMap(contents)) {
    const position = at(contents.range?.[0] ?? 0);
    sink.report('frontmatter-yaml', 'Unexpected frontmatter that is not a mapping, expected `key: value` lines', position);
    return {};
  }
  for (const pair of contents.items) {
    if (isScalar(pair.key) && pair.key.range) positions.set(String(pair.key.value), at(pair.key.range[0]));
  }

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount });
  } catch (error) {
    sink.report(
      'frontmatter-yaml',
      `Unexpected YAML aliases: ${firstLine(String((error as Error).message ?? error))}; expected at most ${maxAliasCount} alias expansions`,
      { line: 2, column: 1 },
    );
    return {};
  }
  return toPlainData(value) as Record<string, unknown>;
}

/**
 * Rebuilds parsed YAML as plain data with own properties only, so keys such as
 * `__proto__` or `constructor` stay ordinary keys and never reach a prototype.
 */
function toPlainData(value: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((item) => toPlainData(item, depth + 1));
  if (value instanceof Map) value = Object.fromEntries([...value].map(([key, item]) => [String(key), item]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      defineOwn(out, key, toPlainData((value as Record<string, unknown>)[key], depth + 1));
    }
    return out;
  }
  return value;
}

// Only known keys go through Zod (which assigns keys with `=`, so a `__proto__` key would
// become the object's prototype); unknown keys are copied as own properties instead.
const knownKeys = new Set(Object.keys(frontmatterSchema.shape));
const strictSchema = frontmatterSchema.strip();

function validate(
  data: Record<string, unknown>,
  sink: DiagnosticSink,
  positions: Map<string, Position>,
): { data: Frontmatter; extra: Record<string, unknown> } {
  const known: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    // `start_time: ""` and `severity:` say nothing: the same as leaving the key out.
    if (isEmptyValue(value)) {
      positions.delete(key);
      continue;
    }
    if (knownKeys.has(key)) known[key] = value;
    else defineOwn(extra, key, value);
  }
  const result = strictSchema.safeParse(known);
  if (result.success) return { data: result.data, extra };
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const position = positions.get(key) ?? { line: 2, column: 1 };
    const found = describeValue(issue.path.reduce<unknown>((value, segment) => (value as Record<string | number, unknown> | undefined)?.[segment], known));
    sink.report('frontmatter-schema', `Unexpected \`${issue.path.join('.') || key}\` value ${found}, expected ${expectation(issue)}`, position);
    if (key in known) {
      // The invalid value is kept in `extra` so nothing the author wrote is lost.
      defineOwn(extra, `invalid:${key}`, known[key]);
      delete known[key];
    }
  }
  const retry = strictSchema.safeParse(known);
  return { data: retry.success ? retry.data : {}, extra };
}

function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * Keys other collections write for ours, in order of precedence after our own key. Lists
 * (`services`, `tags`, `sources`) merge every key given; single values take the first.
 */
export const frontmatterAliases = {
  organization: ['company'],
  services: ['product', 'products', 'component'],
  tags: ['keywords'],
  started_at: ['start_time', 'started'],
  resolved_at: ['end_time', 'ended'],
  sources: ['source', 'url'],
} as const satisfies Record<string, readonly (keyof Frontmatter)[]>;

export type AliasedKey = keyof typeof frontmatterAliases;

/** The keys given for `key` (it and its aliases), as the author wrote them, in precedence order. */
export function keysGiven(data: Frontmatter, key: AliasedKey): Array<keyof Frontmatter> {
  return [key, ...frontmatterAliases[key]].filter((name) => data[name] !== undefined);
}

/** Where a top-level key was written, or the file's start when it was not. */
export function keyPosition(frontmatter: Pick<FrontmatterResult, 'positions'>, key: string): Position {
  return frontmatter.positions.get(key) ?? { line: 1, column: 1 };
}

/** Sets a key of `extra` as an own property, whatever its name (`__proto__` included). */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function expectation(issue: { code: string; message: string; options?: unknown; expected?: unknown }): string {
  if (issue.code === 'invalid_enum_value' && Array.isArray(issue.options)) return `one of ${issue.options.join(', ')}`;
  if (issue.code === 'invalid_type' && typeof issue.expected === 'string' && issue.expected) return `a ${issue.expected}`;
  if (issue.code === 'invalid_union') return 'a string or a list of strings (sources: a URL or `{ url, archive_url }`)';
  return issue.message.toLowerCase();
}

function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  // JSON.stringify gives undefined only for a function or symbol, whose String() is meaningful.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const text = JSON.stringify(value) ?? String(value);
  return `\`${truncate(text, 60)}\``;
}

function blankLines(lines: readonly string[], close: number): string {
  // Keep one newline per frontmatter line so markdown positions are file positions.
  return '\n'.repeat(close + 1) + lines.slice(close + 1).join('\n');
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
