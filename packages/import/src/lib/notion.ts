/**
 * `--from notion`: a Notion export ("Markdown & CSV", unzipped). A database exports as
 * `<Name> <id>.csv` (and, since 2023, `<Name> <id>_all.csv` with the hidden properties too)
 * beside a folder `<Name> <id>/` holding one `<Title> <id>.md` per row; a page's images and
 * sub-pages sit in a folder named like the page. One postmortem per page:
 *
 * - the row's properties (from the CSV, else the `Property: value` lines under the page's
 *   title) become frontmatter through the same column mapping as `--from csv`, and what maps
 *   to no field is kept under "Details";
 * - the page's body is its text, with callouts (`<aside>`) as block quotes, other raw HTML as
 *   visible text, links to other pages of the export as their text (they lead nowhere once
 *   imported), images copied from inside the export, and sub-pages appended under their title.
 *
 * A row without a page still gives a stub; a page without a row uses its own properties.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import type { Root } from 'mdast';
import { CsvError, parse } from 'csv-parse/sync';
import type { ColumnField } from '../formats.js';
import { mapColumns } from './columns.js';
import { diagnostic, type ImportedAsset, type ImportedDocument, type ImportResult } from './document.js';
import { decodeText, expandInput, readInput } from './inputs.js';
import type { ImportLimits } from './limits.js';
import { convertMarkdownBody } from './markdown.js';
import { notionDate, notionName, withoutExportLinks } from './notion-values.js';
import { buildStub, type StubValue } from './stub.js';

interface NotionPage {
  path: string;
  title: string | null;
  /** The `Name: value` lines under the title, when the page starts with such a paragraph. */
  properties: Array<{ label: string; value: string }>;
  /** Those lines as written, for a page whose database says they are not its properties. */
  propertyText: string;
  body: string;
}

const dateFields = new Set<ColumnField>(['date', 'started_at', 'detected_at', 'mitigated_at', 'resolved_at']);
const sectionFields = new Set<ColumnField>(['summary', 'impact', 'timeline', 'rootCause', 'trigger', 'detection', 'resolution', 'actionItems', 'lessons']);

export async function* importNotion(
  inputs: readonly string[],
  limits: ImportLimits,
  mapping: Readonly<Record<string, ColumnField>> = {},
): AsyncGenerator<ImportResult> {
  // A page or database given as a file brings its folder (images, sub-pages, the database's pages).
  const folders = inputs.map((input) => input.replace(/(?:_all)?\.csv$|\.md$/i, '')).filter((folder, at) => folder !== inputs[at]);
  const existing = await Promise.all(
    folders.map((folder) =>
      stat(folder).then(
        (info) => info.isDirectory(),
        () => false,
      ),
    ),
  );
  const roots = [...inputs, ...folders.filter((_folder, at) => existing[at])];
  const files = [...new Set((await Promise.all(roots.map((input) => expandInput(input, ['.md', '.csv'])))).flat())];
  const markdownFiles = files.filter((file) => extname(file).toLowerCase() === '.md');
  const mdSet = new Set(markdownFiles);
  // A page inside another page's folder is a sub-page: it goes into that page's document.
  const parentOf = new Map<string, string>();
  for (const file of markdownFiles) {
    for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
      if (mdSet.has(`${dir}.md`)) parentOf.set(file, `${dir}.md`);
    }
  }
  const subPages = new Map<string, string[]>();
  for (const [file, parent] of parentOf) subPages.set(parent, [...(subPages.get(parent) ?? []), file]);
  const claimed = new Set<string>();

  for (const [folder, csvPath] of databases(files)) {
    const pages = markdownFiles.filter((file) => dirname(file) === folder && !parentOf.has(file));
    for (const page of pages) claimed.add(page);
    yield await importDatabase(csvPath, pages, subPages, limits, mapping);
  }
  for (const file of markdownFiles) {
    if (claimed.has(file) || parentOf.has(file)) continue;
    const page = await readPage(file, limits);
    if ('documents' in page) yield page;
    else yield { documents: [await pageDocument(page, [], subPages.get(file) ?? [], limits)], diagnostics: [] };
  }
}

/** Each database's page folder with its CSV, the `_all` one when both were exported. */
function databases(files: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    if (extname(file).toLowerCase() !== '.csv') continue;
    const folder = file.replace(/(?:_all)?\.csv$/i, '');
    if (!found.has(folder) || /_all\.csv$/i.test(file)) found.set(folder, file);
  }
  return found;
}

async function importDatabase(
  csvPath: string,
  pagePaths: readonly string[],
  subPages: ReadonlyMap<string, string[]>,
  limits: ImportLimits,
  mapping: Readonly<Record<string, ColumnField>>,
): Promise<ImportResult> {
  const read = await readInput(csvPath, limits.maxInputBytes);
  if (!read.ok) return { documents: [], diagnostics: [read.diagnostic] };
  let records: string[][];
  try {
    records = parse(decodeText(read.data), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: limits.maxOutputBytes,
      to: limits.maxRecords + 1,
    });
  } catch (error) {
    const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 1) : 1;
    return {
      documents: [],
      diagnostics: [diagnostic(csvPath, 'import-unreadable', 'error', `Unexpected CSV: ${(error as Error).message}; not imported`, line)],
    };
  }
  const [header = [], ...rows] = records;
  const headers = header.map((cell) => cell.trim());
  const fields = mapColumns(headers, mapping);
  // The first column of a database export is its title property, whatever it is called.
  const titleAt = fields.includes('title') ? fields.indexOf('title') : 0;
  fields[titleAt] = 'title';

  const diagnostics: ImportResult['diagnostics'] = [];
  const byTitle = new Map<string, NotionPage[]>();
  const pages: NotionPage[] = [];
  for (const path of pagePaths) {
    const page = await readPage(path, limits);
    if ('documents' in page) {
      diagnostics.push(...page.diagnostics);
      continue;
    }
    pages.push(page);
    const key = page.title ?? notionName(basename(path));
    byTitle.set(key, [...(byTitle.get(key) ?? []), page]);
  }
  const used = new Set<NotionPage>();
  const documents: ImportedDocument[] = [];
  for (const [index, row] of rows.entries()) {
    const title = (row[titleAt] ?? '').trim();
    const page = byTitle.get(title)?.find((candidate) => !used.has(candidate));
    const values = row.map((value, at): StubValue => ({ label: headers[at] || `Column ${at + 1}`, field: fields[at] ?? null, value }));
    if (page === undefined) {
      documents.push(
        await pageDocument({ path: csvPath, title: title || null, properties: [], propertyText: '', body: '' }, values, [], limits, `row ${index + 2}`),
      );
      continue;
    }
    used.add(page);
    // A first paragraph naming none of the database's properties is the page's own text.
    const known = new Set(headers.map((name) => name.toLowerCase()));
    const own = page.properties.some((property) => known.has(property.label.toLowerCase()))
      ? page
      : { ...page, properties: [], propertyText: '', body: `${page.propertyText}\n${page.body}` };
    documents.push(await pageDocument(own, values, subPages.get(page.path) ?? [], limits));
  }
  for (const page of pages) if (!used.has(page)) documents.push(await pageDocument(page, [], subPages.get(page.path) ?? [], limits));
  return { documents, diagnostics };
}

/** A page's title (its `# ` line), the `Property: value` lines right under it, and the rest. */
export function splitNotionPage(path: string, text: string): NotionPage {
  const lines = text.split(/\r?\n/);
  let at = 0;
  while (at < lines.length && lines[at]!.trim() === '') at++;
  const heading = /^# (.+)$/.exec(lines[at] ?? '');
  if (heading === null) return { path, title: null, properties: [], propertyText: '', body: text };
  at++;
  while (at < lines.length && lines[at]!.trim() === '') at++;
  const properties: NotionPage['properties'] = [];
  let end = at;
  for (; end < lines.length && lines[end]!.trim() !== ''; end++) {
    // Notion leaves empty properties out, so "Before the meeting:" is prose, not a property.
    const property = /^([^:\n]{1,80}): (.+)$/.exec(lines[end]!);
    if (property === null || property[2]!.trim() === '') break;
    properties.push({ label: property[1]!.trim(), value: property[2]! });
  }
  // Only a paragraph made wholly of `Name: value` lines is the property block.
  const isBlock = properties.length > 0 && (end === lines.length || lines[end]!.trim() === '');
  return {
    path,
    title: heading[1]!.trim(),
    properties: isBlock ? properties : [],
    propertyText: isBlock ? lines.slice(at, end).join('\n') : '',
    body: lines.slice(isBlock ? end : at).join('\n'),
  };
}

async function readPage(path: string, limits: ImportLimits): Promise<NotionPage | ImportResult> {
  const read = await readInput(path, limits.maxOutputBytes);
  if (!read.ok) return { documents: [], diagnostics: [read.diagnostic] };
  return splitNotionPage(path, decodeText(read.data));
}

/** The CSV row's values, then the page's own properties the row does not have; Notion's display forms made plain. */
function propertyValues(page: NotionPage, rowValues: readonly StubValue[]): StubValue[] {
  const known = new Set(rowValues.map((value) => value.label.toLowerCase()));
  const extra = page.properties.filter((property) => !known.has(property.label.toLowerCase()));
  const extraFields = mapColumns(extra.map((property) => property.label));
  const values = [...rowValues, ...extra.map((property, at): StubValue => ({ ...property, field: extraFields[at] ?? null }))];
  return values.map(({ label, field, value }) => {
    const plain = withoutExportLinks(value);
    // A checkbox ("Customer impact: Yes") says too little to be a section: it stays a detail.
    if (field !== null && sectionFields.has(field) && /^(?:yes|no)$/i.test(plain.trim())) return { label, field: null, value: plain };
    if (field === null || !dateFields.has(field)) return { label, field, value: plain };
    const iso = notionDate(plain.trim(), field);
    // A time whose zone has no fixed offset stays as written, under Details.
    if (iso === null && field !== 'date') return { label, field: null, value: plain };
    return { label, field, value: iso ?? plain };
  });
}

async function pageDocument(
  page: NotionPage,
  rowValues: readonly StubValue[],
  subPagePaths: readonly string[],
  limits: ImportLimits,
  record?: string,
): Promise<ImportedDocument> {
  const stub = buildStub(propertyValues(page, rowValues));
  const title = (stub.frontmatter.title as string | undefined) ?? page.title ?? notionName(basename(page.path));
  const assets: ImportedAsset[] = [];
  const notes: string[] = [];
  const parts: string[] = [];
  const addBody = (body: string, baseDir: string, heading?: string) => {
    const converted = convertMarkdownBody(callOutsAsQuotes(body), baseDir, limits, notionTree);
    for (const asset of converted.assets) if (!assets.some((known) => known.path === asset.path)) assets.push(asset);
    notes.push(...converted.notes);
    const text = converted.body.trim();
    if (text !== '' || heading !== undefined) parts.push(heading === undefined ? text : `## ${heading}\n\n${text}`.trim());
  };
  if (page.body.trim() !== '') addBody(page.body, dirname(page.path));
  for (const path of subPagePaths) {
    const sub = await readPage(path, limits);
    if ('documents' in sub) {
      notes.push(...sub.diagnostics.map((problem) => `sub-page ${basename(path)} not read: ${problem.message}`));
      continue;
    }
    addBody(sub.body, dirname(path), sub.title ?? notionName(basename(path)));
  }
  if (stub.body !== '') parts.push(stub.body);
  const source = page.path;
  return {
    source,
    record: record ?? notionName(basename(page.path)),
    // Title first, as every other format writes it.
    frontmatter: { title, ...stub.frontmatter },
    body: parts.join('\n\n'),
    assets,
    diagnostics: notes.map((note) => diagnostic(source, 'import-lossy', 'warning', note)),
  };
}

/** Notion writes a callout as `<aside>` … `</aside>` around markdown: a block quote keeps it as text. */
function callOutsAsQuotes(body: string): string {
  return body.replace(/^<aside>[ \t]*\r?\n([\s\S]*?)\r?\n?<\/aside>[ \t]*$/gm, (_match, inner: string) =>
    inner
      .trimEnd()
      .split(/\r?\n/)
      .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
      .join('\n'),
  );
}

/** Raw HTML becomes visible text; a link to another page or database of the export becomes its text. */
function notionTree(tree: Root, notes: string[]): void {
  const stack: Array<Root | Root['children'][number]> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('children' in node)) continue;
    const flow = node.type === 'root' || node.type === 'blockquote' || node.type === 'listItem';
    // Notion writes a to-do as "- [ ]  text": the second space would be written as `&#x20;`.
    const first = node.type === 'listItem' && node.children[0]?.type === 'paragraph' ? node.children[0].children[0] : undefined;
    if (first?.type === 'text') first.value = first.value.trimStart();
    const children = node.children as Root['children'];
    node.children = children.flatMap((child): Root['children'] => {
      if (child.type === 'html') return [flow ? { type: 'paragraph', children: [{ type: 'text', value: child.value }] } : { type: 'text', value: child.value }];
      // Only web and mail addresses stay links: no `javascript:`, `data:` or `vbscript:` survives.
      if ((child.type === 'link' || child.type === 'image') && /^[a-z][\w+.-]*:/i.test(child.url) && !/^(?:https?|mailto):/i.test(child.url)) {
        notes.push(`${child.type} to a ${JSON.stringify(child.url.split(':', 1)[0]!.slice(0, 20))} address dropped, its text kept`);
        return child.type === 'link' ? child.children : child.alt ? [{ type: 'text', value: `[image: ${child.alt}]` }] : [];
      }
      if (child.type === 'link' && !/^(?:[a-z][\w+.-]*:|\/\/|#)/i.test(child.url) && /\.(?:md|csv)$/i.test(child.url.split(/[?#]/, 1)[0]!)) {
        notes.push(`link to the exported page ${JSON.stringify(notionName(safeDecode(child.url).split('/').pop()!).slice(0, 200))} kept as its text`);
        return child.children;
      }
      return [child];
    });
    stack.push(...node.children);
  }
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
