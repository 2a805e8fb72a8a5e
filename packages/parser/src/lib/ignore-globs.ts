/**
 * `ignore` globs: which files below a corpus directory are not postmortems. One matcher for
 * every caller (the CLI, the site's loader, `loadPostmortems`), so they skip the same files.
 *
 * Patterns are matched against the path relative to the directory being read, with `/`
 * separators, the way `.gitignore` reads them: `*` and `?` stay inside one path segment,
 * `**` spans segments, `[abc]`/`[!abc]` are character classes, `{a,b}` alternatives. A
 * pattern without a `/` (other than a trailing one) matches at any depth (`*-draft.md`,
 * `drafts`); a leading `/` anchors it to the directory; a pattern that names a directory
 * ignores everything below it. Negation (`!…`) is not supported: the option is refused.
 */

/** Why a list of ignore patterns is refused, or null when it is usable. */
export function ignorePatternsProblem(patterns: unknown): string | null {
  if (!Array.isArray(patterns)) return 'expected an array of glob strings such as ["drafts/**", "*-template.md"]';
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.trim() === '') return `expected every ignore pattern to be a non-empty string, not ${JSON.stringify(pattern)}`;
    if (pattern.startsWith('!'))
      return `unexpected negated ignore pattern ${JSON.stringify(pattern)}, expected a glob of files to skip (negation is not supported)`;
    if (pattern.length > 500) return `unexpected ignore pattern of ${pattern.length} characters, expected at most 500`;
    if (pattern.split('/').includes('..')) return `unexpected \`..\` in ignore pattern ${JSON.stringify(pattern)}, expected a path inside the directory read`;
  }
  return null;
}

/**
 * A predicate telling whether a path (relative to the directory read, `/` or `\` separated)
 * is ignored. Throws a TypeError for patterns `ignorePatternsProblem` refuses (bad options).
 */
export function ignoreMatcher(patterns: readonly string[] | undefined): (relativePath: string) => boolean {
  if (patterns === undefined || patterns.length === 0) return () => false;
  const problem = ignorePatternsProblem(patterns);
  if (problem !== null) throw new TypeError(`ignore: ${problem}`);
  const regexes = patterns.map(globToRegExp);
  return (relativePath) => {
    const segments = relativePath.split(/[\\/]/).filter((segment) => segment !== '' && segment !== '.');
    // The path itself or any directory above it: `drafts` ignores `drafts/a.md`.
    for (let end = segments.length; end > 0; end--) {
      const candidate = segments.slice(0, end).join('/');
      if (regexes.some((regex) => regex.test(candidate))) return true;
    }
    return false;
  };
}

function globToRegExp(pattern: string): RegExp {
  let glob = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  while (glob.endsWith('/')) glob = glob.slice(0, -1);
  const anchored = glob.startsWith('/');
  if (anchored) glob = glob.slice(1);
  let source = '';
  let index = 0;
  while (index < glob.length) {
    const char = glob[index]!;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        // `**/` any directories (or none); a trailing `**` anything below.
        const slash = glob[index + 2] === '/';
        source += slash ? '(?:[^/]*/)*' : '.*';
        index += slash ? 3 : 2;
        continue;
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close === -1) source += '\\[';
      else {
        let body = glob.slice(index + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        source += `[${negated ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        index = close + 1;
        continue;
      }
    } else if (char === '{') {
      const close = glob.indexOf('}', index);
      if (close === -1) source += '\\{';
      else {
        source += `(?:${glob
          .slice(index + 1, close)
          .split(',')
          .map(escapeLiteral)
          .join('|')})`;
        index = close + 1;
        continue;
      }
    } else {
      source += escapeLiteral(char);
    }
    index++;
  }
  const anywhere = !anchored && !glob.includes('/');
  return new RegExp(`^${anywhere ? '(?:[^/]*/)*' : ''}${source}$`, 'i');
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
