// Child process for test/reliability/pathological.test.ts: parses one file and prints a JSON
// summary on stdout. Run with `--experimental-permission --allow-fs-read=*` (no write, no child
// processes), so a parse that tried to write a file or spawn anything would fail loudly.
//
//   node parse-child.mjs parse <file> [<needle-file>]   parsePostmortem(decodeUtf8(bytes).text) twice
//   node parse-child.mjs load <file>                    loadPostmortemFiles([file]) (default 1 MB cap)
import { readFileSync } from 'node:fs';
import { decodeUtf8, loadPostmortemFiles, parsePostmortem, postmortemSchema } from '@postmortem-kb/parser';

const [mode, file, needleFile] = process.argv.slice(2);

/**
 * @param {string} text
 * @param {import('@postmortem-kb/parser').Diagnostic[]} diagnostics
 */
function positionsInside(text, diagnostics) {
  const lines = text.split('\n');
  return diagnostics.every((d) => d.line >= 1 && d.line <= lines.length && d.column >= 1 && d.column <= (lines[d.line - 1] ?? '').length + 1);
}

/**
 * Text content of sanitized HTML (tags dropped, the entities rehype-stringify writes decoded).
 * @param {string} html
 */
function htmlText(html) {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

if (mode === 'load') {
  const started = performance.now();
  const [postmortem] = await loadPostmortemFiles([file], { cwd: '/', today: '2026-01-01' });
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, diagnostics: postmortem.diagnostics, schemaOk: postmortemSchema.safeParse(postmortem).success }));
} else {
  const { text } = decodeUtf8(readFileSync(file));
  const started = performance.now();
  const first = parsePostmortem(text, { path: 'input.md', today: '2026-01-01' });
  const ms = performance.now() - started;
  const second = parsePostmortem(text, { path: 'input.md', today: '2026-01-01' });
  const needle = needleFile ? readFileSync(needleFile, 'utf8') : null;
  const visible = needle === null ? '' : htmlText(first.html);
  process.stdout.write(
    JSON.stringify({
      ms,
      schemaOk: postmortemSchema.safeParse(first).success,
      deterministic: JSON.stringify(first) === JSON.stringify(second),
      positionsOk: positionsInside(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, first.diagnostics),
      diagnostics: first.diagnostics,
      sections: first.sections.map((section) => ({ heading: section.heading, line: section.line, text: section.text.slice(0, 200) })),
      title: first.title,
      summary: first.summary.slice(0, 2000),
      extra: first.extra,
      extraOwnKeys: Object.getOwnPropertyNames(first.extra),
      extraPrototypeIsObject: Object.getPrototypeOf(first.extra) === Object.prototype,
      prototypeClean:
        Object.getOwnPropertyNames(Object.prototype).every((key) => !['polluted', 'isAdmin', 'x', 'title'].includes(key)) && {}.polluted === undefined,
      timelineLength: first.timeline.length,
      htmlLength: first.html.length,
      htmlKeepsNeedle: needle === null ? null : visible.includes(needle),
    }),
  );
}
