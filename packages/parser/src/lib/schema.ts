/**
 * The data model, written once. TypeScript types are inferred from these Zod
 * schemas; the editor JSON Schema (`schema/frontmatter.schema.json`) is
 * generated from `frontmatterSchema`; the Astro loader reuses `postmortemSchema`.
 */
import { z } from 'zod';
import { urlSlugPattern } from './url-slug.js';

/** A date or date-time as written in YAML (kept as a string by the core schema). */
const dateTimeString = z
  .string()
  .describe('A date-time: ISO 8601 (`2021-10-30T12:45:00-08:00`) or `YYYY-MM-DD HH:MM` with a zone abbreviation (`UTC`, `PST` …).');

const stringList = z.union([z.string(), z.array(z.string())]).describe('One string or a list of strings.');

/** A source of the facts in a postmortem: the public report and, optionally, an archived copy. */
const sourceEntry = z.union([
  z.string().describe('URL of the public report.'),
  z
    .object({
      url: z.string().describe('URL of the public report.'),
      archive_url: z.string().optional().describe('URL of an archived copy (e.g. the Wayback Machine).'),
    })
    .passthrough(),
]);

/**
 * YAML frontmatter of a postmortem. Unknown keys are allowed (teams add their own);
 * aliases other collections write are accepted and mapped (`frontmatterAliases` in
 * frontmatter.ts). An empty value (`key:`, `key: ""`) is the same as no key.
 */
export const frontmatterSchema = z
  .object({
    id: z.string().optional().describe('Stable identifier; defaults to the file name without `.md`.'),
    title: z.string().optional().describe('Title of the incident; defaults to the first H1.'),
    date: z
      .string()
      .optional()
      .describe('Date of the incident, `YYYY-MM-DD`, or `YYYY-MM` when only the month is known; defaults to a `Date:` line or the file-name prefix.'),
    status: z.enum(['draft', 'in-review', 'final']).optional().describe('Review status of the document.'),
    severity: z.union([z.string(), z.number()]).optional().describe('Severity as your team writes it (`SEV1`, `P2`, `major` …).'),
    organization: z.string().optional().describe('Company or team that had the incident. Alias: `company`.'),
    company: z.string().optional().describe('Alias of `organization`.'),
    services: stringList.optional().describe('Services or products affected. Aliases (merged): `product`, `products`, `component`.'),
    product: stringList.optional().describe('Alias of `services`.'),
    products: stringList.optional().describe('Alias of `services`.'),
    component: stringList.optional().describe('Alias of `services`.'),
    tags: stringList.optional().describe('Free-form tags. Alias (merged): `keywords`.'),
    keywords: stringList.optional().describe('Alias of `tags`.'),
    summary: z.string().optional().describe('Summary of the incident, used when the body has no Summary section.'),
    categories: stringList.optional().describe('Root-cause category ids from `taxonomy.yaml`.'),
    trigger: z
      .string()
      .optional()
      .describe(
        'Trigger category id from `taxonomy.yaml` `triggers`: what set the incident off (a deploy, a config push, a traffic surge …), apart from why it happened.',
      ),
    authors: stringList.optional().describe('Authors of the postmortem.'),
    sources: z.array(sourceEntry).optional().describe('Public reports the facts come from.'),
    source: z.string().optional().describe('Alias of `sources` with one URL.'),
    url: z.string().optional().describe('Alias of `sources` with one URL.'),
    archive_url: z.string().optional().describe('Archived copy of the `url`/`source` report.'),
    timezone: z.string().optional().describe('Zone of times written without one (`UTC`, `PST`, `Europe/Berlin`, `+02:00`).'),
    started_at: dateTimeString.optional().describe('Start of customer impact; gives `date` when none is written. Aliases: `start_time`, `started`.'),
    start_time: dateTimeString.optional().describe('Alias of `started_at`.'),
    started: dateTimeString.optional().describe('Alias of `started_at`.'),
    detected_at: dateTimeString.optional().describe('When the incident was detected.'),
    mitigated_at: dateTimeString.optional().describe('When impact was mitigated.'),
    resolved_at: dateTimeString.optional().describe('End of the incident. Aliases: `end_time`, `ended`.'),
    end_time: dateTimeString.optional().describe('Alias of `resolved_at`.'),
    ended: dateTimeString.optional().describe('Alias of `resolved_at`.'),
    related: stringList.optional().describe('Ids of related incidents.'),
    duplicate_of: z.string().optional().describe('Id of the incident this one duplicates.'),
  })
  .passthrough();

export type Frontmatter = z.infer<typeof frontmatterSchema>;

export const severityLevels = ['error', 'warning', 'info'] as const;

/** A content problem, positioned in the source file (1-based line and column). */
export const diagnosticSchema = z.object({
  /** Stable rule id, e.g. `frontmatter-yaml`, `timeline-invalid-time`. */
  ruleId: z.string(),
  severity: z.enum(severityLevels),
  /** What was found and what was expected. */
  message: z.string(),
  path: z.string().nullable(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export const sectionKinds = [
  'summary',
  'impact',
  'timeline',
  'rootCause',
  'contributingFactors',
  'trigger',
  'detection',
  'resolution',
  'remediation',
  'lessons',
] as const;
export type SectionKind = (typeof sectionKinds)[number];

export const markerKinds = ['started', 'detected', 'mitigated', 'resolved'] as const;
export type Marker = (typeof markerKinds)[number];

export const timelineEntrySchema = z.object({
  /** ISO 8601 with its UTC offset, or null when no valid time could be read. */
  at: z.string().nullable(),
  /**
   * The entry's day, `YYYY-MM-DD` as written (in the entry's own zone): also when no time
   * was written (`10/22/2022 - …`: this day, time unknown, `at` null); null when no date is known.
   */
  date: z.string().nullable(),
  /** The event, without its time. */
  text: z.string(),
  /** The entry as written. */
  raw: z.string(),
  line: z.number().int(),
  marker: z.enum(markerKinds).nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const actionItemSchema = z.object({
  text: z.string(),
  /** Owner without a leading `@`. */
  owner: z.string().nullable(),
  status: z.enum(['open', 'done']).nullable(),
  priority: z.string().nullable(),
  type: z.string().nullable(),
  /** Ticket key (`ABC-123`, `#123`) or URL. */
  ticket: z.string().nullable(),
  /** Due date, `YYYY-MM-DD`. */
  due: z.string().nullable(),
  /** When the item was done, `YYYY-MM-DD` ("done 2023-06-01", a "Done on" column); null when not written. */
  doneOn: z.string().nullable(),
  line: z.number().int(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const sectionSchema = z.object({
  heading: z.string(),
  kind: z.enum(sectionKinds).nullable(),
  depth: z.number().int().min(1).max(6),
  line: z.number().int(),
  /** The section's own content (up to the next heading of any depth) as plain text. */
  text: z.string(),
});
export type Section = z.infer<typeof sectionSchema>;

export const metricSources = ['timeline', 'frontmatter', 'stated'] as const;
const metricSource = z
  .enum(metricSources)
  .nullable()
  .describe(
    '`frontmatter`: both ends from frontmatter times (or `Started:` / `Resolved:` lines); `timeline`: an end from a timeline marker; `stated`: written in the text, as a duration ("Time to recovery: 148 minutes") or an end read from a sentence ("The outage began at 14:05 UTC …"); null: no figure.',
  );

export const metricsSchema = z.object({
  timeToDetectMinutes: z.number().nullable(),
  timeToMitigateMinutes: z.number().nullable(),
  timeToResolveMinutes: z.number().nullable(),
  /** Where each figure came from. */
  sources: z.object({
    timeToDetectMinutes: metricSource,
    timeToMitigateMinutes: metricSource,
    timeToResolveMinutes: metricSource,
  }),
});
export type Metrics = z.infer<typeof metricsSchema>;

export const postmortemSchema = z.object({
  id: z.string(),
  /** The file name (a `README`, `index`, `post-mortem` … its folder's) as a URL slug (`toUrlSlug`), unique in a corpus: the incident's page is `/incidents/<slug>/`. */
  slug: z.string().regex(urlSlugPattern),
  path: z.string().nullable(),
  title: z.string(),
  /** `YYYY-MM-DD`, `YYYY-MM` when only the month is known, or null when no date could be read. */
  date: z.string().nullable(),
  status: z.enum(['draft', 'in-review', 'final']).nullable(),
  severity: z.string().nullable(),
  organization: z.string().nullable(),
  services: z.array(z.string()),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  /** Trigger category id (frontmatter `trigger`): what set the incident off, apart from its root causes. */
  triggerCategory: z.string().nullable(),
  authors: z.array(z.string()),
  sources: z.array(z.object({ url: z.string(), archiveUrl: z.string().optional() })),
  related: z.array(z.string()),
  duplicateOf: z.string().nullable(),
  /** Zone used for times written without one. */
  timezone: z.string().nullable(),
  startedAt: z.string().nullable(),
  detectedAt: z.string().nullable(),
  mitigatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  summary: z.string(),
  impact: z.object({ text: z.string() }),
  timeline: z.array(timelineEntrySchema),
  rootCauses: z.array(
    z.object({
      text: z.string(),
      category: z.string().optional(),
      /** True for a sentence of the prose that states the cause ("The root cause was …"), read where the document has no Root cause section. */
      inferred: z.literal(true).optional(),
    }),
  ),
  contributingFactors: z.array(z.object({ text: z.string() })),
  trigger: z.string().nullable(),
  detection: z.string().nullable(),
  resolution: z.string().nullable(),
  /**
   * Fields filled from sentences of the prose rather than a section ("… was caused by …",
   * "… was triggered by …", "… was resolved by …"): absent when none was.
   */
  inferred: z.array(z.enum(['rootCauses', 'trigger', 'resolution'])).optional(),
  actionItems: z.array(actionItemSchema),
  lessons: z.object({
    wentWell: z.array(z.string()),
    wentWrong: z.array(z.string()),
    lucky: z.array(z.string()),
    /** Lessons not sorted into the three above ("Lessons learned" as a plain list or paragraphs): one per item or paragraph. */
    learned: z.array(z.string()),
  }),
  sections: z.array(sectionSchema),
  metrics: metricsSchema,
  /** Frontmatter keys this library does not know, kept as written. */
  extra: z.record(z.unknown()),
  /** The body rendered to sanitized HTML. */
  html: z.string(),
  /**
   * Images the body refers to by a relative path: `src` as the html uses it (`media/0-graph.png`,
   * relative to the incident's page), `file` as written, relative to the postmortem's folder.
   * The site serves a copy of each file at `src`. Absent when there are none.
   */
  images: z.array(z.object({ src: z.string(), file: z.string() })).optional(),
  diagnostics: z.array(diagnosticSchema),
});
export type Postmortem = z.infer<typeof postmortemSchema>;
