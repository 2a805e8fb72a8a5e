import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fields, fixture, importAll, importOne, tempDir } from './helpers.js';

describe('import --from html', () => {
  it('reads a Google Docs "Download as HTML" file: class-styled bold, the Title paragraph, header tables, redirect links, images', async () => {
    const result = await importOne(fixture('google-docs/checkout-outage.html'), 'html');
    expect(result.markdown).toBe(`---
title: Checkout API returns 502 after a config push
---

**Date:** 2024-09-20

**Authors:** Jane Doe, Sam Lee

**Status:** Complete

**Severity:** SEV2

## Summary

For 44 minutes checkout returned 502 errors after a load balancer configuration push. See the [status page](https://status.example.com/incidents/123).

## Impact

About **12%** of checkout attempts failed; _no data was lost_.

## Timeline (all times UTC)

| Time  | Event                             |
| ----- | --------------------------------- |
| 11:21 | INCIDENT BEGINS: 502s on /charge  |
| 11:32 | DETECTED: pager fires             |
| 12:05 | INCIDENT ENDS: config rolled back |

## Root cause

A health-check path was removed from the load balancer configuration.

![Error rate graph](images/805924e65dff89cc.png)

## Action items

| Action                               | Owner | Status |
| ------------------------------------ | ----- | ------ |
| Roll back the config                 | ops   | DONE   |
| Validate load balancer configs in CI | sre   | TODO   |

## Customer communication

- Status page updated at 11:40
- ~~Email to merchants~~ (not needed)
`);
    expect(result.assets).toEqual(['images/805924e65dff89cc.png']);
    expect(result.notes).toEqual([]);
    expect(fields(result.postmortem)).toEqual({
      title: 'Checkout API returns 502 after a config push',
      date: '2024-09-20',
      severity: 'SEV2',
      status: 'final',
      services: [],
      categories: [],
      authors: ['Jane Doe', 'Sam Lee'],
      sections: [
        { kind: 'summary', count: 1 },
        { kind: 'impact', count: 1 },
        { kind: 'timeline', count: 1 },
        { kind: 'rootCause', count: 1 },
        { kind: 'remediation', count: 1 },
      ],
      timelineEntries: 3,
      timeline: [
        { at: '2024-09-20T11:21:00Z', text: 'INCIDENT BEGINS: 502s on /charge', marker: 'started' },
        { at: '2024-09-20T11:32:00Z', text: 'DETECTED: pager fires', marker: 'detected' },
        { at: '2024-09-20T12:05:00Z', text: 'INCIDENT ENDS: config rolled back', marker: 'resolved' },
      ],
      actionItems: [
        { text: 'Roll back the config', owner: 'ops', status: 'done', due: null, ticket: null },
        { text: 'Validate load balancer configs in CI', owner: 'sre', status: 'open', due: null, ticket: null },
      ],
      headings: [
        'Summary → summary',
        'Impact → impact',
        'Timeline (all times UTC) → timeline',
        'Root cause → rootCause',
        'Action items → remediation',
        'Customer communication → none',
      ],
    });
  });

  it('reads a Confluence "Export to HTML" page: page title, status lozenges, inline task lists, info panels; drops breadcrumbs and footer', async () => {
    const result = await importOne(fixture('confluence/export-page.html'), 'html');
    expect(result.markdown).toBe(`---
title: Search cluster disk full
---

**Date:** March 3, 2023

**Status:** **COMPLETE**

**Services:** search, indexer

> **Info:**
>
> This review is blameless.

## Summary

The search cluster ran out of disk and rejected writes for 2 hours.

## Timeline (UTC)

| Time  | Event                                                 |
| ----- | ----------------------------------------------------- |
| 09:10 | Disk usage alert fires (DETECTED)                     |
| 11:15 | Old indices deleted; writes accepted again (RESOLVED) |

## Root cause

Index retention was disabled during a migration and never re-enabled.

## Action items

- [x] Re-enable index retention @priya
- [ ] Alert on retention being off @sre due 2023-04-01

| Action                      | Owner | Status          |
| --------------------------- | ----- | --------------- |
| Add disk forecast dashboard | ops   | **IN PROGRESS** |

## Notes

Raw logs are in the incident channel.
`);
    const parsed = fields(result.postmortem);
    expect(parsed).toMatchObject({
      title: 'Search cluster disk full',
      date: '2023-03-03',
      status: 'final',
      services: ['search', 'indexer'],
      timelineEntries: 2,
    });
    expect(parsed.actionItems).toEqual([
      { text: 'Re-enable index retention', owner: 'priya', status: 'done', due: null, ticket: null },
      { text: 'Alert on retention being off', owner: 'sre', status: 'open', due: '2023-04-01', ticket: null },
      { text: 'Add disk forecast dashboard', owner: 'ops', status: 'open', due: null, ticket: null },
    ]);
    expect(parsed.headings).toEqual(['Summary → summary', 'Timeline (UTC) → timeline', 'Root cause → rootCause', 'Action items → remediation', 'Notes → none']);
  });

  it('reads Confluence storage format: ac: macros (status, panels, code, jira), task lists, user links, attachments, <time>', async () => {
    const result = await importOne(fixture('confluence/eu-payment-certificate-expiry.xhtml'), 'html');
    expect(result.markdown).toBe(`---
title: eu payment certificate expiry
---

**Date:** 2024-02-14

**Severity:** SEV1

> **Customer facing:**
>
> Payments were declined for EU customers.

# Summary

A certificate expired on the EU payment gateway. PAY-812

# Timeline

- 08:02 CET INCIDENT BEGINS: TLS handshakes fail
- 08:30 CET DETECTED: support tickets spike
- 09:12 CET INCIDENT ENDS: certificate renewed

# Resolution

\`\`\`bash
certbot renew --cert-name pay-eu && systemctl reload nginx <now>
\`\`\`

# Action items

- [x] Renew the certificate @marta
- [ ] Alert 30 days before expiry **TODO**

![handshake errors](images/805924e65dff89cc.png)
`);
    const parsed = fields(result.postmortem);
    expect(parsed.timeline).toEqual([
      { at: '2024-02-14T08:02:00+01:00', text: 'INCIDENT BEGINS: TLS handshakes fail', marker: 'started' },
      { at: '2024-02-14T08:30:00+01:00', text: 'DETECTED: support tickets spike', marker: 'detected' },
      { at: '2024-02-14T09:12:00+01:00', text: 'INCIDENT ENDS: certificate renewed', marker: 'resolved' },
    ]);
    expect(parsed.actionItems).toEqual([
      { text: 'Renew the certificate', owner: 'marta', status: 'done', due: null, ticket: null },
      { text: 'Alert 30 days before expiry', owner: null, status: 'open', due: null, ticket: null },
    ]);
    expect(parsed).toMatchObject({
      date: '2024-02-14',
      severity: 'SEV1',
      sections: [
        { kind: 'summary', count: 1 },
        { kind: 'timeline', count: 1 },
        { kind: 'resolution', count: 1 },
        { kind: 'remediation', count: 1 },
      ],
    });
  });

  it('lets no script, event handler, javascript: address, frame or SVG through, and keeps the text around them', async () => {
    const result = await importOne(fixture('hostile.html'), 'html');
    expect(result.markdown).toBe(`---
title: Hostile page
---

## Summary

Click [here]() or [there]() or [the report](https://example.com/ok).

\\[image: x] \\[image: svg payload] \\[image: outside] Send [svg text]()

\\<script>alert('escaped stays text')\\</script>
`);
    expect(result.notes).toEqual([
      'warning image "x" not kept: file type . is not kept (raster images only) import-lossy',
      'warning image "embedded image" not kept: image type image/svg+xml is not kept (raster images only) import-lossy',
      'warning image "../../../../../../etc/hostname.png" not kept: file not found import-lossy',
    ]);
    expect(result.postmortem.html).not.toMatch(/<script|javascript:|onerror|onload|onclick|<iframe|<svg/i);
  });

  it("never reads an image outside the document's directory, even one that exists", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'doc'));
    await cp(fixture('google-docs/images/image1.png'), join(dir, 'secret.png'));
    await writeFile(join(dir, 'doc/page.html'), '<h1>Outage</h1><p><img src="../secret.png" alt="escape"><img src="%2e%2e/secret.png" alt="encoded"></p>');
    const result = await importOne(join(dir, 'doc/page.html'), 'html');
    expect(result.assets).toEqual([]);
    expect(result.notes).toEqual([
      'warning image "../secret.png" not kept: path leads outside the document\'s directory import-lossy',
      'warning image "%2e%2e/secret.png" not kept: path leads outside the document\'s directory import-lossy',
    ]);
  });

  it('turns embedded data: images into files named by their content', async () => {
    const dir = await tempDir();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
    await writeFile(join(dir, 'page.html'), `<h1>Outage</h1><p><img src="data:image/png;base64,${png.toString('base64')}" alt="graph"></p>`);
    const result = await importOne(join(dir, 'page.html'), 'html');
    expect(result.markdown).toBe('# Outage\n\n![graph](images/b1ff9c8ea3a780ba.png)\n');
    expect(result.assets).toEqual(['images/b1ff9c8ea3a780ba.png']);
  });

  it('refuses a document nested deeper than the limit and one larger than the input limit, with a diagnostic', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'deep.html'), `${'<div>'.repeat(1000)}text`);
    await writeFile(join(dir, 'deeper.html'), `${'<div>'.repeat(30_000)}text`);
    await writeFile(join(dir, 'big.html'), `<p>${'x'.repeat(5000)}</p>`);
    const deep = await importAll([join(dir, 'deep.html'), join(dir, 'deeper.html')], 'html');
    const big = await importAll([join(dir, 'big.html')], 'html', { limits: { maxInputBytes: 4000 } });
    expect([...deep.documents, ...big.documents]).toEqual([]);
    expect([...deep.refused, ...big.refused].map((d) => `${d.path?.slice(dir.length)}:${d.line}:${d.column} ${d.severity} ${d.message} ${d.ruleId}`)).toEqual([
      '/deep.html:1:1 error Unexpected element nesting 1003 deep, expected at most 256; not imported import-refused',
      '/deeper.html:1:1 error Unexpected element nesting too deep to read, expected at most 256 levels; not imported import-refused',
      '/big.html:1:1 error Unexpected file of 5007 bytes, expected at most 4000; not imported import-too-large',
    ]);
  });
});
