/**
 * One file from disk to a `Postmortem`: size cap, UTF-8 decoding, parsing. Runs in the
 * main thread or in a parse worker (`parse-worker.ts`); takes and returns plain data only.
 *
 * Reads are synchronous: parsing a file blocks its thread far longer than reading it does,
 * and an awaited read per file left the thread idle for about a tenth of a load (each
 * `stat` and `readFile` is a round trip through libuv's thread pool).
 */
import type { RuleSettings } from '../lint/settings.js';
import { decodeUtf8 } from './decode-utf8.js';
import { ownStrings } from './own-strings.js';
import { parsePostmortem } from './parse.js';
import { readPostmortemFile } from './read-file.js';
import type { Postmortem } from './schema.js';
import type { Taxonomy } from './taxonomy.js';

/** What parsing one file needs: structured-cloneable, so it can be sent to a worker. */
export interface FileParseOptions {
  timezone?: string | undefined;
  taxonomy: Taxonomy | null;
  today?: string | undefined;
  maxBytes: number;
  /** Rule settings: rules set to `off` do not run. */
  rules?: RuleSettings | undefined;
}

/**
 * Reads and parses one file; a file over `maxBytes` is not read and gets a `too-large` error,
 * one that cannot be read (permissions, not a regular file) an `unreadable` error.
 */
export function parseFile(file: string, path: string, options: FileParseOptions, folder?: string): Postmortem {
  const read = readPostmortemFile(file, path, options.maxBytes);
  return 'failed' in read ? read.failed : parseFileBytes(read.bytes, path, options, folder);
}

/** Decodes (UTF-8, invalid bytes reported) and parses the contents of the file at `path`, in `folder` below the loaded root. */
export function parseFileBytes(bytes: Uint8Array, path: string, options: FileParseOptions, folder?: string): Postmortem {
  const source = decodeUtf8(bytes);
  const postmortem = parsePostmortem(source.text, {
    path,
    ...(folder ? { folder } : {}),
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}),
    ...(options.today ? { today: options.today } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
  });
  if (source.invalid) {
    postmortem.diagnostics.unshift({
      ruleId: 'binary-content',
      severity: 'warning',
      message: 'Unexpected bytes that are not UTF-8, expected UTF-8 text; they are read as U+FFFD',
      path,
      line: 1,
      column: 1,
    });
  }
  // A loaded corpus keeps every postmortem: without its own strings, each would keep its file's text.
  return ownStrings(postmortem, htmlKey);
}

const htmlKey: ReadonlySet<string> = new Set(['html']);
