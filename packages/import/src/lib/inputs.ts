/** Reading inputs within the limits: a file too large is refused before it is read whole. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '@postmortem-kb/parser';
import { diagnostic } from './document.js';

export type ReadResult = { ok: true; data: Buffer } | { ok: false; diagnostic: Diagnostic };

export async function readInput(path: string, maxBytes: number): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (!info.isFile())
      return { ok: false, diagnostic: diagnostic(path, 'import-unreadable', 'error', 'Unexpected directory or special file, expected a regular file') };
    if (info.size > maxBytes)
      return {
        ok: false,
        diagnostic: diagnostic(path, 'import-too-large', 'error', `Unexpected file of ${info.size} bytes, expected at most ${maxBytes}; not imported`),
      };
    return { ok: true, data: await readFile(path) };
  } catch (error) {
    return {
      ok: false,
      diagnostic: diagnostic(path, 'import-unreadable', 'error', `Cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`),
    };
  }
}

export function decodeText(data: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(data);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The files an input names: itself, or for a directory every file below it whose name ends
 * in one of `extensions` (dot-directories and `node_modules` skipped), sorted for a stable order.
 */
export async function expandInput(path: string, extensions: readonly string[]): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isDirectory()) return [path];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(full);
      } else if (entry.isFile() && extensions.some((extension) => entry.name.toLowerCase().endsWith(extension))) found.push(full);
    }
  };
  await walk(path);
  return found;
}
