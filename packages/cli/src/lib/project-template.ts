/**
 * Reading a project's `_template.md` for `postmortem new`. The template arrives with the
 * repository, so it is untrusted: a symbolic link (git stores them) to `/proc/self/environ`
 * would copy the environment, secrets included, into the new postmortem; `/dev/zero` would
 * fill memory; a FIFO would hang. Only a regular file of bounded size is read.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { describeFileKind } from './file-kind.js';
import { UsageError } from './usage-error.js';

export const projectTemplateName = '_template.md';
/** Larger templates are refused: the built-in one is under 3 KB. */
export const maxTemplateBytes = 256 * 1024;

/**
 * The text of `<dir>/_template.md`, or null when there is none. A template that is a symbolic
 * link or not a regular file, or larger than `maxTemplateBytes`, is a `UsageError` naming `shownPath`.
 */
export async function readProjectTemplate(dir: string, shownPath: string): Promise<string | null> {
  const path = join(dir, projectTemplateName);
  const refuse = (problem: string): never => {
    throw new UsageError(`refusing the template ${shownPath}: ${problem}`);
  };
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return refuse(`cannot read it (${code ?? (error as Error).message})`);
  }
  if (!info.isFile()) refuse(`it is ${describeFileKind(info)}, expected a regular file`);

  // O_NOFOLLOW and O_NONBLOCK: a file swapped for a symlink or a FIFO after the lstat is not followed, nor waited on.
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  const handle = await open(path, flags).catch((error: NodeJS.ErrnoException) =>
    refuse(error.code === 'ELOOP' ? 'it is a symbolic link, expected a regular file' : `cannot read it (${error.code ?? error.message})`),
  );
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) refuse(`it is ${describeFileKind(opened)}, expected a regular file`);
    if (opened.size > maxTemplateBytes) refuse(`it has ${opened.size} bytes, expected at most ${maxTemplateBytes}`);
    // Read at most one byte past the cap whatever the size said: the file may grow meanwhile.
    const buffer = Buffer.alloc(maxTemplateBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxTemplateBytes) refuse(`it has more than ${maxTemplateBytes} bytes, expected at most ${maxTemplateBytes}`);
    }
    // Bytes that are not UTF-8 become U+FFFD, as in a postmortem (the parser's decodeUtf8).
    return new TextDecoder('utf-8').decode(buffer.subarray(0, length));
  } finally {
    await handle.close();
  }
}
