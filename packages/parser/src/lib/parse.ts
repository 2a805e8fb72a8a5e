/**
 * `parsePostmortem`: one markdown postmortem in, one typed `Postmortem` with positioned
 * diagnostics out. Pure and synchronous; never throws on content.
 */
import type { List, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { builtinFileRules } from '../lint/registry.js';
import { runFileRules } from '../lint/run-rules.js';
import type { RuleSettings } from '../lint/settings.js';
import { extractActionItems } from './action-items.js';
import { DiagnosticSink } from './diagnostics.js';
import { keysGiven, readFrontmatter } from './frontmatter.js';
import { inferFromProse } from './inferred-causes.js';
import { extractLessons } from './lessons.js';
import { checkTreeDepth, precheckMarkdown, verbatimTree } from './limits.js';
import { parseMarkdown } from './markdown.js';
import { dateFromFileName, parseCalendarDate, readBodyMetadata, titleFromSlug, toList } from './metadata.js';
import { readStatedDurations } from './durations.js';
import { computeMetrics, noMetrics } from './metrics.js';
import { renderHtml } from './render.js';
import type { Frontmatter, Postmortem, SectionKind } from './schema.js';
import { nodesToText, splitSections, type SectionNode } from './sections.js';
import { categoriesMentioned, type Taxonomy } from './taxonomy.js';
import { findDate, formatDate, parseDateTime, slashDateOrder, zoneOffsetMinutes } from './time.js';
import { extractTimeline } from './timeline.js';
import { fileBaseName, slugFromPath } from './url-slug.js';
import { capValues, type CappedKey } from './value-caps.js';

export interface ParseOptions {
  /** Path of the file, used for `slug`, the date prefix and diagnostics. */
  path?: string;
  /** Zone for times written without one, unless the frontmatter sets `timezone`. */
  timezone?: string;
  /** Root-cause taxonomy to check `categories` against. */
  taxonomy?: Taxonomy;
  /** Today, `YYYY-MM-DD`, for the date-in-the-future check (default: the current date). */
  today?: string;
  /** Rule settings (`{ "empty-lessons": "off" }`): a rule set to `off` does not run, another severity replaces the default. */
  rules?: RuleSettings;
}

export function parsePostmortem(source: string, options: ParseOptions = {}): Postmortem {
  if (typeof source !== 'string') throw new TypeError('parsePostmortem: expected `source` to be a string');
  const path = options.path ?? null;
  const settings = options.rules ?? {};
  const sink = new DiagnosticSink(path, settings);
  const slug = slugFromPath(path);
  const baseName = fileBaseName(path);

  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (text.includes('\u0000'))
    sink.report('binary-content', 'Unexpected NUL byte, expected UTF-8 text; NUL bytes are read as U+FFFD', firstIndexPosition(text, '\u0000'));
  const clean = text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;

  const frontmatter = readFrontmatter(clean, sink);
  const fm = frontmatter.data;
  const tree = guardedMarkdown(frontmatter.body, sink);
  const body = readBodyMetadata(tree);
  const sections = splitSections(tree);
  const at = (key: string) => frontmatter.positions.get(key) ?? { line: 1, column: 1 };

  const statedDate = readDate(fm, body.date, baseName, sink, at('date'));
  const introDate = statedDate === null ? dateInText(nodesToText(introNodes(tree.children))) : null;
  const timezone = readTimezone(fm.timezone, options.timezone ?? null, sink, at('timezone'), frontmatter.extra);
  const readTime = (key: 'started_at' | 'detected_at' | 'mitigated_at' | 'resolved_at') => {
    // Diagnostics name the key as the author wrote it (`start_time`, `ended` …).
    const written = key === 'started_at' || key === 'resolved_at' ? keysGiven(fm, key)[0] : fm[key] !== undefined ? key : undefined;
    if (written === undefined) return null;
    const value = String(fm[written]);
    const parsed = parseDateTime(value, { date: statedDate ?? introDate, timezone });
    if (parsed.error) {
      const position = at(String(written));
      sink.report('frontmatter-time', `Unexpected \`${written}: ${value}\`: ${parsed.error}`, position);
    }
    return parsed.at;
  };
  const startedAt = readTime('started_at');
  const detectedAt = readTime('detected_at');
  const mitigatedAt = readTime('mitigated_at');
  const resolvedAt = readTime('resolved_at');
  // The start of impact, as written in its own offset, is the incident's day.
  const startDate = statedDate === null && startedAt !== null ? startedAt.slice(0, 10) : null;
  let date = statedDate ?? startDate ?? introDate;
  // A month-precision date (`2013-05`) still gives timeline entries such as "May 22" their year.
  const timeContext = { date, timezone, year: date === null ? null : Number(date.slice(0, 4)), slashOrder: slashDateOrder(frontmatter.body) };

  const firstOf = (kind: SectionKind) =>
    sections.find((section) => section.kind === kind && (section.parent === -1 || sections[section.parent]!.kind !== kind));
  const allOf = (kind: SectionKind) =>
    sections.filter((section) => section.kind === kind && (section.parent === -1 || sections[section.parent]!.kind !== kind));
  // A section, else a labelled paragraph before the first H2 (`**Impact:** …`), else nothing.
  const scopeText = (kind: SectionKind) => {
    const found = allOf(kind);
    if (found.length === 0) return fieldText(kind);
    return found.map((section) => nodesToText(section.scope)).join('\n\n');
  };
  const fieldText = (kind: SectionKind) => {
    const value = body.sectionFields.get(kind)?.value;
    return value ? value : null;
  };
  const itemsOrField = (kind: SectionKind) => {
    const found = allOf(kind);
    if (found.length > 0) return found.flatMap((section) => itemsOf(section));
    const value = fieldText(kind);
    return value ? [value] : [];
  };

  const timeline = allOf('timeline').flatMap((section) => extractTimeline(section, sections, timeContext, sink));
  const timelineDate = date === null ? earliestDate(timeline) : null;
  date ??= timelineDate;
  if (statedDate === null && startDate === null && fm.date === undefined) {
    const read =
      introDate !== null ? `; read ${introDate} from the introduction` : timelineDate !== null ? `; read ${timelineDate} from the earliest timeline entry` : '';
    sink.report(
      'missing-date',
      `Unexpected postmortem without a date, expected \`date: YYYY-MM-DD\` in frontmatter, a \`Date:\` line or a \`YYYY-MM-DD-\` file-name prefix${read}`,
    );
  }

  const actionItems = allOf('remediation').flatMap((section) => extractActionItems(section, sink));
  // Lists that become pages and index entries are capped per file (value-caps.ts).
  const capped = (key: CappedKey, values: string[], written: string, position: { line: number; column: number }) =>
    capValues(key, values, written, position, sink, frontmatter.extra);
  const categories = capped('categories', toList(fm.categories), 'categories', at('categories'));
  const servicesKey = keysGiven(fm, 'services')[0]?.toString();
  const servicesField = body.fields.get('services') ?? body.fields.get('affected services') ?? body.fields.get('systems affected');
  const services =
    servicesKey !== undefined
      ? capped('services', mergedList(fm, 'services')!, servicesKey, at(servicesKey))
      : capped('services', toList(servicesField?.value), 'services', { line: servicesField?.line ?? 1, column: 1 });
  const tagsKey = keysGiven(fm, 'tags')[0]?.toString();
  const tags = tagsKey !== undefined ? capped('tags', mergedList(fm, 'tags')!, tagsKey, at(tagsKey)) : [];
  // Without a section or label for them, sentences of the prose that state a cause, a trigger
  // or a resolution fill those fields, marked inferred (a prose-only report).
  const statedCauses = itemsOrField('rootCause');
  const trigger = scopeText('trigger');
  const resolution = scopeText('resolution');
  const prose = statedCauses.length === 0 || trigger === null || resolution === null ? inferFromProse(nodesToText(tree.children)) : null;
  const inferredCauses = statedCauses.length === 0 ? (prose?.rootCauses ?? []) : [];
  const inferred: NonNullable<Postmortem['inferred']> = [
    ...(inferredCauses.length > 0 ? (['rootCauses'] as const) : []),
    ...(trigger === null && prose?.trigger ? (['trigger'] as const) : []),
    ...(resolution === null && prose?.resolution ? (['resolution'] as const) : []),
  ];
  const rootCauses = [...statedCauses, ...inferredCauses].map((item) => {
    const category = options.taxonomy ? pickCategory(item, categories, options.taxonomy) : categories[0];
    const cause = category ? { text: item, category } : { text: item };
    return inferredCauses.length > 0 ? { ...cause, inferred: true as const } : cause;
  });

  const summarySection = firstOf('summary');
  const summary = summarySection ? nodesToText(summarySection.scope) : (fieldText('summary') ?? fm.summary?.trim() ?? nodesToText(introNodes(tree.children)));

  const organization = fm.organization ?? fm.company ?? body.fields.get('organization')?.value ?? body.fields.get('company')?.value ?? null;
  const title = fm.title ?? body.title ?? fallbackTitle(baseName, organization, date, summary);
  if (fm.title === undefined && body.title === null) {
    sink.report('missing-title', 'Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading');
  }

  const images: NonNullable<Postmortem['images']> = [];
  const postmortem: Postmortem = {
    id: fm.id ?? baseName,
    slug,
    path,
    title,
    date,
    status: fm.status ?? statusFromBody(body.fields.get('status')?.value),
    severity: fm.severity !== undefined ? String(fm.severity) : (body.fields.get('severity')?.value ?? null),
    organization,
    services,
    tags,
    categories,
    triggerCategory: fm.trigger?.trim() || null,
    // Handles as in action-item owners: `@jane` → `jane`.
    authors: toList(fm.authors ?? body.fields.get('authors')?.value ?? body.fields.get('author')?.value).map((author) => author.replace(/^@/, '')),
    sources: readSources(fm),
    related: toList(fm.related),
    duplicateOf: fm.duplicate_of ?? null,
    timezone,
    startedAt,
    detectedAt,
    mitigatedAt,
    resolvedAt,
    summary,
    impact: { text: scopeText('impact') ?? '' },
    timeline,
    rootCauses,
    contributingFactors: itemsOrField('contributingFactors').map((item) => ({ text: item })),
    trigger: trigger ?? prose?.trigger ?? null,
    detection: scopeText('detection'),
    resolution: resolution ?? prose?.resolution ?? null,
    ...(inferred.length > 0 ? { inferred } : {}),
    actionItems,
    lessons: extractLessons(sections),
    sections: sections.map((section) => ({
      heading: section.heading,
      kind: section.kind,
      depth: section.depth,
      line: section.line,
      text: nodesToText(section.own),
    })),
    metrics: noMetrics,
    extra: frontmatter.extra,
    html: renderHtml(tree, {
      title,
      images,
      recognised: [
        { kind: 'timeline', summary: 'The timeline as written', lines: new Set(timeline.map((entry) => entry.line)) },
        { kind: 'action-items', summary: 'The action items as written', lines: new Set(actionItems.map((item) => item.line)) },
      ],
    }),
    diagnostics: sink.diagnostics,
  };
  if (images.length > 0) postmortem.images = images;
  postmortem.metrics = computeMetrics(postmortem, readStatedDurations(frontmatter.body));
  runFileRules(postmortem, builtinFileRules, settings, {
    path,
    taxonomy: options.taxonomy ?? null,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    parsed: { sections, labelled: new Set(body.sectionFields.keys()), positions: frontmatter.positions },
  });
  return postmortem;
}

/**
 * The body's mdast, or (for bodies nested too deep or with too many delimiters for remark to
 * handle in linear time and bounded stack) the body verbatim as one code block, with a
 * positioned `too-large` diagnostic. See limits.ts.
 */
function guardedMarkdown(body: string, sink: DiagnosticSink): Root {
  let limit = precheckMarkdown(body);
  if (!limit) {
    try {
      const tree = parseMarkdown(body);
      limit = checkTreeDepth(tree);
      if (!limit) return tree;
    } catch (error) {
      // A stack overflow in a recursive remark plugin: still never lose the content.
      if (!(error instanceof RangeError)) throw error;
      limit = { line: 1, column: 1, message: `Unexpected markdown remark could not parse (${error.message}); the body is kept as preformatted text` };
    }
  }
  sink.report('too-large', limit.message, limit);
  return verbatimTree(body);
}

function readDate(fm: Frontmatter, bodyDate: string | null, baseName: string, sink: DiagnosticSink, position: { line: number; column: number }): string | null {
  if (fm.date !== undefined) {
    const written = String(fm.date).trim();
    // Month precision: the public record gives only the month ("late January 2015").
    if (/^\d{4}-(?:0[1-9]|1[0-2])$/.test(written)) return written;
    const parsed = parseCalendarDate(written);
    if (parsed) return parsed;
    sink.report('frontmatter-date', `Unexpected \`date: ${fm.date}\`, expected a calendar date \`YYYY-MM-DD\` or a month \`YYYY-MM\``, position);
  }
  const date = bodyDate ?? dateFromFileName(baseName);
  return date;
}

/**
 * A title for a postmortem that states none: from a file name that is words, else (for a
 * file named by an id: UUID, hash, number) "<organization> incident, <date>", else the
 * summary's first sentence.
 */
function fallbackTitle(slug: string, organization: string | null, date: string | null, summary: string): string {
  if (!isIdLike(slug)) return titleFromSlug(slug);
  if (organization !== null && date !== null) return `${organization} incident, ${date}`;
  const sentence = firstSentence(summary);
  if (sentence !== '') return sentence;
  if (organization !== null) return `${organization} incident`;
  return date !== null ? `Incident, ${date}` : 'Untitled postmortem';
}

/** A UUID, a hexadecimal hash of 4+ characters with a digit, or a number. */
function isIdLike(slug: string): boolean {
  const name = slug.toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(name)) return true;
  if (/^\d+$/.test(name)) return true;
  return /^[0-9a-f]{4,64}$/.test(name) && /\d/.test(name);
}

const maxTitleLength = 80;

/** The first sentence of a text, cut at a word (with `…`) when longer than a title should be. */
function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = /[.!?](?:\s|$)/.exec(flat);
  const sentence = end ? flat.slice(0, end.index) : flat;
  if (sentence.length <= maxTitleLength) return sentence;
  const cut = sentence.slice(0, maxTitleLength);
  const space = cut.lastIndexOf(' ');
  return `${space > 20 ? cut.slice(0, space) : cut}…`;
}

/**
 * The zone for times written without one: the frontmatter's `timezone` when it is a zone we
 * know, else `fallback` (the caller's option). An unknown zone is reported at its key, kept in
 * `extra` under `invalid:timezone`, and not used: it is never silently read as UTC.
 */
function readTimezone(
  written: string | undefined,
  fallback: string | null,
  sink: DiagnosticSink,
  position: { line: number; column: number },
  extra: Record<string, unknown>,
): string | null {
  if (written === undefined) return fallback;
  if (zoneOffsetMinutes(written, '2000-01-01T00:00') !== null) return written;
  const shown = written.length > 60 ? `${written.slice(0, 60)}…` : written;
  sink.report(
    'frontmatter-schema',
    `Unexpected \`timezone\` value \`${shown}\`, expected a zone: an IANA name (\`Europe/Berlin\`), an abbreviation (\`UTC\`, \`PST\`) or an offset (\`+02:00\`); it is not used, so times written without a zone are read as ${fallback ?? 'UTC'}`,
    position,
  );
  Object.defineProperty(extra, 'invalid:timezone', { value: written, enumerable: true, writable: true, configurable: true });
  return fallback;
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

/** Every value given for a list key and its aliases (`services`, `product`, `component` …), without repeats; null when none is given. */
function mergedList(fm: Frontmatter, key: 'services' | 'tags'): string[] | null {
  const keys = keysGiven(fm, key);
  if (keys.length === 0) return null;
  return [...new Set(keys.flatMap((name) => toList(fm[name] as string | string[])))];
}

function statusFromBody(value: string | undefined): Postmortem['status'] {
  const normalised = value?.toLowerCase().replace(/[^a-z]+/g, '-');
  if (normalised === 'draft' || normalised === 'in-review' || normalised === 'final') return normalised;
  // Words other templates use: "Complete, action items in progress", "Under review".
  if (normalised?.startsWith('complete') || normalised?.startsWith('published') || normalised?.startsWith('approved')) return 'final';
  if (normalised?.startsWith('under-review') || normalised?.startsWith('review')) return 'in-review';
  return null;
}

/** A section's list items, or its paragraphs when it has no list. */
function itemsOf(section: SectionNode): string[] {
  const lists = section.scope.filter((node): node is List => node.type === 'list');
  if (lists.length > 0) {
    return lists.flatMap((list) => list.children.map((item) => toString(item).replace(/\s+/g, ' ').trim())).filter(Boolean);
  }
  const text = nodesToText(section.scope.filter((node) => node.type !== 'heading'));
  return text ? [text.replace(/[ \t]+/g, ' ')] : [];
}

function pickCategory(text: string, categories: readonly string[], taxonomy: Taxonomy): string | undefined {
  // With one category chosen, it is the answer whatever the text mentions: skip the scan.
  if (categories.length === 1) return categories[0];
  const mentioned = categoriesMentioned(text, taxonomy);
  // A category the author chose wins over one the text merely mentions.
  return mentioned.find((id) => categories.includes(id)) ?? categories[0] ?? mentioned[0];
}

/** Paragraphs before the first heading that are not `Key: value` metadata lines. */
/** The date (as written, in its own offset) of the earliest timeline entry with a time, or null. */
function earliestDate(timeline: Postmortem['timeline']): string | null {
  let earliest: { at: string; ms: number } | null = null;
  for (const { at } of timeline) {
    if (at === null) continue;
    const ms = Date.parse(at);
    if (!Number.isNaN(ms) && (earliest === null || ms < earliest.ms)) earliest = { at, ms };
  }
  return earliest?.at.slice(0, 10) ?? null;
}

/** A full calendar date written in a text ("On January 31st 2017 …"), as `YYYY-MM-DD`, or null. */
function dateInText(text: string): string | null {
  const found = findDate(text.slice(0, 2_000));
  return found?.valid && found.year !== null ? formatDate({ year: found.year, month: found.month, day: found.day }) : null;
}

function introNodes(children: readonly RootContent[]): RootContent[] {
  const nodes: RootContent[] = [];
  for (const node of children) {
    if (node.type === 'heading') {
      if (node.depth === 1) continue;
      break;
    }
    if (node.type === 'paragraph' && !/^[\s*_]*[A-Za-z ]{1,30}[*_]*:/.test(toString(node))) nodes.push(node);
  }
  return nodes;
}

function firstIndexPosition(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}
