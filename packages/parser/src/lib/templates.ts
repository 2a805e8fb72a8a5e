/**
 * Postmortem templates kept beside the reports (`template.md`, `incident-template.md`, a file
 * titled "Incident Title" or "ISSUE NAME - DD/MM/YYYY") are not incidents: loading skips them
 * with an info diagnostic saying why, so none is published as an incident and none vanishes
 * without a word. Frontmatter `template: false` keeps a file whatever it looks like.
 */
import type { Diagnostic, Postmortem } from './schema.js';
import { truncate } from './text.js';
import { fileBaseName } from './url-slug.js';

/** The rule id of the info diagnostic for a skipped template. */
const templateRuleId = 'postmortem-template';

// `template`, `_template`, `incident-template`, `Postmortem_Template`, `template-postmortem`, `TEMPLATE`.
const templateFileName = /^_?(?:(?:[\w.-]{0,60}[-_. ])?templates?|templates?[-_. ][\w.-]{0,60})$/i;

// Titles that are the placeholder of a template rather than an incident's name.
const placeholderTitles: readonly RegExp[] = [
  // "Incident Title", "ISSUE NAME", "Title", "Postmortem title here", "Name of the incident"
  /^(?:(?:incident|issue|outage|event|post-?mortem|report|rca)\s{1,3})?(?:title|name)(?:\s{1,3}(?:here|goes here))?$/i,
  /^(?:title|name)\s{1,3}of\s{1,3}(?:the\s{1,3})?(?:incident|issue|outage|event|post-?mortem|report)$/i,
  // "Postmortem template", "Incident report template"
  /^(?:(?:blameless|incident|outage|post-?mortem|report|rca|review|retrospective|analysis)\s{1,3}){1,3}template$/i,
  // "[Title]", "<incident name>", "{{ title }}", "TITLE"-like words in brackets
  /^(?:\[[^\]]{1,60}\]|<[^>]{1,60}>|\{\{[^}]{1,60}\}\})$/,
];
// A date or time written as its format: `DD/MM/YYYY`, `YYYY-MM-DD`, `HH:MM`, `XX:XX`.
const formatPlaceholderSource = String.raw`\b(?:(?:DD|MM|YYYY|YY|XX)[-/.](?:DD|MM|XX)(?:[-/.](?:YYYY|YY|XXXX|XX))?|YYYY[-/.]MM(?:[-/.]DD)?|(?:HH|hh|XX|xx):(?:MM|mm|XX|xx|SS))\b`;
const formatPlaceholder = new RegExp(formatPlaceholderSource);
const formatPlaceholders = new RegExp(formatPlaceholderSource, 'g');
// Instructions in brackets: "[Describe the impact]", "<List the services>", "{{ owner }}".
const instructionPlaceholder =
  /\[(?:describe|add|list|insert|explain|summari[sz]e|enter|write|link|what|how|who|when|why|name|owner|date|time|link)\b[^\]\n]{0,200}\]|<(?:describe|add|list|insert|explain|summari[sz]e|enter|write|what|how|who|when)\b[^>\n]{0,200}>|\{\{[^}\n]{1,60}\}\}/gi;
// This many placeholders in the body, with no dated timeline entry, make a file a template.
const minBodyPlaceholders = 3;

/** Why this parsed file is a template, or null when it is (or is marked as) an incident. */
export function templateReason(postmortem: Postmortem): string | null {
  const marked = frontmatterMark(postmortem.extra);
  if (marked === false) return null;
  if (marked === true) return 'its frontmatter marks it as a template';
  const name = fileBaseName(postmortem.path);
  if (templateFileName.test(name)) return `its file name \`${name}.md\` names a template`;
  const titleReason = placeholderTitleReason(postmortem.title);
  if (titleReason !== null) return titleReason;
  // A dated timeline entry rules a template out: most files have one, so their texts are not scanned.
  if (postmortem.timeline.some((entry) => entry.at !== null)) return null;
  const placeholders = bodyPlaceholders(postmortem);
  if (placeholders.length >= minBodyPlaceholders) {
    return `its body holds placeholders (${placeholders
      .slice(0, 3)
      .map((text) => `\`${text}\``)
      .join(', ')}) and no dated event`;
  }
  return null;
}

/** Why a title is a template's placeholder (`Incident Title`, `ISSUE NAME - DD/MM/YYYY`), or null when it names an incident. */
export function placeholderTitleReason(written: string): string | null {
  const title = written.trim();
  if (formatPlaceholder.test(title)) return `its title \`${title}\` holds a date format, not a date`;
  if (placeholderTitles.some((pattern) => pattern.test(title))) return `its title \`${title}\` is a placeholder`;
  return null;
}

/** `template: true` / `type: template` (also `kind`, `layout`) → true; `template: false` → false; else null. */
function frontmatterMark(extra: Record<string, unknown>): boolean | null {
  if (extra.template === false || extra.template === 'false') return false;
  if (extra.template === true || extra.template === 'true') return true;
  for (const key of ['type', 'kind', 'layout']) {
    const value = extra[key];
    if (typeof value === 'string' && /^(?:postmortem[-_ ])?template$/i.test(value.trim())) return true;
  }
  return null;
}

function bodyPlaceholders(postmortem: Postmortem): string[] {
  const texts = [postmortem.summary, ...postmortem.sections.map((section) => section.text), ...postmortem.timeline.map((entry) => entry.raw)];
  const found = new Set<string>();
  for (const text of texts) {
    for (const pattern of [formatPlaceholders, instructionPlaceholder]) {
      for (const match of text.slice(0, 20_000).matchAll(pattern)) found.add(truncate(match[0], 40));
    }
  }
  return [...found];
}

/**
 * Splits parsed files into incidents and templates; each template gets an info diagnostic
 * (rule `postmortem-template`) at its first line saying how it was recognised.
 */
export function separateTemplates(postmortems: readonly Postmortem[]): { incidents: Postmortem[]; skipped: Diagnostic[] } {
  const incidents: Postmortem[] = [];
  const skipped: Diagnostic[] = [];
  for (const postmortem of postmortems) {
    const reason = templateReason(postmortem);
    if (reason === null) {
      incidents.push(postmortem);
      continue;
    }
    skipped.push({
      ruleId: templateRuleId,
      severity: 'info',
      message: `Unexpected postmortem template (${reason}), expected an incident; the file is skipped (set \`template: false\` in its frontmatter to keep it)`,
      path: postmortem.path,
      line: 1,
      column: 1,
    });
  }
  return { incidents, skipped };
}
