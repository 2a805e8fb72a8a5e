/**
 * The title and summary a page shows: as written (frontmatter, a `# Title`, a summary section
 * or label), else made from what there is, so no postmortem is listed without them.
 */
import type { Root } from 'mdast';
import type { DiagnosticSink } from './diagnostics.js';
import { titleFromSlug, type BodyMetadata } from './metadata.js';
import type { Frontmatter } from './schema.js';
import type { SectionContent } from './section-content.js';
import { introNodes, nodesToText } from './sections.js';
import { placeholderTitleReason } from './templates.js';
import { collapse } from './text.js';

/** The summary section, else a `**Summary:**` label, else frontmatter `summary`, else the introduction. */
export function readSummary(content: SectionContent, fm: Frontmatter, tree: Root): string {
  const section = content.first('summary');
  return section ? nodesToText(section.scope) : (content.field('summary') ?? fm.summary?.trim() ?? nodesToText(introNodes(tree.children)));
}

/**
 * Frontmatter `title`, else the `# Title` heading, else one made up (reported as missing). A
 * heading left from a template (`# ISSUE NAME`) in a report with dated events is no title:
 * the one-line paragraph below it names the incident, else one is made up. Without dated
 * events the placeholder stays, and loading skips the file as a template.
 */
export function readTitle(
  fm: Frontmatter,
  body: BodyMetadata,
  about: { baseName: string; organization: string | null; date: string | null; summary: string; datedEvents: boolean },
  sink: DiagnosticSink,
): string {
  const leftFromTemplate = fm.title === undefined && body.title !== null && about.datedEvents && placeholderTitleReason(body.title) !== null;
  const heading = leftFromTemplate ? body.titleParagraph : body.title;
  const title = fm.title ?? heading ?? fallbackTitle(about.baseName, about.organization, about.date, about.summary);
  if (leftFromTemplate) {
    const used = heading === null ? 'a title is made up' : `the line below it, \`${heading}\`, is used`;
    sink.report(
      'missing-title',
      `Unexpected template placeholder \`${body.title}\` as the title, expected \`title:\` in frontmatter or a \`# Title\` naming the incident; ${used}`,
      { line: body.titleLine ?? 1, column: 1 },
    );
  } else if (fm.title === undefined && heading === null) {
    sink.report('missing-title', 'Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading');
  }
  return title;
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
  const flat = collapse(text);
  const end = /[.!?](?:\s|$)/.exec(flat);
  const sentence = end ? flat.slice(0, end.index) : flat;
  if (sentence.length <= maxTitleLength) return sentence;
  const cut = sentence.slice(0, maxTitleLength);
  const space = cut.lastIndexOf(' ');
  return `${space > 20 ? cut.slice(0, space) : cut}…`;
}
