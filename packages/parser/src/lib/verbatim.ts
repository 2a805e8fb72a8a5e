/**
 * The text of a file that could not be read as a postmortem, as a site shows it: its first
 * bytes, decoded as UTF-8 (bytes that are not UTF-8 read as U+FFFD).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { decodeUtf8 } from './decode-utf8.js';

/** At most this many bytes of a file are shown verbatim by default. */
export const verbatimLimit = 1_000_000;

/** O_NONBLOCK: a file swapped for a FIFO is not waited on (regular files ignore it). */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The first `limit` bytes of `file` as text: of `bytes` when the file was read already, else
 * read from disk (a file over the size cap was never read whole). Undefined when it is not a
 * regular file or cannot be read.
 */
export function verbatimText(file: string, bytes?: Uint8Array, limit = verbatimLimit): string | undefined {
  if (bytes) return decodeUtf8(bytes.subarray(0, limit)).text;
  let descriptor: number;
  try {
    descriptor = openSync(file, openFlags);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(descriptor).isFile()) return undefined;
    const buffer = Buffer.alloc(limit);
    const length = readSync(descriptor, buffer, 0, limit, 0);
    return decodeUtf8(buffer.subarray(0, length)).text;
  } catch {
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}
