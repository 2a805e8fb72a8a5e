/** Which field a column (CSV header, Notion property) fills: the mapping given, else its name. */
import type { ColumnField } from '../formats.js';

const byName: Record<string, ColumnField> = {
  title: 'title',
  name: 'title',
  incident: 'title',
  'incident title': 'title',
  'incident name': 'title',
  subject: 'title',
  date: 'date',
  'incident date': 'date',
  day: 'date',
  'date of incident': 'date',
  severity: 'severity',
  sev: 'severity',
  priority: 'severity',
  level: 'severity',
  status: 'status',
  'review status': 'status',
  'postmortem status': 'status',
  organization: 'organization',
  organisation: 'organization',
  company: 'organization',
  service: 'services',
  services: 'services',
  component: 'services',
  components: 'services',
  system: 'services',
  systems: 'services',
  'affected services': 'services',
  'affected service': 'services',
  category: 'categories',
  categories: 'categories',
  'root cause category': 'categories',
  'cause category': 'categories',
  tags: 'tags',
  tag: 'tags',
  labels: 'tags',
  author: 'authors',
  authors: 'authors',
  start: 'started_at',
  started: 'started_at',
  'started at': 'started_at',
  'start time': 'started_at',
  'impact start': 'started_at',
  detected: 'detected_at',
  'detected at': 'detected_at',
  'detection time': 'detected_at',
  mitigated: 'mitigated_at',
  'mitigated at': 'mitigated_at',
  resolved: 'resolved_at',
  'resolved at': 'resolved_at',
  end: 'resolved_at',
  ended: 'resolved_at',
  'end time': 'resolved_at',
  'impact end': 'resolved_at',
  url: 'sources',
  link: 'sources',
  source: 'sources',
  sources: 'sources',
  'postmortem link': 'sources',
  'postmortem url': 'sources',
  id: 'id',
  summary: 'summary',
  description: 'summary',
  overview: 'summary',
  impact: 'impact',
  'customer impact': 'impact',
  timeline: 'timeline',
  'root cause': 'rootCause',
  'root causes': 'rootCause',
  cause: 'rootCause',
  rca: 'rootCause',
  trigger: 'trigger',
  detection: 'detection',
  resolution: 'resolution',
  mitigation: 'resolution',
  fix: 'resolution',
  'action items': 'actionItems',
  actions: 'actionItems',
  'follow ups': 'actionItems',
  followups: 'actionItems',
  remediation: 'actionItems',
  lessons: 'lessons',
  'lessons learned': 'lessons',
};

function normalise(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The field for each header: an explicit mapping (matched case-insensitively) wins, else the header's name, else none. */
export function mapColumns(headers: readonly string[], mapping: Readonly<Record<string, ColumnField>> = {}): Array<ColumnField | null> {
  const explicit = new Map(Object.entries(mapping).map(([header, field]) => [normalise(header), field]));
  const taken = new Set<ColumnField>();
  return headers.map((header) => {
    const key = normalise(header);
    const field = explicit.get(key) ?? byName[key] ?? null;
    // The first column naming a single-valued field wins; later ones stay under Details.
    if (field !== null && field !== 'ignore' && !explicit.has(key) && taken.has(field)) return null;
    if (field !== null) taken.add(field);
    return field;
  });
}
