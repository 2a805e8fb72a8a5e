/** The import formats and mapping targets, without loading any converter (for option parsing and `--help`). */
export const importFormats = ['html', 'docx', 'notion', 'github-issues', 'gitlab-issues', 'csv', 'markdown'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Where an issue label can go (`"import": { "labels": { "service::*": "service" } }`). */
export const labelTargets = ['category', 'service', 'severity', 'status', 'tag', 'ignore'] as const;
export type LabelTarget = (typeof labelTargets)[number];

/** Fields a CSV or Notion column can fill (`--map "Incident=title"`, `"import": { "columns": { … } }`). */
export const columnFields = [
  'title',
  'date',
  'severity',
  'status',
  'organization',
  'services',
  'categories',
  'tags',
  'authors',
  'started_at',
  'detected_at',
  'mitigated_at',
  'resolved_at',
  'sources',
  'id',
  'summary',
  'impact',
  'timeline',
  'rootCause',
  'trigger',
  'detection',
  'resolution',
  'actionItems',
  'lessons',
  'ignore',
] as const;
export type ColumnField = (typeof columnFields)[number];
