/** Runs the import library on fixtures in test/fixtures/import/ and parses what it would write. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { composeMarkdown, describeImport, importDocuments, type ImportFormat, type ImportOptions, type ImportResult } from '@postmortem-kb/import';
import { parsePostmortem, type Postmortem } from '@postmortem-kb/parser';

export const importFixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
export const fixture = (...parts: string[]) => join(importFixtures, ...parts);

/** A fresh directory for the current test's inputs, removed when the test ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pmkb-import-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface Imported {
  markdown: string;
  assets: string[];
  notes: string[];
  postmortem: Postmortem;
}

export async function importAll(
  inputs: readonly string[],
  format: ImportFormat,
  options: ImportOptions = {},
): Promise<{ documents: Imported[]; refused: ImportResult['diagnostics'] }> {
  const documents: Imported[] = [];
  const refused: ImportResult['diagnostics'] = [];
  for await (const result of importDocuments(inputs, format, options)) {
    refused.push(...result.diagnostics);
    for (const document of result.documents) {
      const markdown = composeMarkdown(document);
      documents.push({
        markdown,
        assets: document.assets.map((asset) => asset.path),
        notes: document.diagnostics.map((d) => `${d.severity} ${d.message} ${d.ruleId}`),
        postmortem: parsePostmortem(markdown),
      });
    }
  }
  return { documents, refused };
}

export async function importOne(input: string, format: ImportFormat, options: ImportOptions = {}): Promise<Imported> {
  const { documents, refused } = await importAll([input], format, options);
  if (documents.length !== 1) throw new Error(`expected one document from ${input}, got ${documents.length} (${refused.map((d) => d.message).join('; ')})`);
  return documents[0]!;
}

/** The fields the import reports, plus the entries and items themselves (without line numbers). */
export function fields(postmortem: Postmortem) {
  const { recognised } = describeImport(postmortem);
  return {
    ...recognised,
    authors: postmortem.authors,
    timeline: postmortem.timeline.map(({ at, text, marker }) => ({ at, text, marker })),
    actionItems: postmortem.actionItems.map(({ text, owner, status, due, ticket }) => ({ text, owner, status, due, ticket })),
    headings: postmortem.sections.map((section) => `${section.heading} → ${section.kind ?? 'none'}`),
  };
}
