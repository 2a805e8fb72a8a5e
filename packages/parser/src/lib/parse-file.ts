/**
 * One file from disk to a `Postmortem`: size cap, UTF-8 decoding, parsing. Runs in the
 * main thread or in a parse worker (`parse-worker.ts`); takes and returns plain data only.
 *
 * Reads are synchronous: parsing a file blocks its thread far longer than reading it does,
 * and an awaited read per file left the thread idle for about a tenth of a load (each
 * `stat` and `readFile` is a round trip through libuv's thread pool).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import type { RuleSettings } from '../lint/settings.js';
import { failedPostmortem } from './failed.js';
import { parsePostmortem } from './parse.js';
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

/** O_NONBLOCK: a file swapped for a FIFO after it was listed is not waited on (regular files ignore it). */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads and parses one file; a file over `maxBytes` is not read and gets a `too-large` error,
 * one that cannot be read (permissions, not a regular file) an `unreadable` error.
 */
export function parseFile(file: string, path: string, options: FileParseOptions): Postmortem {
  const read = readPostmortemFile(file, path, options.maxBytes);
  return 'failed' in read ? read.failed : parseFileBytes(read.bytes, path, options);
}

/**
 * The bytes of one file, read once through one descriptor after checking its size: a file
 * over `maxBytes` is not read (a `too-large` record), one that cannot be read (permissions, not
 * a regular file) gets an `unreadable` record. Callers that digest a file hand these same bytes
 * to `parseFileBytes`, so the digest and the parse can never see two versions of the file.
 */
export function readPostmortemFile(file: string, path: string, maxBytes: number): { bytes: Buffer } | { failed: Postmortem } {
  try {
    const fd = openSync(file, openFlags);
    try {
      // The size of the opened file, not of the path: no window for it to be swapped in between.
      const info = fstatSync(fd);
      if (!info.isFile()) return { failed: unreadable(path, 'not a regular file') };
      if (info.size > maxBytes) {
        return {
          failed: failedPostmortem(path, 'too-large', `Unexpected file of ${info.size} bytes, expected at most ${maxBytes} bytes (raise maxBytes to parse it)`),
        };
      }
      return { bytes: readFileSync(fd) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    return { failed: unreadable(path, code === 'EACCES' || code === 'EPERM' ? `${code}: permission denied` : code) };
  }
}

function unreadable(path: string, reason: string): Postmortem {
  return failedPostmortem(path, 'unreadable', `Unexpected unreadable file (${reason}), expected a regular file this user can read`);
}

/** Decodes (UTF-8, invalid bytes reported) and parses the contents of the file at `path`. */
export function parseFileBytes(bytes: Uint8Array, path: string, options: FileParseOptions): Postmortem {
  const source = decodeUtf8(bytes);
  const postmortem = parsePostmortem(source.text, {
    path,
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
  return postmortem;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

export function decodeUtf8(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), invalid: false };
  } catch {
    return { text: lenientUtf8.decode(bytes), invalid: true };
  }
}
