/** Grouping helpers of the corpus rules: files sharing a key, each described with the others. */
import type { Postmortem } from '../lib/schema.js';

export function groupPostmortems(postmortems: readonly Postmortem[], key: (postmortem: Postmortem) => string): Map<string, Postmortem[]> {
  const groups = new Map<string, Postmortem[]>();
  for (const postmortem of postmortems) {
    const group = groups.get(key(postmortem));
    if (group) group.push(postmortem);
    else groups.set(key(postmortem), [postmortem]);
  }
  return groups;
}

/**
 * Each member of a group of two or more, with the others described for a message: one file
 * named and the rest counted (`a.md and 1998 other files`), so that the messages of a group
 * grow linearly with its size, not quadratically (2,000 files sharing one id once gave 148 MB).
 */
export function* eachWithOthers(group: readonly Postmortem[]): Generator<[Postmortem, string]> {
  if (group.length < 2) return;
  const [first, second] = group as [Postmortem, Postmortem];
  const rest = group.length - 2;
  const more = rest === 0 ? '' : ` and ${rest} other file${rest === 1 ? '' : 's'}`;
  for (const postmortem of group) {
    const named = postmortem === first ? second : first;
    yield [postmortem, `${named.path ?? named.slug}${more}`];
  }
}
