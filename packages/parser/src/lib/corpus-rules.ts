/** Checks only the whole corpus can make: duplicate ids and links to no incident. */
import type { Postmortem } from './schema.js';

/** Appends `duplicate-id` and `unknown-related` diagnostics to the postmortems concerned. */
export function checkCorpus(postmortems: readonly Postmortem[]): void {
  const byId = new Map<string, Postmortem[]>();
  for (const postmortem of postmortems) byId.set(postmortem.id, [...(byId.get(postmortem.id) ?? []), postmortem]);
  const known = new Set([...byId.keys(), ...postmortems.map((postmortem) => postmortem.slug)]);

  for (const [id, owners] of byId) {
    if (owners.length < 2) continue;
    for (const postmortem of owners) {
      const others = owners.filter((other) => other !== postmortem).map((other) => other.path ?? other.slug);
      postmortem.diagnostics.push({
        ruleId: 'duplicate-id',
        severity: 'error',
        message: `Unexpected duplicate id \`${id}\` (also used by ${others.join(', ')}), expected ids unique across the corpus`,
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
