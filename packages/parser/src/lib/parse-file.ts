/**
 * One file from disk to a `Postmortem`: size cap, UTF-8 decoding, parsing. Runs in the
 * main thread or in a parse worker (`parse-worker.ts`); takes and returns plain data only.
 */
import { readFile, stat } from 'node:fs/promises';
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
}

export async function parseFile(file: string, path: string, options: FileParseOptions): Promise<Postmortem> {
  const info = await stat(file);
  if (info.size > options.maxBytes) {
    return failedPostmortem(path, 'too-large', `Unexpected file of ${info.size} bytes, expected at most ${options.maxBytes} bytes (raise maxBytes to parse it)`);
  }
  const source = decodeUtf8(await readFile(file));
  const postmortem = parsePostmortem(source.text, {
    path,
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}),
    ...(options.today ? { today: options.today } : {}),
  });
  if (source.invalid) {
    postmortem.diagnostics.unshift({ ruleId: 'binary-content', severity: 'warning', message: 'Unexpected bytes that are not UTF-8, expected UTF-8 text; they are read as U+FFFD', path, line: 1, column: 1 });
  }
  return postmortem;
}

export function decodeUtf8(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalid: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalid: true };
  }
}
