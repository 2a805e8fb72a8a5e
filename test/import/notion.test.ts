/**
 * `--from notion`: a Notion "Markdown & CSV" export, unzipped (test/fixtures/import/notion/,
 * written in Notion's shape: file and folder names with the 32-hex page id, the database's
 * view CSV and its `_all.csv`, a page's images and sub-pages in a folder named like it).
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notionDate } from '../../packages/import/src/lib/notion-values.js';
import { fields, fixture, importAll, tempDir } from './helpers.js';

const database = 'Postmortems 6a1e0c3b9f2d4e8a8b7c5d4e3f2a1b0c';
const checkoutPage = 'Checkout 502s after LB config push 2f9d8c7b6a5e4d3c2b1a0f9e8d7c6b5a';

describe('import --from notion', () => {
  it('writes one postmortem per database row: the _all.csv columns as frontmatter, the page as the body, sub-pages appended, the rest under Details', async () => {
    const { documents, refused } = await importAll([fixture('notion')], 'notion');
    expect(refused).toEqual([]);
    expect(documents.map((d) => d.markdown)).toEqual([
      `---
title: Checkout 502s after LB config push
date: 2024-09-20
severity: SEV2
status: final
services:
  - checkout
  - payments-api
categories:
  - config-change
started_at: 2024-09-20T11:21:00Z
resolved_at: 2024-09-20T12:05:00Z
---

> 💡 Blameless review: we look at systems and processes, not at people.

## Summary

Checkout returned 502s for 44 minutes after a load balancer config push removed the health-check path.

## Timeline

| Time (UTC) | Event                                            |
| ---------- | ------------------------------------------------ |
| 11:21      | INCIDENT BEGINS: LB config pushed to all regions |
| 11:32      | DETECTED: 5xx alert pages the on-call engineer   |
| 12:05      | INCIDENT ENDS: config rolled back, 502s stop     |

## Root cause

A health-check path was removed from the load balancer config, so every backend was marked unhealthy.

![Untitled](images/805924e65dff89cc.png)

## Action items

- [x] Roll back the config @ops
- [ ] Validate LB configs in CI @sre

See also Search cluster disk full and the Customer comms sub-page.

## Lessons learned

- Config pushes need the same canary as code.

## Customer comms

Status page updated at 11:40 UTC; all-clear posted at 12:10 UTC.

## Details

- **Owner:** Jane Doe
- **Jira:** https://acme.atlassian.net/browse/OPS-123
- **Related incidents:** Search cluster disk full
- **Customer impact:** Yes
- **Created time:** September 20, 2024 1:02 PM
`,
      `---
title: Search cluster disk full
date: 2023-03-03
severity: SEV3
status: in-review
services:
  - search
categories:
  - capacity
---

## Summary

Search returned stale results for two hours while the cluster's disks were full. \\<script>alert(1)\\</script>

## Root cause

Log retention was raised without resizing the data volumes.

## Action items

- [ ] Alert at 80% disk use @search-team

## Details

- **Owner:** Priya Raman
- **Started:** March 3, 2023 9:40 AM (America/Chicago)
- **Customer impact:** No
- **Created time:** March 6, 2023 10:15 AM
`,
      `---
title: Payments webhook delays
date: 2024-06-11
severity: SEV3
status: draft
services:
  - payments-api
---

## Details

- **Owner:** Sam Lee
- **Jira:** https://acme.atlassian.net/browse/OPS-140
- **Customer impact:** No
- **Created time:** June 12, 2024 8:00 AM
`,
      `---
title: Incident review checklist
---

Before the review meeting:

- Collect the timeline from the incident channel
- Invite the on-call engineers
`,
    ]);
    expect(documents.map((d) => d.assets)).toEqual([['images/805924e65dff89cc.png'], [], [], []]);
    expect(documents[0]!.notes).toEqual([
      'warning link to the exported page "Search cluster disk full" kept as its text import-lossy',
      'warning link to the exported page "Customer comms" kept as its text import-lossy',
    ]);
    expect(documents.map((d) => fields(d.postmortem))).toMatchObject([
      {
        title: 'Checkout 502s after LB config push',
        date: '2024-09-20',
        severity: 'SEV2',
        status: 'final',
        services: ['checkout', 'payments-api'],
        categories: ['config-change'],
        sections: [
          { kind: 'summary', count: 1 },
          { kind: 'timeline', count: 1 },
          { kind: 'rootCause', count: 1 },
          { kind: 'remediation', count: 1 },
          { kind: 'lessons', count: 1 },
        ],
        timeline: [
          { at: '2024-09-20T11:21:00Z', text: 'INCIDENT BEGINS: LB config pushed to all regions', marker: 'started' },
          { at: '2024-09-20T11:32:00Z', text: 'DETECTED: 5xx alert pages the on-call engineer', marker: 'detected' },
          { at: '2024-09-20T12:05:00Z', text: 'INCIDENT ENDS: config rolled back, 502s stop', marker: 'resolved' },
        ],
        actionItems: [
          { text: 'Roll back the config', owner: 'ops', status: 'done' },
          { text: 'Validate LB configs in CI', owner: 'sre', status: 'open' },
        ],
      },
      {
        title: 'Search cluster disk full',
        date: '2023-03-03',
        status: 'in-review',
        categories: ['capacity'],
        actionItems: [{ text: 'Alert at 80% disk use', owner: 'search-team', status: 'open' }],
      },
      { title: 'Payments webhook delays', date: '2024-06-11', severity: 'SEV3', status: 'draft', sections: [] },
      { title: 'Incident review checklist', date: null, sections: [] },
    ]);
    expect(documents[0]!.postmortem.metrics.timeToResolveMinutes).toBe(44);
    expect(documents[1]!.postmortem.html).not.toMatch(/<script/i);
  });

  it("reads a page's own properties when the export has no CSV, and the view CSV when there is no _all.csv", async () => {
    const dir = await tempDir();
    await cp(fixture('notion'), join(dir, 'export'), { recursive: true });
    await rm(join(dir, 'export', `${database}_all.csv`));
    const viewOnly = await importAll([join(dir, 'export')], 'notion');
    // The view CSV lacks the hidden columns: the page's own property lines give them.
    expect(fields(viewOnly.documents[0]!.postmortem)).toMatchObject({ categories: ['config-change'], services: ['checkout', 'payments-api'] });
    expect(viewOnly.documents[0]!.markdown).toContain('started_at: 2024-09-20T11:21:00Z');
    expect(viewOnly.documents[0]!.markdown).toContain('- **Owner:** Jane Doe');
    await rm(join(dir, 'export', `${database}.csv`));
    const pagesOnly = await importAll([join(dir, 'export', database, `${checkoutPage}.md`)], 'notion');
    expect(pagesOnly.documents.map((d) => d.markdown.split('\n---\n')[0])).toEqual([
      '---\ntitle: Checkout 502s after LB config push\ndate: 2024-09-20\nseverity: SEV2\nstatus: final\nservices:\n  - checkout\n  - payments-api\ncategories:\n  - config-change\nstarted_at: 2024-09-20T11:21:00Z\nresolved_at: 2024-09-20T12:05:00Z',
    ]);
    expect(pagesOnly.documents[0]!.markdown).toContain('## Customer comms');
  });

  it("keeps a first paragraph that names none of the database's properties as text", async () => {
    const dir = await tempDir();
    const outages = `Outages ${'a'.repeat(32)}`;
    await writeFile(join(dir, `${outages}.csv`), '\ufeffName,Date\nDNS outage,"May 2, 2024"\n');
    await mkdir(join(dir, outages));
    await writeFile(
      join(dir, outages, `DNS outage ${'b'.repeat(32)}.md`),
      '# DNS outage\n\nNote: resolvers were restarted by hand.\n\n## Summary\n\nResolvers timed out.\n',
    );
    const { documents } = await importAll([dir], 'notion');
    expect(documents.map((d) => d.markdown)).toEqual([
      '---\ntitle: DNS outage\ndate: 2024-05-02\n---\n\nNote: resolvers were restarted by hand.\n\n## Summary\n\nResolvers timed out.\n',
    ]);
  });

  it('lets no script, event handler or javascript: address through, keeping the text', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, `Hostile ${'c'.repeat(32)}.md`),
      [
        '# Hostile',
        '',
        '<aside>',
        '⚠️ <img src=x onerror=alert(1)> callout',
        '</aside>',
        '',
        'Click [here](javascript:alert(1)) or [there](JAVASCRIPT:alert(2)) or [the report](https://example.com/ok).',
        '',
        '![x](data:image/svg+xml;base64,PHN2Zz4=) ![secret](../../../etc/hostname.png)',
        '',
        '<script>alert(3)</script>',
        '',
      ].join('\n'),
    );
    const { documents } = await importAll([dir], 'notion');
    expect(documents.map((d) => d.markdown)).toEqual([
      `---
title: Hostile
---

> ⚠️ \\<img src=x onerror=alert(1)> callout

Click here or there or [the report](https://example.com/ok).

\\[image: x] ![secret](../../../etc/hostname.png)

\\<script>alert(3)\\</script>
`,
    ]);
    expect(documents[0]!.notes).toEqual([
      'warning image to a "data" address dropped, its text kept import-lossy',
      'warning link to a "javascript" address dropped, its text kept import-lossy',
      'warning link to a "JAVASCRIPT" address dropped, its text kept import-lossy',
      'warning image "../../../etc/hostname.png" not copied: file not found; link kept import-lossy',
    ]);
    expect(documents[0]!.postmortem.html).not.toMatch(/<script|javascript:|<[^>]*\son\w+=/i);
  });

  it.each([
    ['September 20, 2024', 'date', '2024-09-20'],
    ['September 20, 2024 → September 22, 2024', 'date', '2024-09-20'],
    ['2024/09/20', 'date', '2024-09-20'],
    ['09/20/2024', 'date', null],
    ['September 20, 2024 11:21 AM (UTC)', 'started_at', '2024-09-20T11:21:00Z'],
    ['September 20, 2024 12:05 PM (GMT+2)', 'resolved_at', '2024-09-20T12:05:00+02:00'],
    ['September 20, 2024 12:30 AM', 'started_at', '2024-09-20T00:30:00'],
    ['September 20, 2024 9:40 AM (America/Chicago)', 'started_at', null],
    ['September 20, 2024', 'started_at', null],
    ['Smarch 3, 2024', 'date', null],
  ] as const)('reads the Notion date %j as %s %j', (value, field, expected) => {
    expect(notionDate(value, field)).toBe(expected);
  });
});
