/**
 * Reading postmortems from disk: find the files, decode them, parse them, sort them,
 * and check what only the whole corpus can tell (duplicate ids, dangling links).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { checkCorpus } from './corpus-rules.js';
import { parsePostmortem, type ParseOptions } from './parse.js';
import type { Postmortem } from './schema.js';
import { loadTaxonomy, taxonomyFileName, type Taxonomy } from './taxonomy.js';
import { failedPostmortem } from './failed.js';

export interface LoadOptions extends Omit<ParseOptions, 'path' | 'taxonomy'> {
  /** A taxonomy, a path to `taxonomy.yaml`, or false for none. Default: `taxonomy.yaml` in the directory, if present. */
  taxonomy?: Taxonomy | string | false;
  /** Files larger than this many bytes are not parsed and get a `too-large` error. Default 1 MB. */
  maxBytes?: number;
  /** Report paths relative to this directory (default: the current working directory). */
  cwd?: string;
}

export const defaultMaxBytes = 1_000_000;

/** Every `*.md` below `dir`, skipping `_`-prefixed files, README.md and dot-directories. */
export async function findPostmortemFiles(paths: string | readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const info = await stat(path);
    if (info.isFile()) {
      found.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile() || !isPostmortemFileName(entry.name)) continue;
      const full = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
      if (relative(path, full).split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules')) continue;
      found.push(full);
    }
  }
  return [...new Set(found)].sort();
}

export function isPostmortemFileName(name: string): boolean {
  return /\.md$/i.test(name) && !name.startsWith('_') && name.toLowerCase() !== 'readme.md' && name !== taxonomyFileName;
}

/** Parses every postmortem below `dir`, sorted by date then slug. */
export async function loadPostmortems(dir: string, options: LoadOptions = {}): Promise<Postmortem[]> {
  const taxonomy = await resolveTaxonomy(options.taxonomy, [dir]);
  return loadPostmortemFiles(await findPostmortemFiles(dir), { ...options, taxonomy: taxonomy ?? false });
}

/** Parses the given files (and directories), sorted by date then slug, with corpus checks. */
export async function loadPostmortemFiles(paths: readonly string[], options: LoadOptions = {}): Promise<Postmortem[]> {
  const files = await findPostmortemFiles(paths);
  const taxonomy = await resolveTaxonomy(options.taxonomy, paths);
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const postmortems: Postmortem[] = [];
  for (const file of files) {
    const path = relative(cwd, file) || file;
    postmortems.push(await parseFile(file, path, { ...options, taxonomy, maxBytes }));
  }
  sortPostmortems(postmortems);
  checkCorpus(postmortems);
  return postmortems;
}

async function parseFile(file: string, path: string, options: Omit<LoadOptions, 'taxonomy'> & { taxonomy: Taxonomy | null; maxBytes: number }): Promise<Postmortem> {
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

export function sortPostmortems(postmortems: Postmortem[]): Postmortem[] {
  return postmortems.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.slug.localeCompare(b.slug));
}

async function resolveTaxonomy(option: LoadOptions['taxonomy'], paths: readonly string[]): Promise<Taxonomy | null> {
  if (option === false) return null;
  if (typeof option === 'object') return option;
  if (typeof option === 'string') return loadTaxonomy(option);
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    const dir = info?.isFile() ? dirname(path) : path;
    const candidate = join(dir, taxonomyFileName);
    if (await stat(candidate).then((found) => found.isFile(), () => false)) return loadTaxonomy(candidate);
  }
  return null;
}
