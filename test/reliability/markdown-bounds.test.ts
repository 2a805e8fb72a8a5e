/**
 * The markdown pre-scan's decisions: shapes micromark handles in quadratic time are refused
 * before parsing, with a positioned `too-large` error and the body kept verbatim, and the same
 * characters in ordinary amounts are parsed. No wall-clock assertion: the test timeout is only
 * a safety net (before the fix these shapes took from 8 s to minutes each).
 */
import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '@postmortem-kb/parser';
import { precheckMarkdown } from '../../packages/parser/src/lib/limits.js';

const delimiterMessage =
  'Unexpected number of emphasis, strikethrough and link delimiters (`*`, `_`, `~`, `[`, `]`) in one paragraph, expected far fewer (they take quadratic time to pair); the body is kept as preformatted text';

/** Text content of the rendered HTML (tags dropped, rehype-stringify's entities decoded). */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

describe('delimiters that look back over the paragraph', { timeout: 60_000 }, () => {
  it.each([
    ['`~a` × 40,000 (strikethrough)', '~a'.repeat(40_000)],
    ['`~~a` × 40,000 (strikethrough)', '~~a'.repeat(40_000)],
    ['`a]` × 40,000 (a `]` with no `[` scans the whole paragraph)', 'a]'.repeat(40_000)],
    ['`](b` × 40,000', '](b'.repeat(40_000)],
    ['`*a**a***a` × 3,400 (runs that can never pair)', '*a**a***a'.repeat(3_400)],
    ['`_a` × 40,000', '_a'.repeat(40_000)],
    ['`a~b_c]` over 4,000 lines of one paragraph', 'a~b_c]\n'.repeat(4_000)],
  ])('%s: positioned too-large, content kept', (_, shape) => {
    const source = `---\ntitle: T\n---\n# T\n\n${shape}`;
    const result = parsePostmortem(source, { path: 'hostile.md' });
    expect(
      result.diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'too-large')
        .map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`),
    ).toEqual([`6:1 ${delimiterMessage}`]);
    expect(htmlText(result.html)).toContain(shape);
  });

  it('counts the events a `]` passes, not only other delimiters (200 `]` after 100,000 escapes)', () => {
    expect(precheckMarkdown('\\!'.repeat(100_000) + ']'.repeat(200))).toMatchObject({ line: 1, column: 1, message: delimiterMessage });
    expect(precheckMarkdown('\\!'.repeat(100_000) + '\n\n' + ']'.repeat(200))).toBeNull();
  });

  it('charges each paragraph on its own: 300 paragraphs of 100 delimiters each pass', () => {
    const paragraph = 'Use `snake_case` ~~not~~ [links][] and *emphasis* ] '.repeat(15);
    expect(precheckMarkdown(Array.from({ length: 300 }, () => paragraph).join('\n\n'))).toBeNull();
  });

  it('passes a 2,000-line block with delimiters on every line', () => {
    const block = Array.from({ length: 2_000 }, (_, index) => `| ${index} | some_name |`).join('\n');
    expect(precheckMarkdown(block)).toBeNull();
  });

  it('skips fenced code at column 1 (a pasted log), but not after an HTML block could have started', () => {
    const log = Array.from({ length: 5_000 }, (_, index) => `${index} db_pool_size=10 max_conn_count=[a] ~ok~`).join('\n');
    expect(precheckMarkdown(`# Log\n\n\`\`\`log\n${log}\n\`\`\`\n\nAfter.`)).toBeNull();
    expect(precheckMarkdown(`# Log\n\n~~~~\n${log}\n\`\`\`\n~~~~\n`)).toBeNull();
    // Inside `<pre>` the fence line is HTML text, and the lines after `</pre>` are a paragraph.
    expect(precheckMarkdown(`<pre>\n\`\`\`\n</pre>\n${log}`)).toMatchObject({ message: delimiterMessage });
    // An indented fence may belong to a list item that the next unindented line closes.
    expect(precheckMarkdown(`- item\n  \`\`\`\n${log}`)).toMatchObject({ message: delimiterMessage });
    // Not a fence: a backtick in the info string.
    expect(precheckMarkdown(`\`\`\` a \` b\n${log}`)).toMatchObject({ message: delimiterMessage });
  });
});

describe('nested containers', { timeout: 60_000 }, () => {
  it('refuses 20,000 list items nested up to 30 deep (the cost grows with depth), positioned', () => {
    const source = Array.from({ length: 20_000 }, (_, index) => ' '.repeat((index % 30) * 2) + '- a').join('\n');
    const limit = precheckMarkdown(source);
    expect(limit?.message).toMatch(/^Unexpected number of list items and block quotes \(or their nesting\) for a body of \d+ characters/);
    expect(limit?.line).toBeGreaterThan(1_000);
    expect(limit?.line).toBeLessThan(10_000);
    const result = parsePostmortem(source, { path: 'nested.md' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'too-large')).toHaveLength(1);
    expect(htmlText(result.html)).toContain(source.split('\n').slice(-3).join('\n'));
  });

  it('still parses 40,000 flat list items and 2,000 items nested 3 deep', () => {
    expect(precheckMarkdown('- x\n'.repeat(40_000))).toBeNull();
    expect(precheckMarkdown(Array.from({ length: 2_000 }, (_, index) => ' '.repeat((index % 3) * 2) + '- item').join('\n'))).toBeNull();
  });
});
