/**
 * `parsePostmortem`: one markdown postmortem in, one typed `Postmortem` with positioned
 * diagnostics out. Pure and synchronous; never throws on content.
 */
import type { Root } from 'mdast';
import { builtinFileRules } from '../lint/registry.js';
import { runFileRules } from '../lint/run-rules.js';
import type { RuleSettings } from '../lint/settings.js';
import { actionItemsInProse } from './action-item-paragraphs.js';
import { extractActionItems } from './action-items.js';
import { readCauses, type Causes } from './causes.js';
import { DiagnosticSink } from './diagnostics.js';
import { readStatedDurations } from './durations.js';
import { folderDate } from './folder-dates.js';
import { readFrontmatter, type FrontmatterResult } from './frontmatter.js';
import { readIncidentTimes, settleDate, type IncidentTimes } from './incident-times.js';
import { extractLessons } from './lessons.js';
import { parseMarkdownWithinLimits } from './limits.js';
import { withProseTimes } from './prose-times.js';
import { readHtmlBlocks } from './html-blocks.js';
import { reportRawHtml } from './raw-html.js';
import { readBodyMetadata, readMetadataFields, type MetadataFields } from './metadata.js';
import { computeMetrics } from './metrics.js';
import { renderHtml } from './render.js';
import type { Marker, Postmortem } from './schema.js';
import { SectionContent } from './section-content.js';
import { introNodes, nodesToText, splitSections } from './sections.js';
import { readSourceText } from './source-text.js';
import { extractTimeline } from './timeline.js';
import type { Taxonomy } from './taxonomy.js';
import { readSummary, readTitle } from './title.js';
import { fileBaseName, postmortemName, slugFromPath } from './url-slug.js';
import { readListFields } from './value-caps.js';

export interface ParseOptions {
  /** Path of the file, used for `slug`, the date prefix and diagnostics. */
  path?: string;
  /**
   * The file's folder below the root it was loaded from (`2026`, `2022/03`; `loadPostmortems` sets it):
   * a year there (and a month below it) dates a report that gives day and month without a year, and
   * settles numeric dates that read both ways.
   */
  folder?: string;
  /** Zone for times written without one, unless the frontmatter sets `timezone`. */
  timezone?: string;
  /** Root-cause taxonomy to check `categories` against. */
  taxonomy?: Taxonomy;
  /** Today, `YYYY-MM-DD`, for the date-in-the-future check (default: the current date). */
  today?: string;
  /** Rule settings (`{ "empty-lessons": "off" }`): a rule set to `off` does not run, another severity replaces the default. */
  rules?: RuleSettings;
}

/** The stages run in this order, which is also the order of their diagnostics. */
export function parsePostmortem(source: string, options: ParseOptions = {}): Postmortem {
  if (typeof source !== 'string') throw new TypeError('parsePostmortem: expected `source` to be a string');
  const path = options.path ?? null;
  const baseName = fileBaseName(path);
  // The id, the slug and a made-up title name the incident; the date prefix is the file's own.
  const name = postmortemName(path);
  const settings = options.rules ?? {};
  const sink = new DiagnosticSink(path, settings);

  const frontmatter = readFrontmatter(readSourceText(source, sink), sink);
  const fm = frontmatter.data;
  const tree = parseMarkdownWithinLimits(frontmatter.body, sink);
  reportRawHtml(readHtmlBlocks(tree), sink);
  const body = readBodyMetadata(tree);
  const content = new SectionContent(splitSections(tree), body.sectionFields);
  const fields = readMetadataFields(fm, body);
  const stated = readIncidentTimes(frontmatter, body, tree, { baseName, folder: folderDate(options.folder) }, options.timezone ?? null, sink);
  const timeline = content.all('timeline').flatMap((section) => extractTimeline(section, content.sections, stated.timelineContext, sink));
  const settled = settleDate(stated, timeline, fm, sink);
  const proseText = () => [nodesToText(introNodes(tree.children)), content.text('summary'), content.text('impact')].join('\n\n');
  const times = withProseTimes(stated, timeline.length > 0, proseText, settled);
  const date = settled ?? times.startedAt?.slice(0, 10) ?? null;
  const actionItems = byLine(
    content.all('remediation').flatMap((section) => extractActionItems(section, sink)),
    actionItemsInProse(content.sections, sink),
  );
  const lists = readListFields(frontmatter, body, sink);
  const causes = readCauses(content, tree, fm.summary, lists.categories, options.taxonomy);
  const summary = readSummary(content, fm, tree);
  const datedEvents = timeline.some((entry) => entry.date !== null);
  const title = readTitle(fm, body, { baseName: name, organization: fields.organization, date, summary, datedEvents }, sink);

  const parts = { path, name, frontmatter, tree, content, fields, times, timeline, date, actionItems, lists, causes, summary, title };
  const postmortem = assemble(parts, sink);
  runFileRules(postmortem, builtinFileRules, settings, {
    path,
    taxonomy: options.taxonomy ?? null,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    parsed: { sections: content.sections, labelled: new Set(body.sectionFields.keys()), positions: frontmatter.positions },
  });
  return postmortem;
}

/** Items of remediation sections, with those labelled in other sections' prose merged in by line. */
function byLine(listed: Postmortem['actionItems'], prose: Postmortem['actionItems']): Postmortem['actionItems'] {
  if (prose.length === 0) return listed;
  return [...listed, ...prose].sort((a, b) => a.line - b.line);
}

interface Parts {
  path: string | null;
  name: string;
  frontmatter: FrontmatterResult;
  tree: Root;
  content: SectionContent;
  fields: MetadataFields;
  /** `fromText`: the phases whose time a sentence gave rather than frontmatter or a label line. */
  times: IncidentTimes & { fromText: readonly Marker[] };
  timeline: Postmortem['timeline'];
  date: string | null;
  actionItems: Postmortem['actionItems'];
  lists: Pick<Postmortem, 'categories' | 'services' | 'tags'>;
  causes: Causes;
  summary: string;
  title: string;
}

/** The `Postmortem` of the stages' results, with its metrics, lessons, sections and HTML. */
function assemble(parts: Parts, sink: DiagnosticSink): Postmortem {
  const { frontmatter, content, fields, times, timeline, actionItems, lists, title } = parts;
  const fm = frontmatter.data;
  const images: NonNullable<Postmortem['images']> = [];
  const postmortem: Postmortem = {
    id: fm.id ?? parts.name,
    slug: slugFromPath(parts.path),
    path: parts.path,
    title,
    date: parts.date,
    status: fields.status,
    severity: fields.severity,
    organization: fields.organization,
    services: lists.services,
    tags: lists.tags,
    categories: lists.categories,
    triggerCategory: fields.triggerCategory,
    authors: fields.authors,
    sources: fields.sources,
    related: fields.related,
    duplicateOf: fields.duplicateOf,
    timezone: times.timezone,
    startedAt: times.startedAt,
    detectedAt: times.detectedAt,
    mitigatedAt: times.mitigatedAt,
    resolvedAt: times.resolvedAt,
    summary: parts.summary,
    impact: { text: content.text('impact') ?? '' },
    timeline,
    ...parts.causes,
    actionItems,
    lessons: extractLessons(content.sections),
    sections: content.sections.map((section) => ({
      heading: section.heading,
      kind: section.kind,
      depth: section.depth,
      line: section.line,
      text: nodesToText(section.own),
    })),
    metrics: computeMetrics({ ...times, timeline }, readStatedDurations(frontmatter.body)),
    extra: frontmatter.extra,
    html: renderHtml(parts.tree, {
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
  return postmortem;
}
