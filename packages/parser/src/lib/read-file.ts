/**
 * Reading one postmortem file from disk, size-capped, without the parser: the main thread
 * reads (and digests) files whose parsing happens in a worker.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { failedPostmortem } from './failed.js';
import type { Postmortem } from './schema.js';

/** O_NONBLOCK: a file swapped for a FIFO after it was listed is not waited on (regular files ignore it). */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

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
