/**
 * The source as text to parse: without a byte-order mark, with `\n` line endings (Windows
 * `\r\n` and old Mac `\r` rewritten, so line numbers stay those of the file), NUL bytes read
 * as U+FFFD (and reported).
 */
import type { DiagnosticSink } from './diagnostics.js';

export function readSourceText(source: string, sink: DiagnosticSink): string {
  const unmarked = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  // Every stage after this one (frontmatter, labelled lines, stated durations) reads `\n` lines.
  const text = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  if (!text.includes('\u0000')) return text;
  sink.report('binary-content', 'Unexpected NUL byte, expected UTF-8 text; NUL bytes are read as U+FFFD', firstIndexPosition(text, '\u0000'));
  return text.replaceAll('\u0000', '\uFFFD');
}

function firstIndexPosition(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}
