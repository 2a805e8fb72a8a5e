/**
 * The one slugifier for every value that becomes part of a URL or an output file name:
 * postmortem file names, services, organizations, severities, years, tags, triggers.
 * Postmortem content is untrusted, and a site generator resolves `..`, `%2e%2e`, `?` and `#`
 * when it writes a page, so nothing but a slug of this shape may reach a route.
 */

/** Lower-case ASCII letters and digits in runs joined by single dashes: never empty, never `.` or `..`. */
export const urlSlugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longer names keep their first characters and get a hash: a file name stays far below 255 bytes. */
export const maxUrlSlugLength = 80;

/** Whether `value` is a slug `toUrlSlug` could return (safe as one path segment of a URL and a file name). */
export function isUrlSlug(value: unknown): value is string {
  // Room for the `-2`, `-3` … that `uniqueUrlSlugs` adds.
  return typeof value === 'string' && value.length <= maxUrlSlugLength + 12 && urlSlugPattern.test(value);
}

export interface UrlSlugOptions {
  /** At most this many characters, 20 or more (default `maxUrlSlugLength`, 80); the CLI names new files with 60. */
  maxLength?: number;
}

const asciiOnly = /^\p{ASCII}*$/u;

/**
 * A URL-safe, lower-case kebab slug of `name` (`"Amazon S3"` → `"amazon-s3"`, `"Café"` → `"cafe"`).
 * When nothing ASCII is left (`"数据库"`, `"++"`, `".."`), `x-` and 8 hex digits of a hash of the
 * name; over `maxLength` characters, the start of the slug, `-` and that hash. The one slugifier
 * of this project: pages, output files and the file names `postmortem new` and `import` write.
 */
export function toUrlSlug(name: string, options: UrlSlugOptions = {}): string {
  // `names.map(toUrlSlug)` passes an index here: only an options object counts.
  const maxLength = (typeof options === 'object' && options !== null ? options.maxLength : undefined) ?? maxUrlSlugLength;
  if (!(Number.isInteger(maxLength) && maxLength >= 20))
    throw new RangeError(`toUrlSlug: expected \`maxLength\` to be an integer of 20 or more, not ${String(maxLength)}`);
  // ASCII has no decompositions and no combining marks: the Unicode steps are skipped for it.
  const letters = asciiOnly.test(name) ? name : name.normalize('NFKD').replace(/\p{M}+/gu, '');
  const slug = letters
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // Runs were collapsed to one `-` above, so one dash at each end at most.
    .replace(/^-|-$/g, '');
  if (slug === '') return `x-${fnv1a(name)}`;
  if (slug.length <= maxLength) return slug;
  return `${slug.slice(0, maxLength - 9).replace(/-$/, '')}-${fnv1a(name)}`;
}

/**
 * Slugs for `names`, in order, unique among themselves: a name whose slug is taken gets `-2`,
 * `-3` … (`"API"` and `"api"` → `api`, `api-2`). Equal names get equal slugs.
 */
export function uniqueUrlSlugs(names: readonly string[]): Map<string, string> {
  const slugs = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    if (slugs.has(name)) continue;
    const base = toUrlSlug(name);
    let slug = base;
    for (let suffix = 2; used.has(slug); suffix++) slug = `${base}-${suffix}`;
    used.add(slug);
    slugs.set(name, slug);
  }
  return slugs;
}

/** The file's base name without `.md` / `.markdown` (`untitled` without a path): the default id. */
export function fileBaseName(path: string | null): string {
  if (!path) return 'untitled';
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.(?:md|markdown)$/i, '') || 'untitled';
}

// File names that say what a file is, not which incident: `2022/07/20/post-mortem.md`, `ajna-exploit/README.md`.
const genericNames = new Set([
  'readme',
  'index',
  'post-mortem',
  'postmortem',
  'post-mortem-report',
  'postmortem-report',
  'incident',
  'incident-report',
  'report',
  'rca',
]);

/**
 * The name a postmortem's id and slug come from: its file's base name, or for a file whose name
 * says only what it is (`README`, `index`, `post-mortem`, `incident-report` …) the folder it is
 * in (`ajna-exploit/README.md` → `ajna-exploit`); date folders above it are joined and the file
 * name kept (`2022/07/20/post-mortem.md` → `2022-07-20-post-mortem`), so the pages of a blog's
 * dated folders do not all get one slug.
 */
export function postmortemName(path: string | null): string {
  const base = fileBaseName(path);
  if (path === null || !genericNames.has(toUrlSlug(base))) return base;
  const folders = path
    .split(/[\\/]/)
    .slice(0, -1)
    .filter((folder) => folder !== '' && folder !== '.' && folder !== '..');
  const dateParts: string[] = [];
  while (folders.length > 0 && /^\d+$/.test(folders[folders.length - 1]!)) dateParts.unshift(folders.pop()!);
  if (dateParts.length > 0) return [...dateParts, base].join('-');
  return folders.pop() ?? base;
}

/** The slug of the postmortem at `path`: its page is `/incidents/<slug>/`. */
export function slugFromPath(path: string | null): string {
  return toUrlSlug(postmortemName(path));
}

/** FNV-1a 32-bit over UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let at = 0; at < text.length; at++) {
    hash ^= text.charCodeAt(at);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
