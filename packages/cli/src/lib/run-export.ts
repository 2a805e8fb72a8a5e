/** What `postmortem export` does once its options are parsed (loaded only when it runs). */
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { hasErrors, type Postmortem } from '@postmortem-kb/parser/corpus';
import type { ExportFormat, ExportOptions } from '../commands/export.js';
import { writeFileAtomic } from './atomic-write.js';
import type { RunContext } from './context.js';
import { loadCorpus, resolveInputPaths } from './corpus.js';
import { postmortemsToCsv } from './format-csv.js';
import { formatStylishLine, sortDiagnostics } from './format-diagnostics.js';
import { stringifyJson } from './terminal-text.js';
import { UsageError } from './usage-error.js';

export async function runExport(paths: readonly string[], options: ExportOptions, context: RunContext): Promise<number> {
  const format: ExportFormat = options.json === true ? 'json' : (options.format ?? 'json');
  const config = await context.config();
  const inputs = await resolveInputPaths(paths, context.cwd);
  const filesRead: string[] = [];
  const postmortems = await loadCorpus(inputs, { cwd: context.cwd, config, stderr: context.stderr, filesRead });

  const text = serialise(postmortems, format);
  if (options.output !== undefined) {
    const target = resolve(context.cwd, options.output);
    const input = await sameFileAsOneOf(target, filesRead);
    if (input !== null)
      throw new UsageError(`refusing to write over ${options.output}: it is an input (${relative(context.cwd, input) || input}); choose another --output file`);
    await writeFileAtomic(target, text).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot write ${options.output}: ${error.code === 'ENOENT' ? 'its directory does not exist' : (error.code ?? error.message)}`);
    });
  } else context.stdout.writeData(text);

  const errors = sortDiagnostics(postmortems.flatMap((postmortem) => postmortem.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')));
  for (const error of errors) context.stderr.line(formatStylishLine(error, context.stderr.colors));
  return postmortems.some((postmortem) => hasErrors(postmortem.diagnostics)) ? 1 : 0;
}

/** The file of `files` that `target` is (the same inode, through links), or null; null when `target` does not exist. */
async function sameFileAsOneOf(target: string, files: readonly string[]): Promise<string | null> {
  const info = await stat(target).catch(() => null);
  if (info === null) return null;
  for (const file of files) {
    const other = await stat(file).catch(() => null);
    if (other !== null && other.dev === info.dev && other.ino === info.ino) return file;
  }
  return null;
}

function serialise(postmortems: readonly Postmortem[], format: ExportFormat): string {
  switch (format) {
    case 'json':
      return `${stringifyJson(postmortems, 2)}\n`;
    case 'ndjson':
      return postmortems.map((postmortem) => `${stringifyJson(postmortem)}\n`).join('');
    case 'csv':
      return postmortemsToCsv(postmortems);
  }
}
