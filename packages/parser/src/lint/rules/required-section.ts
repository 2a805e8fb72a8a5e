/** A `status: final` postmortem needs the sections a reviewer reads first. */
import { defineRule, frontmatterPlace } from '../define-rule.js';
import type { SectionKind } from '../../lib/schema.js';

const requiredForFinal: ReadonlyArray<readonly [SectionKind, string]> = [
  ['summary', 'Summary'],
  ['impact', 'Impact'],
  ['timeline', 'Timeline'],
  ['rootCause', 'Root cause'],
  ['remediation', 'Action items'],
];

const final = (body: string) =>
  `---\ntitle: Cache outage\ndate: 2024-03-18\nstatus: final\n---\n\n## Summary\n\nThe cache fell over.\n\n## Impact\n\nSlow pages.\n\n## Timeline (all times UTC)\n\n- 10:00 — cache evicts every key\n${body}`;

export default defineRule({
  meta: {
    id: 'required-section',
    severity: 'error',
    scope: 'file',
    description: 'A `status: final` postmortem needs Summary, Impact, Timeline, Root cause and Action items.',
    docs: 'A `status: final` postmortem has Summary, Impact, Timeline, Root cause and Action items sections.',
    examples: {
      ok: final('\n## Root cause\n\nNo eviction limit.\n\n## Action items\n\n- [x] Add a limit @ops\n'),
      notOk: final('\n## Action items\n\n- [x] Add a limit @ops\n'),
      expected: ['4:1: Unexpected final postmortem without a Root cause section, expected a `## Root cause` heading'],
    },
  },
  check(postmortem, context) {
    if (postmortem.status !== 'final' || !context.parsed) return;
    const { sections, labelled } = context.parsed;
    for (const [kind, label] of requiredForFinal) {
      if (sections.some((section) => section.kind === kind) || labelled.has(kind)) continue;
      const article = /^[AEIOU]/.test(label) ? 'an' : 'a';
      context.report({
        message: `Unexpected final postmortem without ${article} ${label} section, expected a \`## ${label}\` heading`,
        ...frontmatterPlace(context, 'status'),
      });
    }
  },
});
