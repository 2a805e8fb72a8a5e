/**
 * Metadata written in the body rather than in frontmatter: a first H1 as the title,
 * `**Date:** …` / `Date: …` lines, and a `YYYY-MM-DD-` file-name prefix; and the
 * postmortem's descriptive fields, from frontmatter with those lines as fallback.
 */
import type { Paragraph, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { cellText, labelRows } from './label-table.js';
import type { Frontmatter, Postmortem, SectionKind } from './schema.js';
import { classifyHeading, headingText } from './sections.js';
import { findDate, formatDate, type SlashDateOrder } from './time.js';

export interface BodyMetadata {
  title: string | null;
  titleLine: number | null;
  /** A one-line paragraph right below the H1 (`# Incident Title` then `Cache outage`): the name when the H1 is a template's placeholder. */
  titleParagraph: string | null;
  date: string | null;
  fields: Map<string, { value: string; line: number }>;
  /**
   * Labelled paragraphs before the first H2 whose label names a section kind
   * (`**Summary:** …`, `**Root Causes:** …` in the Google SRE template): the first of each kind,
   * with the lines that follow the label in the same paragraph.
   */
  sectionFields: Map<SectionKind, { value: string; line: number }>;
}

// `**Date:** 2021-10-30`, `Date: Oct 30, 2021`, `- **Authors**: a, b` — one per line.
// The value's leading `**` is stripped in code: `:[*_]*\s*(\S.*)` backtracks polynomially.
const fieldLine = /^[\s*_-]*([A-Za-z][A-Za-z ]{0,30}?)[*_]*\s*:(.*)$/;
const knownFields = new Set([
  'date',
  'authors',
  'author',
  'status',
  'severity',
  'services',
  'service',
  'organization',
  'company',
  'owner',
  'owners',
  'systems affected',
  'affected services',
  'systems',
  'incident date',
  // When, as a line or a table row above the first section (`**Detected** | 2022-04-28 10:34`).
  'started',
  'started at',
  'start time',
  'detected',
  'detected at',
  'mitigated',
  'mitigated at',
  'resolved',
  'resolved at',
  'ended',
  'end time',
]);

// Headings whose section is one short value (`### Status` then `Final` — the Google SRE book template).
const headingFields = new Set(['date', 'incident date', 'authors', 'author', 'owners', 'owner', 'status', 'severity']);
// A value longer than this under such a heading is prose about it, not the value.
const maxHeadingValue = 120;

/**
 * Reads title, `Key: value` lines and `| **Key** | value |` table rows that come before the first H2,
 * and, anywhere, a heading that is a field label with its value below it (`### Status` / `Final`)
 * or after a colon (`## Status: Final`).
 */
export function readBodyMetadata(tree: Root): BodyMetadata {
  const metadata: BodyMetadata = { title: null, titleLine: null, titleParagraph: null, date: null, fields: new Map(), sectionFields: new Map() };
  let inSections = false;
  let valueOf: string | null = null;
  let previous: RootContent | null = null;
  // Only the first H1 may be the title: later ones are sections.
  let sawHeadingOne = false;
  for (const node of tree.children) {
    const follows = previous;
    previous = node;
    if (follows?.type === 'heading' && follows.depth === 1 && metadata.titleLine === follows.position?.start.line) {
      metadata.titleParagraph = oneLineParagraph(node);
    }
    if (node.type === 'heading') {
      valueOf = null;
      if (node.depth === 1 && !sawHeadingOne) {
        sawHeadingOne = true;
        if (!sectionNameHeading.test(headingText(node))) {
          // `# Title: Builds failing after the image upgrade` names the incident after its label.
          metadata.title = headingText(node).replace(titleLabel, '');
          metadata.titleLine = node.position?.start.line ?? null;
          continue;
        }
      }
      if (node.depth >= 2) {
        inSections = true;
        valueOf = readHeadingField(headingText(node), node.position?.start.line ?? 1, metadata);
      }
      continue;
    }
    if (valueOf !== null) {
      const value = headingFieldValue(node);
      if (value !== null && !metadata.fields.has(valueOf)) metadata.fields.set(valueOf, { value, line: node.position?.start.line ?? 1 });
      valueOf = null;
      continue;
    }
    if (inSections) continue;
    if (node.type === 'table') readFieldRows(node, metadata);
    else readFieldLines(node, metadata);
  }
  const date = metadata.fields.get('date') ?? metadata.fields.get('incident date');
  if (date) metadata.date = parseCalendarDate(date.value);
  return metadata;
}

const maxTitleParagraph = 80;
// An H1 that names a part of the report (`# Overview`, `# Metadata`) is a section, not the incident's name.
const sectionNameHeading = /^(?:overview|summary|incident summary|executive summary|metadata|details|background|introduction|description)[\s:.]*$/i;
const titleLabel = /^title\s*:\s*(?=\S)/i;

function oneLineParagraph(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const text = toString(node, { includeHtml: false }).trim();
  return text !== '' && !text.includes('\n') && text.length <= maxTitleParagraph && !/[.:]$/.test(text) ? text : null;
}

function readFieldLines(node: RootContent, metadata: BodyMetadata): void {
  const blocks = node.type === 'list' ? node.children : [node];
  for (const block of blocks) {
    if (block.type !== 'paragraph' && block.type !== 'listItem') continue;
    const startLine = block.position?.start.line ?? 1;
    const paragraph = block.type === 'paragraph' ? block : block.children.find((child) => child.type === 'paragraph');
    const text = paragraph ? labelledText(paragraph) : toString(block, { includeHtml: false });
    // A bold label in the middle of a line (`… Backup **Affected regions**: …`) starts a field of its own.
    const lines = text.split('\n').flatMap((line, offset) => line.split(labelBreak).map((part) => ({ text: part, line: startLine + offset })));
    let open: { value: string } | null = null;
    for (const { text: lineText, line } of lines) {
      const match = fieldLine.exec(lineText.trim());
      if (!match) {
        // A line without a label continues a section-valued field (a soft-wrapped paragraph).
        if (open && lineText.trim() !== '') open.value = `${open.value} ${lineText.trim()}`.trim();
        continue;
      }
      open = readField(match, line, metadata);
    }
  }
}

/**
 * A table of labels and values above the first section (a Confluence "page properties" table,
 * a report header such as `| **Detected** | 2022-04-28 10:34 |`): each row whose first cell is
 * a label is read as the line `label: value`; so is each further label and value of a table
 * that has two or more pairs per row (`| Date | 2024-03-01 | Severity | SEV2 |`). A table of
 * data under column names (`| Services | Region | Impact |`) gives nothing; it stays content.
 */
function readFieldRows(table: Table, metadata: BodyMetadata): void {
  const { rows, pairs } = labelRows(table, isKnownLabel);
  for (const row of rows) {
    for (let pair = 0; pair < pairs; pair++) {
      const labelCell = row.children[pair * 2];
      const valueCell = row.children[pair * 2 + 1];
      if (labelCell === undefined || valueCell === undefined) continue;
      const label = cellText(labelCell).replace(/:$/, '');
      const match = fieldLine.exec(`${label}: ${cellText(valueCell)}`);
      if (match) readField(match, row.position?.start.line ?? 1, metadata);
    }
  }
}

/** A label this library reads, in a label/value table. */
function isKnownLabel(key: string): boolean {
  return knownFields.has(key) || classifyHeading(key) !== null;
}

/** Stores one `label: value`; returns the field when it is section-valued (later lines may continue it). */
function readField(match: RegExpExecArray, line: number, metadata: BodyMetadata): { value: string } | null {
  const key = match[1]!.trim().toLowerCase();
  const value = match[2]!.replace(/^[*_]*/, '').trim();
  if (knownFields.has(key)) {
    if (value !== '' && !metadata.fields.has(key)) metadata.fields.set(key, { value, line });
    return null;
  }
  const kind = classifyHeading(key);
  if (kind === null || metadata.sectionFields.has(kind)) return null;
  const field = { value, line };
  metadata.sectionFields.set(kind, field);
  return field;
}

/** `## Status: Final` stores the field; `### Status` returns the key whose value is the next block. */
function readHeadingField(heading: string, line: number, metadata: BodyMetadata): string | null {
  const match = fieldLine.exec(heading);
  const key = (match ? match[1]! : heading).trim().toLowerCase();
  if (!headingFields.has(key)) return null;
  const value = match?.[2]!.trim() ?? '';
  if (value === '') return key;
  if (value.length <= maxHeadingValue && !metadata.fields.has(key)) metadata.fields.set(key, { value, line });
  return null;
}

/** A short paragraph, or a list of short items (`- jennifer` / `- martym` → `jennifer, martym`). */
function headingFieldValue(node: RootContent): string | null {
  const parts = node.type === 'list' ? node.children.map((item) => toString(item, { includeHtml: false })) : node.type === 'paragraph' ? [toString(node)] : [];
  const value = parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(', ');
  return value !== '' && value.length <= maxHeadingValue && !value.includes('\n') ? value : null;
}

const labelBreak = '\u0001';

/** The paragraph's text with `labelBreak` before each bold label that does not open its line. */
function labelledText(paragraph: Paragraph): string {
  let out = '';
  paragraph.children.forEach((child, index) => {
    const text = toString(child, { includeHtml: false });
    if (child.type === 'strong' && out !== '' && !out.endsWith('\n')) {
      const next = paragraph.children[index + 1];
      if (/:\s*$/.test(text) || (next?.type === 'text' && /^\s*:/.test(next.value))) out += labelBreak;
    }
    out += text;
  });
  return out;
}

export type MetadataFields = Pick<Postmortem, 'status' | 'severity' | 'organization' | 'triggerCategory' | 'authors' | 'sources' | 'related' | 'duplicateOf'>;

/** Status, severity, organization, authors, sources and links to other postmortems: frontmatter first, else a `Key: value` line. */
export function readMetadataFields(fm: Frontmatter, body: BodyMetadata): MetadataFields {
  return {
    status: fm.status ?? statusFromBody(body.fields.get('status')?.value),
    severity: fm.severity !== undefined ? String(fm.severity) : (body.fields.get('severity')?.value ?? null),
    organization: fm.organization ?? fm.company ?? body.fields.get('organization')?.value ?? body.fields.get('company')?.value ?? null,
    triggerCategory: fm.trigger?.trim() || null,
    // Handles as in action-item owners: `@jane` → `jane`.
    authors: toList(
      fm.authors ??
        body.fields.get('authors')?.value ??
        body.fields.get('author')?.value ??
        body.fields.get('owners')?.value ??
        body.fields.get('owner')?.value,
    ).map((author) => author.replace(/^@/, '')),
    sources: readSources(fm),
    related: toList(fm.related),
    duplicateOf: fm.duplicate_of ?? null,
  };
}

function readSources(fm: Frontmatter): Postmortem['sources'] {
  const single = fm.source ?? fm.url;
  const entries = [...(fm.sources ?? []), ...(fm.source ? [fm.source] : []), ...(fm.url && fm.url !== fm.source ? [fm.url] : [])];
  return entries.map((entry) => {
    // A top-level `archive_url` archives the one `url`/`source` beside it.
    if (typeof entry === 'string') return entry === single && fm.archive_url ? { url: entry, archiveUrl: fm.archive_url } : { url: entry };
    const archiveUrl = typeof entry.archive_url === 'string' ? entry.archive_url : undefined;
    return archiveUrl ? { url: entry.url, archiveUrl } : { url: entry.url };
  });
}

function statusFromBody(value: string | undefined): Postmortem['status'] {
  const normalised = value?.toLowerCase().replace(/[^a-z]+/g, '-');
  if (normalised === 'draft' || normalised === 'in-review' || normalised === 'final') return normalised;
  // Words other templates use: "Complete, action items in progress", "Under review".
  if (normalised?.startsWith('complete') || normalised?.startsWith('published') || normalised?.startsWith('approved')) return 'final';
  if (normalised?.startsWith('under-review') || normalised?.startsWith('review')) return 'in-review';
  return null;
}

// `2021-10-30-…`, or compact `20211030_…` (a prefix, so a name of digits alone is an id, not a date).
const fileDatePrefix = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[-_.])/;

/** `2021-10-30-aws-outage.md`, `20211030_aws_outage.md` → `2021-10-30`. */
export function dateFromFileName(slug: string): string | null {
  const match = fileDatePrefix.exec(slug);
  if (match === null || /^\d+$/.test(slug)) return null;
  return parseCalendarDate(`${match[1]}-${match[2]}-${match[3]}`);
}

/** `aws-network-driver` → `Aws network driver`, the title of last resort. */
export function titleFromSlug(slug: string): string {
  const words = slug
    // A date prefix, or a sequence number (`002-cloudflare-migration`).
    .replace(/^\d{4}-\d{2}-\d{2}-?|^\d{8}[-_]|^\d{1,4}[-_](?=[a-z])/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Untitled postmortem';
}

/** Splits `a, b; c` / YAML lists into trimmed strings; commas inside parentheses stay (`Storage (Blob, Table)`). */
export function toList(value: string | readonly string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? splitOutsideParentheses(value) : value;
  return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

function splitOutsideParentheses(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '(' || char === '[') depth++;
    else if ((char === ')' || char === ']') && depth > 0) depth--;
    else if ((char === ',' || char === ';') && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A full calendar date (`2021-10-30`, `Oct 30, 2021`, `30 October 2021`) as `YYYY-MM-DD`, or null. */
export function parseCalendarDate(value: string, slashOrder: SlashDateOrder | null = null): string | null {
  const read = findDate(value.trim(), slashOrder);
  if (read === null || !read.valid || read.year === null) return null;
  return formatDate({ year: read.year, month: read.month, day: read.day });
}
