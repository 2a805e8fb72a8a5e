/**
 * Writing a whole file so that readers see the old content or the new, never a part: the
 * text goes to a temporary file in the same directory, is flushed to disk, and is then
 * renamed (or, when nothing may be replaced, hard-linked) onto the target. A failed write
 * (disk full, read-only directory) removes the temporary file and leaves the target as it was.
 */
import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Replace an existing file (default). When false, an existing target fails with `EEXIST`. */
  overwrite?: boolean;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(temporary, 'wx');
  let published = false;
  try {
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    if (options.overwrite === false) await publishWithoutReplacing(temporary, path, data);
    else await rename(temporary, path);
    published = true;
  } finally {
    if (!published || options.overwrite === false) await unlink(temporary).catch(() => {});
  }
}

/** `link` fails with EEXIST when the target exists, which `rename` would silently replace. */
async function publishWithoutReplacing(temporary: string, path: string, data: string | Uint8Array): Promise<void> {
  try {
    await link(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // File systems without hard links: open the target exclusively and copy (not atomic, but never replacing).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    const target = await open(path, 'wx');
    let written = false;
    try {
      await target.writeFile(data);
      await target.sync();
      written = true;
    } finally {
      await target.close();
      if (!written) await unlink(path).catch(() => {});
    }
  }
}
