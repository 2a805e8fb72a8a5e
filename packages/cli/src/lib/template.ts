/**
 * The built-in postmortem template, used by `postmortem new` when the target directory has
 * no `_template.md`. Same shape as the repository's `postmortems/_template.md`; placeholders
 * `{{title}}`, `{{date}}`, `{{id}}` and `{{schema}}` (the frontmatter JSON Schema, for editors
 * running the YAML language server) are filled in by `renderTemplate`.
 */
export const builtInTemplate = `---
# yaml-language-server: $schema={{schema}}
id: "{{id}}"                  # optional; defaults to the file name without .md
title: "{{title}}"
date: "{{date}}"              # YYYY-MM-DD, the day the incident started
status: draft                 # draft | in-review | final
severity: SEV2                # as your team writes it (SEV1, P2, major ...)
organization: Example Corp
services: [api, web]
tags: [example]
categories: [config-change]   # ids from postmortems/taxonomy.yaml
authors: [your-name]
sources:
  - url: https://example.com/public-report
    archive_url: https://web.archive.org/web/2024/https://example.com/public-report
timezone: UTC                 # zone of times written without one
started_at: "{{date}}T00:00:00Z"    # start of customer impact (ISO 8601 with offset or Z)
detected_at: "{{date}}T00:00:00Z"
mitigated_at: "{{date}}T00:00:00Z"
resolved_at: "{{date}}T00:00:00Z"
related: []                   # ids of related postmortems
---

## Summary

<!-- Two to four sentences: what broke, for whom, for how long, and why. Write for someone who was not there. -->

## Impact

<!-- Who and what was affected, and how badly: users, requests, revenue, data. Give numbers and durations where known. -->

## Timeline

<!-- One bullet per event, oldest first, each starting with its time and zone, e.g.
- 2024-01-01 14:51 UTC — INCIDENT BEGINS: error rate rises.
- 2024-01-01 14:58 UTC — DETECTED: on-call paged.
- 2024-01-01 15:20 UTC — MITIGATED: change rolled back.
- 2024-01-01 16:00 UTC — INCIDENT ENDS: all metrics normal.
Times without a zone use \`timezone\` from the frontmatter. Markers: INCIDENT BEGINS, DETECTED, MITIGATED, INCIDENT ENDS. -->

## Root cause

<!-- The underlying conditions that made the failure possible. Describe systems and processes, not people (blameless). -->

## Contributing factors

<!-- Other conditions that made the incident more likely, larger or longer. -->

## Trigger

<!-- The specific event that set the failure off: a deploy, a config push, a traffic spike ... -->

## Detection

<!-- How and when the problem was noticed (alert, customer report ...), and how detection could be faster. -->

## Resolution

<!-- What was done to mitigate and then fully resolve the incident. -->

## Action items

<!-- A task list; [x] done, [ ] open. Add an @owner, a ticket or a due date where known, e.g.
- [ ] Add an alert on ephemeral port usage @sre-team
- [x] Roll back the faulty release -->

## Lessons learned

### What went well

<!-- Bullets: what helped limit or shorten the impact. -->

### What went wrong

<!-- Bullets: what made things worse or slowed the response. -->

### Where we got lucky

<!-- Bullets: things that went right by chance and should not be relied on next time. -->
`;

export interface TemplateValues {
  title: string;
  date: string;
  id: string;
  schema?: string;
}

/**
 * Fills `{{title}}`, `{{date}}`, `{{id}}` and `{{schema}}`. Inside the YAML frontmatter values are
 * escaped for a double-quoted YAML string (the templates quote them), so a title with `"` or `\`
 * stays valid YAML; in the markdown body they are inserted as written.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  const frontmatter = /^(---[^\n]*\n[\s\S]*?\n)(---[ \t]*(?:\n|$))/.exec(template);
  const fill = (text: string, escape: (value: string) => string) =>
    text.replace(/\{\{\s*(title|date|id|schema)\s*\}\}/g, (placeholder, name: keyof TemplateValues) => {
      const value = values[name];
      return value === undefined ? placeholder : escape(value);
    });
  if (!frontmatter) return fill(template, (value) => value);
  const head = frontmatter[1]!;
  const filledHead = head
    .split('\n')
    .map((line) => keepCommentColumn(line, fill(line, escapeYamlDoubleQuoted)))
    .join('\n');
  return filledHead + fill(template.slice(head.length), (value) => value);
}

/** Re-aligns a trailing `# comment` of a filled YAML line to where it was in the template. */
function keepCommentColumn(templateLine: string, filledLine: string): string {
  const before = /^(.*?\S)(\s+)(# .*)$/.exec(templateLine);
  const after = /^(.*?\S)(\s+)(# .*)$/.exec(filledLine);
  if (!before || !after || templateLine === filledLine) return filledLine;
  const column = before[1]!.length + before[2]!.length;
  return after[1]! + ' '.repeat(Math.max(1, column - after[1]!.length)) + after[3]!;
}

function escapeYamlDoubleQuoted(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
