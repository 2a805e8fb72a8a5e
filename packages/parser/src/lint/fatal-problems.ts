/**
 * Fatal problems: a file that could not be read as a postmortem (or only in part). They are
 * not rules: they carry an id for the output, but no configuration may turn them off or change
 * their severity (ESLint's `fatal: true`), and setting one is a configuration error.
 */
import type { RuleMeta, Severity } from './define-rule.js';

export interface FatalProblem<Id extends string = string> {
  meta: RuleMeta<Id> & { scope: 'file' };
  fatal: true;
}

function fatalProblem<const Id extends string>(id: Id, severity: Severity, description: string, docs: string): FatalProblem<Id> {
  return { meta: { id, severity, scope: 'file', description, docs }, fatal: true };
}

export const frontmatterLanguage = fatalProblem(
  'frontmatter-language',
  'error',
  'Frontmatter must be YAML (`---`); `---js` and other languages are refused, never evaluated.',
  'Frontmatter is YAML (`---`); `---js` and other languages are refused, never evaluated.',
);
export const frontmatterUnclosed = fatalProblem(
  'frontmatter-unclosed',
  'error',
  'Frontmatter opened with `---` must be closed by `---`.',
  'Frontmatter opened with `---` is closed by `---` (else the whole file is read as markdown).',
);
export const frontmatterYaml = fatalProblem(
  'frontmatter-yaml',
  'error',
  'Frontmatter must be valid YAML (aliases limited).',
  'Frontmatter is valid YAML (at most 50 alias expansions, nesting at most 64 deep, at most 10,000 keys and values, no duplicate keys).',
);
export const binaryContent = fatalProblem(
  'binary-content',
  'warning',
  'The file contains NUL bytes.',
  'The file has NUL bytes or bytes that are not UTF-8 (read as U+FFFD).',
);
export const tooLarge = fatalProblem(
  'too-large',
  'error',
  'The file is larger than the configured size cap and was not parsed.',
  "The file is over the size cap (not parsed), needs more than the worker's memory, or its markdown is nested too deep or too costly to parse (body kept as preformatted text).",
);
export const timeout = fatalProblem(
  'timeout',
  'error',
  'Parsing the file took longer than the per-file time limit.',
  'Parsing the file took longer than the per-file time limit (10 s by default, in worker threads).',
);
export const parseFailure = fatalProblem(
  'parse-failure',
  'error',
  'The parser failed on this file (a bug: please report it).',
  'The parser or its worker failed on this file (a bug: please report it).',
);
export const unreadable = fatalProblem(
  'unreadable',
  'error',
  'The file could not be read (no permission, or not a regular file).',
  'The file could not be read: no permission (`EACCES`), or not a regular file. Not a parser bug.',
);
export const corpusTimeBudget = fatalProblem(
  'corpus-time-budget',
  'error',
  'The corpus checks (duplicate ids, links, recurrences) ran over the per-run time budget; those not finished are named.',
  "The corpus checks (`duplicate-id`, `duplicate-slug`, `unknown-related`, `recurrence`) run in the main thread after parsing, within a time budget per run (30 s; `corpusBudgetMs` in the parser's load options): past it the rest are not run and this error, on the first postmortem, names them.",
);
export const tooManyValues = fatalProblem(
  'too-many-values',
  'error',
  'More than 20 `categories`, 100 `services` or 100 `tags` in one file: the rest are ignored (kept in `extra` as `ignored:<key>`).',
  'At most 20 `categories`, 100 `services` and 100 `tags` in one file (aliases merged): the values past the cap are not used and the message says how many; they are kept in `extra` as `ignored:<key>`.',
);
