/**
 * YAML from untrusted files (frontmatter, `taxonomy.yaml`) with bounded time and stack.
 *
 * The `yaml` library composes nested collections recursively, so deep nesting (`[[[…`,
 * `- - - …`) overflows the stack at a position that depends on the stack left (a different
 * column each call) or exhausts memory; its `uniqueKeys` check compares every key with
 * every earlier key of the map (quadratic: 60,000 keys took 36 s). So the text is lexed
 * once into the library's CST, which is built iteratively; nesting depth and node count are
 * measured there, exactly, before anything recursive runs; and duplicate keys are found
 * with a Set instead. Every problem comes back with the offset it is about.
 */
import { Composer, isScalar, Parser, visit, type Document, type LineCounter } from 'yaml';
import type { CST } from 'yaml';

export interface YamlLimits {
  /** Collections (flow or block) nested inside one another. */
  maxDepth: number;
  /** Keys, items and scalars in the whole document. */
  maxNodes: number;
}

export interface YamlProblem {
  /** Offset in the YAML text. */
  offset: number;
  message: string;
}

export interface YamlResult {
  /** The composed document, or null when a limit refused it before composing. */
  document: Document.Parsed | null;
  /** Limit and duplicate-key problems, then the library's own errors; empty when valid. */
  problems: YamlProblem[];
}

/** Parses one YAML document (YAML 1.2 core schema, no merge keys) within `limits`. Never throws on content. */
export function parseYamlDocument(text: string, limits: YamlLimits, lineCounter?: LineCounter): YamlResult {
  try {
    const tokens = [...new Parser(lineCounter?.addNewLine).parse(text)];
    const limit = measureTokens(tokens, limits);
    if (limit) return { document: null, problems: [limit] };
    let document: Document.Parsed | null = null;
    const problems: YamlProblem[] = [];
    const composer = new Composer({ schema: 'core', version: '1.2', merge: false, uniqueKeys: false, strict: true, prettyErrors: false });
    for (const composed of composer.compose(tokens, true, text.length)) {
      if (document === null) document = composed;
      else {
        problems.push({ offset: composed.range[0], message: 'Unexpected second YAML document, expected one' });
        break;
      }
    }
    if (document === null) return { document, problems };
    problems.push(
      ...duplicateKeys(document),
      ...document.errors.map((error) => ({ offset: error.pos[0], message: `Invalid YAML: ${firstLine(error.message)}` })),
    );
    return { document, problems };
  } catch (error) {
    // Not expected within the limits; still a diagnostic, never a crash.
    return { document: null, problems: [{ offset: 0, message: `Unexpected YAML parser failure (${firstLine(String(error))}), expected valid YAML` }] };
  }
}

/** The first nesting or size limit the CST exceeds, or null. Iterative: safe at any depth. */
function measureTokens(tokens: readonly CST.Token[], limits: YamlLimits): YamlProblem | null {
  let nodes = 0;
  const stack: Array<[CST.Token, number]> = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > limits.maxDepth) {
          return {
            offset: token.offset,
            message: `Unexpected collection nested more than ${limits.maxDepth} levels deep (\`[\`, \`{\`, \`-\` or indented keys), expected at most ${limits.maxDepth}`,
          };
        }
        for (const item of token.items) {
          nodes++;
          if (item.key) stack.push([item.key, depth + 1]);
          if (item.value) stack.push([item.value, depth + 1]);
        }
        break;
      }
      case 'alias':
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        nodes++;
        break;
      default:
        break;
    }
    if (nodes > limits.maxNodes) {
      return {
        offset: 'offset' in token ? token.offset : 0,
        message: `Unexpected YAML of more than ${limits.maxNodes} keys, items and values, expected at most ${limits.maxNodes}`,
      };
    }
  }
  return null;
}

/** A problem for each key written a second time in the same mapping (scalar keys, compared by type and value). */
function duplicateKeys(document: Document.Parsed): YamlProblem[] {
  const problems: YamlProblem[] = [];
  // `visit` recurses, but only to the depth `measureTokens` has already bounded.
  visit(document, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        const identity = `${typeof value}\u0000${String(value)}`;
        if (seen.has(identity))
          problems.push({
            offset: pair.key.range?.[0] ?? 0,
            message: `Unexpected duplicate key \`${truncate(String(value), 40)}\`, expected each key once in a mapping`,
          });
        seen.add(identity);
      }
    },
  });
  return problems;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

function truncate(text: string, length: number): string {
  return text.length > length ? text.slice(0, length) + '…' : text;
}
