/**
 * What every converter produces: one postmortem as frontmatter fields and a markdown body,
 * the images it embeds, and positioned diagnostics for what could not be converted.
 */
import { stringify } from 'yaml';
import type { Diagnostic } from '@postmortem-kb/parser';

export interface ImportedAsset {
  /** Path relative to the output directory, as linked from the body (`images/<hash>.png`). */
  path: string;
  data: Uint8Array;
}

export interface ImportedDocument {
  /** The file it came from. */
  source: string;
  /** Which record of that file, when it holds several (`issue #12`, `row 4`). */
  record?: string;
  /** Frontmatter fields in the project's schema (title, date, severity, …); may be empty. */
  frontmatter: Record<string, unknown>;
  /** The markdown body. */
  body: string;
  assets: ImportedAsset[];
  /** Problems converting this document (its content is still written). */
  diagnostics: Diagnostic[];
}

export interface ImportResult {
  documents: ImportedDocument[];
  /** Inputs, or parts of inputs, that were refused or could not be read. */
  diagnostics: Diagnostic[];
}

/** The file as written: YAML frontmatter (when there are fields) and the body. */
export function composeMarkdown(document: Pick<ImportedDocument, 'frontmatter' | 'body'>): string {
  const fields = Object.fromEntries(
    Object.entries(document.frontmatter).filter(
      ([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && value !== '',
    ),
  );
  const body = document.body.trim();
  const head = Object.keys(fields).length === 0 ? '' : `---\n${stringify(fields, { lineWidth: 0 }).trimEnd()}\n---\n\n`;
  return body === '' ? (head === '' ? '\n' : head.trimEnd() + '\n') : `${head}${body}\n`;
}

export function diagnostic(path: string, ruleId: string, severity: Diagnostic['severity'], message: string, line = 1, column = 1): Diagnostic {
  return { ruleId, severity, message, path, line: Math.max(1, line), column: Math.max(1, column) };
}
