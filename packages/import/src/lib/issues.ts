/**
 * `--from github-issues` / `gitlab-issues`: the JSON the REST APIs return (`gh api`,
 * `glab api`), as one issue, an array, an array of pages (`--slurp`) or one object per
 * line. Comment files (GitHub comments carry `issue_url`, GitLab notes `noteable_iid`)
 * may be given too: each comment is appended to its issue. One postmortem per issue.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { LabelTarget } from '../formats.js';
import { diagnostic, type ImportedDocument, type ImportResult } from './document.js';
import { stringifyOptions } from './html-to-markdown.js';
import { decodeText, readInput } from './inputs.js';
import { compileLabelMapping, defaultLabelMapping } from './labels.js';
import type { ImportLimits } from './limits.js';
import { categoryId } from './stub.js';

type Json = Record<string, unknown>;
export type IssueFlavour = 'github' | 'gitlab';

const markdown = unified().use(remarkParse).use(remarkGfm).use(remarkStringify, stringifyOptions).freeze();

/**
 * Markdown from an issue or comment body. Raw HTML becomes visible text. In a comment
 * (`inComment`) headings become bold lines, so a comment's "## Root cause" cannot open a section.
 */
function normaliseMarkdown(text: string, inComment = false): string {
  const tree = markdown.parse(text);
  const stack: Array<Root | Root['children'][number]> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('children' in node)) continue;
    const flow = node.type === 'root' || node.type === 'blockquote' || node.type === 'listItem';
    node.children = node.children.map((child) => {
      if (child.type === 'html') return flow ? { type: 'paragraph', children: [{ type: 'text', value: child.value }] } : { type: 'text', value: child.value };
      if (inComment && child.type === 'heading') return { type: 'paragraph', children: [{ type: 'strong', children: child.children }] };
      return child;
    });
    stack.push(...node.children);
  }
  return markdown.stringify(tree).trim();
}

function parseJsonValues(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    // `gh api --paginate --jq '.[]'` and `glab api … | jq -c '.[]'` print one object per line.
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
}

function flatten(values: unknown[]): Json[] {
  const out: Json[] = [];
  const stack = [...values].reverse();
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...(value as unknown[]).slice().reverse());
    else if (typeof value === 'object' && value !== null) out.push(value as Json);
  }
  return out;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const login = (user: unknown): string | undefined =>
  typeof user === 'object' && user !== null ? (str((user as Json).login) ?? str((user as Json).username)) : undefined;
const labelNames = (labels: unknown): string[] =>
  Array.isArray(labels) ? labels.map((label) => (typeof label === 'string' ? label : (str((label as Json | null)?.name) ?? ''))).filter(Boolean) : [];

interface Comment {
  author: string | undefined;
  at: string | undefined;
  body: string;
}

export async function importIssues(
  paths: readonly string[],
  flavour: IssueFlavour,
  limits: ImportLimits,
  labels: Readonly<Record<string, LabelTarget>> | undefined,
): Promise<ImportResult> {
  const diagnostics: ImportResult['diagnostics'] = [];
  const issues: Array<{ path: string; issue: Json }> = [];
  const comments = new Map<string, Comment[]>();
  for (const path of paths) {
    const read = await readInput(path, limits.maxInputBytes);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    let objects: Json[];
    try {
      objects = flatten(parseJsonValues(decodeText(read.data)));
    } catch (error) {
      diagnostics.push(diagnostic(path, 'import-unreadable', 'error', `Unexpected JSON: ${(error as Error).message}; not imported`));
      continue;
    }
    for (const object of objects.slice(0, limits.maxRecords)) {
      const key = commentKey(object, flavour);
      if (key !== null) {
        if (flavour === 'gitlab' && object.system === true) continue;
        const list = comments.get(key) ?? [];
        list.push({ author: login(object.user) ?? login(object.author), at: str(object.created_at), body: str(object.body) ?? '' });
        comments.set(key, list);
      } else if (typeof object.title === 'string' && object.pull_request === undefined) issues.push({ path, issue: object });
    }
  }
  const match = compileLabelMapping(labels ?? defaultLabelMapping);
  const documents = issues.map(({ path, issue }) => toDocument(path, issue, flavour, comments.get(issueKey(issue, flavour)) ?? [], match));
  return { documents, diagnostics };
}

function issueKey(issue: Json, flavour: IssueFlavour): string {
  return flavour === 'github' ? String(issue.url ?? issue.html_url ?? issue.number) : `${String(issue.project_id)}#${String(issue.iid)}`;
}

function commentKey(object: Json, flavour: IssueFlavour): string | null {
  if (flavour === 'github') return typeof object.issue_url === 'string' && object.title === undefined ? object.issue_url : null;
  return Object.hasOwn(object, 'noteable_iid') && object.title === undefined ? `${String(object.project_id)}#${String(object.noteable_iid)}` : null;
}

function toDocument(path: string, issue: Json, flavour: IssueFlavour, comments: Comment[], match: ReturnType<typeof compileLabelMapping>): ImportedDocument {
  const number = issue.number ?? issue.iid;
  const frontmatter: Record<string, unknown> = { title: String(issue.title).trim() };
  const created = str(issue.created_at);
  if (created && /^\d{4}-\d{2}-\d{2}/.test(created)) frontmatter.date = created.slice(0, 10);
  const lists: Record<'services' | 'categories' | 'tags', string[]> = { services: [], categories: [], tags: [] };
  for (const label of labelNames(issue.labels)) {
    const found = match(label);
    if (found === null || found.target === 'tag') lists.tags.push(found?.value ?? label);
    else if (found.target === 'service') lists.services.push(found.value);
    else if (found.target === 'category') lists.categories.push(categoryId(found.value));
    else if (found.target === 'severity') frontmatter.severity ??= found.value;
    else if (found.target === 'status' && ['draft', 'in-review', 'final'].includes(found.value.toLowerCase())) frontmatter.status = found.value.toLowerCase();
  }
  // GitLab incidents carry a severity field of their own.
  const severity = str(issue.severity);
  if (frontmatter.severity === undefined && severity && severity !== 'UNKNOWN') frontmatter.severity = severity.toLowerCase();
  Object.assign(frontmatter, lists);
  const author = login(issue.user) ?? login(issue.author);
  if (author) frontmatter.authors = [author];
  const url = str(issue.html_url) ?? str(issue.web_url);
  if (url) frontmatter.sources = [url];
  frontmatter.created_at = created;
  frontmatter.closed_at = str(issue.closed_at);
  frontmatter.state = str(issue.state);

  const body = normaliseMarkdown(str(issue.body) ?? str(issue.description) ?? '');
  const appendix =
    comments.length === 0
      ? ''
      : `\n\n## Appendix: comments\n\n${comments.map((comment) => `### ${comment.author ? `@${comment.author}` : 'comment'}${comment.at ? ` — ${comment.at}` : ''}\n\n${normaliseMarkdown(comment.body, true)}`).join('\n\n')}`;
  return { source: path, record: `issue #${String(number)}`, frontmatter, body: `${body}${appendix}`, assets: [], diagnostics: [] };
}
