/**
 * A postmortem from named values (CSV cells, Notion properties): frontmatter for the
 * metadata fields, a section per text field, and every other value under "Details", so
 * nothing in the row is lost.
 */
import type { ColumnField } from '../formats.js';

export interface StubValue {
  /** The column or property name as written. */
  label: string;
  field: ColumnField | null;
  value: string;
}

const listFields = new Set<ColumnField>(['services', 'categories', 'tags', 'authors', 'sources']);
const sectionHeadings: Partial<Record<ColumnField, string>> = {
  summary: 'Summary',
  impact: 'Impact',
  timeline: 'Timeline',
  rootCause: 'Root cause',
  trigger: 'Trigger',
  detection: 'Detection',
  resolution: 'Resolution',
  actionItems: 'Action items',
  lessons: 'Lessons learned',
};
const statuses = new Map([
  ['draft', 'draft'],
  ['in review', 'in-review'],
  ['in-review', 'in-review'],
  ['review', 'in-review'],
  ['final', 'final'],
  ['published', 'final'],
  ['complete', 'final'],
]);

export function splitList(value: string): string[] {
  return value
    .split(/[,;|\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function categoryId(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Markdown-escapes text for a single line (it came from a cell, not from markdown). */
function inline(value: string): string {
  return value
    .replace(/[\\`*_[\]<>#|]/g, (char) => `\\${char}`)
    .split('\n')
    .map((line) => line.trim())
    .join(' ');
}

export function buildStub(values: readonly StubValue[]): { frontmatter: Record<string, unknown>; body: string } {
  const frontmatter: Record<string, unknown> = {};
  const sections: string[] = [];
  const details: string[] = [];
  const leading: string[] = [];
  for (const { label, field, value: raw } of values) {
    const value = raw.trim();
    if (value === '' || field === 'ignore') continue;
    if (field === null) {
      details.push(`- **${inline(label)}:** ${inline(value)}`);
      continue;
    }
    const heading = sectionHeadings[field];
    if (heading !== undefined) {
      const text =
        field === 'actionItems' || field === 'timeline'
          ? value
              .split(/\r?\n/)
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line) => `- ${line.replace(/^[-*•]\s*/, '')}`)
              .join('\n')
          : value;
      sections.push(`## ${heading}\n\n${text}`);
      continue;
    }
    if (field === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const iso = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(value);
      // A date the frontmatter cannot hold stays a labelled line, which the parser reads in many forms.
      if (iso) frontmatter.date = iso[1];
      else leading.push(`**Date:** ${inline(value)}`);
      continue;
    }
    if (field === 'status') {
      const status = statuses.get(value.toLowerCase());
      if (status !== undefined) frontmatter.status = status;
      else details.push(`- **${inline(label)}:** ${inline(value)}`);
      continue;
    }
    if (listFields.has(field)) {
      const items = splitList(value).map((item) => (field === 'categories' ? categoryId(item) : item));
      frontmatter[field] = [...((frontmatter[field] as string[] | undefined) ?? []), ...items];
      continue;
    }
    frontmatter[field] = value;
  }
  if (details.length > 0) sections.push(`## Details\n\n${details.join('\n')}`);
  return { frontmatter, body: [...leading, ...sections].join('\n\n') };
}
