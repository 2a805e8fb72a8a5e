/** Checks only the whole corpus can make: duplicate ids and file names, and links to no incident. */
import type { Postmortem } from './schema.js';
import { fileBaseName } from './url-slug.js';

/** Appends `duplicate-id`, `duplicate-slug` and `unknown-related` diagnostics to the postmortems concerned. */
export function checkCorpus(postmortems: readonly Postmortem[]): void {
  const byId = groupPostmortems(postmortems, (postmortem) => postmortem.id);
  const known = new Set([...byId.keys(), ...postmortems.map((postmortem) => postmortem.slug)]);

  for (const [id, owners] of byId) {
    for (const [postmortem, others] of eachWithOthers(owners)) {
      postmortem.diagnostics.push({
        ruleId: 'duplicate-id',
        severity: 'error',
        message: `Unexpected duplicate id \`${id}\` (also used by ${others}), expected ids unique across the corpus`,
        path: postmortem.path,
        line: 1,
        column: 1,
      });
    }
  }

  // Same file name in two directories: both would want `/incidents/<slug>/`. Equal ids are reported above.
  for (const [slug, owners] of groupPostmortems(postmortems, (postmortem) => postmortem.slug)) {
    if (new Set(owners.map((postmortem) => postmortem.id)).size < owners.length) continue;
    const sameName = new Set(owners.map((postmortem) => fileBaseName(postmortem.path))).size === 1;
    for (const [postmortem, others] of eachWithOthers(owners)) {
      const name = fileBaseName(postmortem.path);
      postmortem.diagnostics.push({
        ruleId: 'duplicate-slug',
        severity: 'error',
        message: sameName
          ? `Unexpected duplicate file name \`${name}.md\` (also ${others}), expected one file per slug (one page per incident)`
          : `Unexpected file name \`${name}.md\` whose URL slug \`${slug}\` is also that of ${others}, expected one file per slug (one page per incident; a slug keeps a-z, 0-9 and -)`,
        path: postmortem.path,
        line: 1,
        column: 1,
      });
    }
  }

  for (const postmortem of postmortems) {
    const targets = [...postmortem.related.map((id) => ['related', id] as const), ...(postmortem.duplicateOf ? [['duplicate_of', postmortem.duplicateOf] as const] : [])];
    for (const [key, id] of targets) {
      if (known.has(id)) continue;
      postmortem.diagnostics.push({
        ruleId: 'unknown-related',
        severity: 'warning',
        message: `Unexpected \`${key}: ${id}\`, expected the id or slug of an incident in the corpus`,
        path: postmortem.path,
        line: 1,
        column: 1,
      });
    }
  }
}

function groupPostmortems(postmortems: readonly Postmortem[], key: (postmortem: Postmortem) => string): Map<string, Postmortem[]> {
  const groups = new Map<string, Postmortem[]>();
  for (const postmortem of postmortems) {
    const group = groups.get(key(postmortem));
    if (group) group.push(postmortem);
    else groups.set(key(postmortem), [postmortem]);
  }
  return groups;
}

/** Each member of a group of two or more, with the others' paths joined for a message. */
function* eachWithOthers(group: readonly Postmortem[]): Generator<[Postmortem, string]> {
  if (group.length < 2) return;
  for (const postmortem of group) {
    yield [postmortem, group.filter((other) => other !== postmortem).map((other) => other.path ?? other.slug).join(', ')];
  }
}
