/** A template kept beside the reports is not an incident: loading skips it (`separateTemplates`) and says why. */
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'postmortem-template',
    severity: 'info',
    scope: 'file',
    description: 'A postmortem template (`template.md`, a placeholder title, `template: true`) is not an incident: loading skips it and says why.',
    docs: 'A postmortem template is not an incident: a file named like one (`template.md`, `_template.md`, `incident-template.md`, any case), frontmatter `template: true` (or `type: template`), a placeholder title (`Incident Title`, `ISSUE NAME`, `[Title]`, `… - DD/MM/YYYY`) or a body of three or more placeholders (`[Describe …]`, `HH:MM`, `{{ owner }}`) with no dated event. Loading skips it and says which sign it showed; `template: false` keeps a file.',
    examples: {
      ok: '---\ntitle: Cache outage\ndate: 2024-03-18\n---\n',
      notOk: '---\ntitle: Incident Title\ndate: 2024-03-18\n---\n',
      expected: [
        '1:1: Unexpected postmortem template (its title `Incident Title` is a placeholder), expected an incident; the file is skipped (set `template: false` in its frontmatter to keep it)',
      ],
    },
  },
});
