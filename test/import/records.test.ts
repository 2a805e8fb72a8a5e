import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fields, fixture, importAll, tempDir } from './helpers.js';

describe('import --from csv', () => {
  it('writes one stub per row: mapped columns as frontmatter and sections, the rest under Details', async () => {
    const { documents, refused } = await importAll([fixture('csv/incident-log.csv')], 'csv');
    expect(refused).toEqual([]);
    expect(documents.map((d) => d.markdown)).toEqual([
      `---
title: Checkout 502s after LB config push
date: 2024-09-20
severity: SEV2
services:
  - checkout
  - payments-api
categories:
  - config-change
sources:
  - https://status.example.com/incidents/123
---

## Summary

Checkout returned 502s for 44 minutes.

## Root cause

A health-check path was removed from the load balancer config.

## Action items

- [x] Roll back the config @ops
- [ ] Validate LB configs in CI @sre

## Details

- **On-call:** Jane Doe
- **Customer tickets:** 41
`,
      `---
title: Search cluster disk full
severity: SEV3
services:
  - search
categories:
  - capacity
---

**Date:** March 3, 2023

## Details

- **On-call:** Priya
- **Customer tickets:** 0
`,
    ]);
    expect(documents.map((d) => fields(d.postmortem))).toMatchObject([
      {
        title: 'Checkout 502s after LB config push',
        date: '2024-09-20',
        severity: 'SEV2',
        services: ['checkout', 'payments-api'],
        categories: ['config-change'],
        sections: [
          { kind: 'summary', count: 1 },
          { kind: 'rootCause', count: 1 },
          { kind: 'remediation', count: 1 },
        ],
        actionItems: [
          { text: 'Roll back the config', owner: 'ops', status: 'done' },
          { text: 'Validate LB configs in CI', owner: 'sre', status: 'open' },
        ],
      },
      { title: 'Search cluster disk full', date: '2023-03-03', severity: 'SEV3', services: ['search'], categories: ['capacity'], sections: [] },
    ]);
  });

  it('takes a column mapping over header names, and says so when no column is the title', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'log.csv'), 'What,When,Who\nDNS outage,2024-01-02,ops\n');
    const mapped = await importAll([join(dir, 'log.csv')], 'csv', { columns: { What: 'title', When: 'date', Who: 'authors' } });
    expect(mapped.documents.map((d) => d.markdown)).toEqual(['---\ntitle: DNS outage\ndate: 2024-01-02\nauthors:\n  - ops\n---\n']);
    const unmapped = await importAll([join(dir, 'log.csv')], 'csv');
    expect(unmapped.documents.map((d) => d.markdown)).toEqual([
      '---\ntitle: log line 2\n---\n\n## Details\n\n- **What:** DNS outage\n- **When:** 2024-01-02\n- **Who:** ops\n',
    ]);
    expect(unmapped.refused.map((d) => `${d.severity} ${d.message} ${d.ruleId}`)).toEqual([
      'warning No column is the title (looked for Title, Name, Incident…; use --map "<column>=title"); rows are titled by their line import-unmapped',
    ]);
  });

  it('reports a malformed CSV at its line', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.csv'), 'title,date\n"ok",2024-01-01\n"unclosed,2024-01-02\n');
    const { documents, refused } = await importAll([join(dir, 'bad.csv')], 'csv');
    expect(documents).toEqual([]);
    expect(refused.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['3:1 error import-unreadable']);
  });
});

describe('import --from github-issues / gitlab-issues', () => {
  it('writes one postmortem per GitHub issue (pull requests skipped): labels mapped, body kept, comments in an appendix, raw HTML as text', async () => {
    const { documents } = await importAll([fixture('issues/github-issues.json'), fixture('issues/github-comments.json')], 'github-issues');
    expect(documents.map((d) => d.markdown)).toEqual([
      `---
title: "Postmortem: CDN purge storm takes down image service"
date: 2024-05-14
severity: SEV2
services:
  - images
categories:
  - config-change
tags:
  - postmortem
authors:
  - mlopez
sources:
  - https://github.com/acme/ops/issues/42
created_at: 2024-05-14T08:12:44Z
closed_at: 2024-05-20T10:00:00Z
state: closed
---

## Summary

A purge of every cached image overloaded the origin.

## Timeline

- 07:58 UTC INCIDENT BEGINS: purge-all issued
- 08:05 UTC DETECTED: origin 5xx alert
- 09:10 UTC INCIDENT ENDS: origin scaled out

## Action items

- [ ] Rate-limit purge-all @mlopez
- [x] Scale origin autoscaling floor @ops

\\<script>alert(1)\\</script>

## Appendix: comments

### @sre-bot — 2024-05-14T09:30:00Z

**Root cause**

The purge API had no rate limit.

### @mlopez — 2024-05-20T09:59:00Z

Closing: follow-ups tracked above.
`,
    ]);
    expect(fields(documents[0]!.postmortem)).toMatchObject({
      sections: [
        { kind: 'summary', count: 1 },
        { kind: 'timeline', count: 1 },
        { kind: 'remediation', count: 1 },
      ],
      timelineEntries: 3,
      actionItems: [
        { text: 'Rate-limit purge-all', owner: 'mlopez', status: 'open' },
        { text: 'Scale origin autoscaling floor', owner: 'ops', status: 'done' },
      ],
    });
  });

  it('reads GitLab issues and notes (system notes dropped), with the configured label mapping', async () => {
    const { documents } = await importAll([fixture('issues/gitlab-issues.json'), fixture('issues/gitlab-notes.json')], 'gitlab-issues', {
      labels: { 'service::*': 'service', 'RootCause::*': 'category', 'Incident::*': 'ignore', incident: 'ignore' },
    });
    expect(documents.map((d) => d.markdown)).toEqual([
      `---
title: "Incident: Database failover left writes read-only"
date: 2024-07-01
severity: high
services:
  - orders-db
categories:
  - failover
authors:
  - dkim
sources:
  - https://gitlab.example.com/acme/ops/-/issues/7
created_at: 2024-07-01T14:20:00.000Z
closed_at: 2024-07-03T09:00:00.000Z
state: closed
---

### Summary

After an automatic failover the new primary stayed read-only for 25 minutes.

### Timeline

| Time (UTC) | Event                               |
| ---------- | ----------------------------------- |
| 14:02      | INCIDENT BEGINS: failover           |
| 14:27      | INCIDENT ENDS: read_only turned off |

## Appendix: comments

### @alee — 2024-07-01T15:00:00.000Z

Action item: alert when the primary is read-only @dba
`,
    ]);
    expect(fields(documents[0]!.postmortem)).toMatchObject({
      title: 'Incident: Database failover left writes read-only',
      date: '2024-07-01',
      severity: 'high',
      services: ['orders-db'],
      categories: ['failover'],
      timelineEntries: 2,
    });
  });
});
