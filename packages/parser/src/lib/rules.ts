/**
 * Content rules checked on every parsed postmortem: what reviewers keep catching by hand.
 * Each rule has an id and a default severity; the CLI can turn rules off or change
 * their severity per project (see `ruleDefaults`).
 */
import type { DiagnosticSink } from './diagnostics.js';
import type { Position } from './frontmatter.js';
import { phaseTime } from './metrics.js';
import { firstYear, lastYear } from './stats.js';
import type { Diagnostic, Postmortem, SectionKind } from './schema.js';
import type { SectionNode } from './sections.js';
import { suggestCategory, suggestTrigger, type Taxonomy } from './taxonomy.js';

export interface RuleInfo {
  severity: Diagnostic['severity'];
  description: string;
  /**
   * A fatal problem: the file could not be read as a postmortem (or only in part), so no
   * configuration may silence it or change its severity (ESLint's `fatal: true`).
   */
  fatal?: true;
}

/** Every rule this library reports, with its default severity. */
export const ruleDefaults = {
  'frontmatter-language': { severity: 'error', description: 'Frontmatter must be YAML (`---`); `---js` and other languages are refused, never evaluated.', fatal: true },
  'frontmatter-unclosed': { severity: 'error', description: 'Frontmatter opened with `---` must be closed by `---`.', fatal: true },
  'frontmatter-yaml': { severity: 'error', description: 'Frontmatter must be valid YAML (aliases limited).', fatal: true },
  'frontmatter-schema': { severity: 'error', description: 'Frontmatter values must match the schema (e.g. `status` is draft, in-review or final).' },
  'frontmatter-date': { severity: 'error', description: '`date` must be a calendar date `YYYY-MM-DD`.' },
  'frontmatter-time': { severity: 'error', description: '`started_at`, `detected_at`, `mitigated_at`, `resolved_at` must be valid date-times.' },
  'binary-content': { severity: 'warning', description: 'The file contains NUL bytes.', fatal: true },
  'too-large': { severity: 'error', description: 'The file is larger than the configured size cap and was not parsed.', fatal: true },
  timeout: { severity: 'error', description: 'Parsing the file took longer than the per-file time limit.', fatal: true },
  'parse-failure': { severity: 'error', description: 'The parser failed on this file (a bug: please report it).', fatal: true },
  unreadable: { severity: 'error', description: 'The file could not be read (no permission, or not a regular file).', fatal: true },
  'postmortem-template': { severity: 'info', description: 'A postmortem template (`template.md`, a placeholder title, `template: true`) is not an incident: loading skips it and says why.' },
  'corpus-time-budget': { severity: 'error', description: 'The corpus checks (duplicate ids, links, recurrences) ran over the per-run time budget; those not finished are named.', fatal: true },
  'too-many-values': { severity: 'error', description: 'More than 20 `categories`, 100 `services` or 100 `tags` in one file: the rest are ignored (kept in `extra` as `ignored:<key>`).', fatal: true },
  'missing-title': { severity: 'warning', description: 'A postmortem needs a title (frontmatter or `# H1`).' },
  'missing-date': { severity: 'info', description: 'A postmortem needs a date (frontmatter, `Date:` line or file-name prefix).' },
  'timeline-invalid-time': { severity: 'warning', description: 'A timeline time that cannot be valid (`25:10`, `13:61`, `13:55 AM`).' },
  'timeline-redundant-meridiem': { severity: 'info', description: 'A 24-hour timeline time followed by `PM` (`13:55 PM`), read as the 24-hour time.' },
  'timeline-no-zone': { severity: 'info', description: 'Timeline times without a zone are read as UTC.' },
  'timeline-no-date': { severity: 'info', description: 'Timeline times without any date cannot be placed.' },
  'timeline-ambiguous-date': { severity: 'warning', description: 'A numeric timeline date that reads both day first and month first (`02/10/2022`) where nothing in the document settles the order.' },
  'timeline-invalid-date': { severity: 'warning', description: 'A timeline date that is not in the calendar (`2021-02-30`).' },
  'action-item-invalid-due': { severity: 'warning', description: 'An action item due date that is not a calendar date.' },
  'action-item-unrecognised-due': { severity: 'info', description: 'An action item due value that is not a `YYYY-MM-DD` date.' },
  'taxonomy-yaml': { severity: 'error', description: 'taxonomy.yaml must be valid YAML.' },
  'taxonomy-schema': { severity: 'error', description: 'taxonomy.yaml categories need id, label, description, synonyms.' },
  'taxonomy-duplicate-id': { severity: 'error', description: 'A category id appears twice in taxonomy.yaml.' },
  'required-section': { severity: 'error', description: 'A `status: final` postmortem needs Summary, Impact, Timeline, Root cause and Action items.' },
  'action-item-owner': { severity: 'warning', description: 'An open action item needs an owner (`@handle` or `owner: name`).' },
  'timeline-order': { severity: 'warning', description: 'Timeline entries must be in chronological order.' },
  'timeline-outside-window': { severity: 'warning', description: 'A timeline entry more than a day before the start or a week after the end of the incident.' },
  'resolved-before-started': { severity: 'error', description: 'The incident cannot end before it starts.' },
  'date-in-future': { severity: 'warning', description: 'The incident date lies in the future.' },
  'date-out-of-range': { severity: 'warning', description: 'The incident year is before 1000 or after next year: the incident is left out of per-year counts and year pages.' },
  'unknown-category': { severity: 'warning', description: 'A root-cause category that is not in taxonomy.yaml (with the closest known one).' },
  'unknown-trigger': { severity: 'warning', description: 'A `trigger` that is not one of the triggers in taxonomy.yaml (with the closest known one).' },
  'blameless-root-cause': { severity: 'warning', description: '"Human error" is not a root cause: name the process or system gap that allowed it.' },
  'empty-lessons': { severity: 'warning', description: 'A Lessons section with nothing in it.' },
  'duplicate-id': { severity: 'error', description: 'Two postmortems share an `id`.' },
  'duplicate-slug': { severity: 'error', description: 'Two postmortems in different directories share a file name (one page per slug).' },
  recurrence: { severity: 'info', description: 'The incident recurs: an earlier one within 180 days shares a root-cause (or trigger) category and a service or organization; says how many of the earlier follow-ups are still open.' },
  'unknown-related': { severity: 'warning', description: '`related` or `duplicate_of` names no incident in the corpus.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof ruleDefaults;

/** Whether a rule id names a fatal problem, which no configuration may turn off or re-grade. */
export function isFatalRule(ruleId: string): boolean {
  return Object.hasOwn(ruleDefaults, ruleId) && (ruleDefaults[ruleId as RuleId] as RuleInfo).fatal === true;
}

/**
 * Why a rule setting is refused, or null when `setting` is allowed for `ruleId`: unknown ids,
 * unknown settings and fatal rules (one message for the CLI's configuration and the loader).
 */
export function ruleSettingProblem(ruleId: string, setting: unknown): string | null {
  if (!Object.hasOwn(ruleDefaults, ruleId)) return `unknown rule "${ruleId}"; valid rule ids: ${Object.keys(ruleDefaults).join(', ')}`;
  if (isFatalRule(ruleId)) {
    return `rule "${ruleId}" cannot be configured: it reports a file that could not be read as a postmortem, which is always shown (fatal rules: ${Object.keys(ruleDefaults).filter(isFatalRule).join(', ')})`;
  }
  if (!ruleSettings.includes(setting as RuleSetting)) {
    return `rule "${ruleId}" is set to ${JSON.stringify(setting)}, expected one of ${ruleSettings.map((s) => `"${s}"`).join(', ')}`;
  }
  return null;
}

/** What a project may set a rule to: off, or another severity. */
export type RuleSetting = 'off' | Diagnostic['severity'];
export const ruleSettings: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

/**
 * The diagnostics with each rule's configured severity (`{ "<ruleId>": "warning" }`); those of
 * rules turned `off` are left out. Fatal problems are kept as they are, whatever the settings. The CLI's configuration and the site loader's `rules`.
 */
export function configureDiagnostics(diagnostics: readonly Diagnostic[], rules: Readonly<Partial<Record<string, RuleSetting>>>): Diagnostic[] {
  return diagnostics.flatMap((diagnostic) => {
    const setting = rules[diagnostic.ruleId];
    if (setting === undefined || isFatalRule(diagnostic.ruleId)) return [diagnostic];
    return setting === 'off' ? [] : [{ ...diagnostic, severity: setting }];
  });
}

const requiredForFinal: ReadonlyArray<readonly [SectionKind, string]> = [
  ['summary', 'Summary'],
  ['impact', 'Impact'],
  ['timeline', 'Timeline'],
  ['rootCause', 'Root cause'],
  ['remediation', 'Action items'],
];

const hour = 3_600_000;
const blamePhrase = /\b(?:human|operator|user|engineer|pilot|employee)[\s-]+error\b/i;

export interface RuleContext {
  sections: readonly SectionNode[];
  /** Kinds given as a labelled paragraph before the first H2 (`**Impact:** …`) instead of a section. */
  labelled?: ReadonlySet<SectionKind> | undefined;
  positions: ReadonlyMap<string, Position>;
  taxonomy?: Taxonomy | undefined;
  today?: string | undefined;
}

export function checkContent(postmortem: Postmortem, context: RuleContext, sink: DiagnosticSink): void {
  const keyPosition = (key: string): [number, number] => {
    const position = context.positions.get(key);
    return position ? [position.line, position.column] : [1, 1];
  };

  if (postmortem.status === 'final') {
    for (const [kind, label] of requiredForFinal) {
      if (!context.sections.some((section) => section.kind === kind) && !context.labelled?.has(kind)) {
        sink.report('required-section', 'error', `Unexpected final postmortem without ${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label} section, expected a \`## ${label}\` heading`, ...keyPosition('status'));
      }
    }
  }

  for (const item of postmortem.actionItems) {
    if (item.status !== 'done' && item.owner === null) {
      sink.report('action-item-owner', 'warning', `Unexpected action item without an owner, expected \`@handle\` or \`owner: name\` in “${clip(item.text)}”`, item.line, 1);
    }
  }

  let previous: { at: number; line: number } | null = null;
  for (const entry of postmortem.timeline) {
    if (entry.at === null) continue;
    const at = Date.parse(entry.at);
    if (previous && at < previous.at) {
      sink.report('timeline-order', 'warning', `Unexpected timeline entry at ${entry.at} after one at line ${previous.line} that is later, expected chronological order`, entry.line, 1);
    }
    previous = { at, line: entry.line };
  }

  const started = phaseTime(postmortem, 'started');
  const resolved = phaseTime(postmortem, 'resolved');
  if (started && resolved && Date.parse(resolved) < Date.parse(started)) {
    sink.report('resolved-before-started', 'error', `Unexpected end ${resolved} before start ${started}, expected the incident to end after it starts`, ...keyPosition(['resolved_at', 'end_time', 'ended'].find((key) => context.positions.has(key)) ?? 'resolved_at'));
  }
  if (started && resolved) {
    const from = Date.parse(started) - 24 * hour;
    const to = Date.parse(resolved) + 7 * 24 * hour;
    for (const entry of postmortem.timeline) {
      if (entry.at === null) continue;
      const at = Date.parse(entry.at);
      if (at < from || at > to) {
        sink.report('timeline-outside-window', 'warning', `Unexpected timeline entry at ${entry.at} outside the incident (${started} to ${resolved}), expected it within a day before the start and a week after the end`, entry.line, 1);
      }
    }
  }

  const today = context.today ?? new Date().toISOString().slice(0, 10);
  const year = postmortem.date !== null && /^\d{4}-/.test(postmortem.date) ? Number(postmortem.date.slice(0, 4)) : null;
  const last = lastYear(today);
  if (year !== null && (year < firstYear || year > last)) {
    // Per-year series span the corpus's years: one year 9999 would stretch them over millennia.
    sink.report('date-out-of-range', 'warning', `Unexpected date ${postmortem.date} ${year < firstYear ? `before ${firstYear}` : `after ${last}`}, expected a year from ${firstYear} to ${last}; the incident is left out of per-year counts and year pages`, ...keyPosition('date'));
  } else if (postmortem.date !== null && postmortem.date > today) {
    sink.report('date-in-future', 'warning', `Unexpected date ${postmortem.date} in the future, expected a date on or before ${today}`, ...keyPosition('date'));
  }

  if (context.taxonomy) {
    const known = new Set(context.taxonomy.categories.map((category) => category.id));
    for (const id of postmortem.categories) {
      if (known.has(id)) continue;
      const suggestion = suggestCategory(id, context.taxonomy);
      sink.report('unknown-category', 'warning', `Unexpected category \`${id}\`, expected an id from taxonomy.yaml${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`, ...keyPosition('categories'));
    }
    const trigger = postmortem.triggerCategory;
    // A taxonomy without triggers (an older project's) has nothing to check against.
    if (trigger !== null && context.taxonomy.triggers.length > 0 && !context.taxonomy.triggers.some((known) => known.id === trigger)) {
      const suggestion = suggestTrigger(trigger, context.taxonomy);
      sink.report('unknown-trigger', 'warning', `Unexpected trigger \`${trigger}\`, expected a trigger id from taxonomy.yaml${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`, ...keyPosition('trigger'));
    }
  }

  for (const section of context.sections) {
    const topOfKind = section.parent === -1 || context.sections[section.parent]!.kind !== section.kind;
    if (section.kind === 'rootCause' && topOfKind) {
      const text = postmortem.rootCauses.map((cause) => cause.text).join('\n');
      const match = blamePhrase.exec(text);
      if (match) {
        sink.report('blameless-root-cause', 'warning', `Unexpected “${match[0]}” as a root cause, expected the process or system gap that made the mistake possible (blameless review)`, section.line, section.column);
      }
    }
    if (section.kind === 'lessons' && topOfKind && section.scope.length === 0) {
      sink.report('empty-lessons', 'warning', `Unexpected empty “${section.heading}” section, expected what went well, what went wrong or where you got lucky`, section.line, section.column);
    }
  }
}

function clip(text: string): string {
  return text.length > 60 ? text.slice(0, 59) + '…' : text;
}
