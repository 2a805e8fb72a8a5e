import { describe, expect, it } from 'vitest';
import { fields, fixture, importAll, importOne } from './helpers.js';

describe('import --from docx', () => {
  it('reads a Word document: Title and heading styles, bold labels, tables, links, checkboxes, lists, images', async () => {
    const result = await importOne(fixture('docx/order-queue-backlog.docx'), 'docx');
    expect(result.markdown).toBe(`# Order queue backlog delays shipments

**Date:** 2023-11-07

**Severity:** SEV3

# Summary

The order queue backed up for three hours after a consumer deploy. Details on the [status page](https://status.example.com/incidents/77).

# Timeline

| Time (UTC) | Event                                  |
| ---------- | -------------------------------------- |
| 09:00      | INCIDENT BEGINS: consumers stop acking |
| 09:40      | DETECTED: queue depth alert            |
| 12:05      | INCIDENT ENDS: consumers rolled back   |

# Root cause

A consumer release changed the ack mode to manual without acking.

![Queue depth graph](images/aa1c10791f56bc92.png)

# Action items

- [x] Roll back consumers @kim
- [ ] Contract test for ack mode @lee due 2023-12-01

## Open questions

- Should the queue alert page sooner?
- Who owns the consumer library?
`);
    expect(result.assets).toEqual(['images/aa1c10791f56bc92.png']);
    expect(fields(result.postmortem)).toEqual({
      title: 'Order queue backlog delays shipments',
      date: '2023-11-07',
      severity: 'SEV3',
      status: null,
      services: [],
      categories: [],
      authors: [],
      sections: [
        { kind: 'summary', count: 1 },
        { kind: 'timeline', count: 1 },
        { kind: 'rootCause', count: 1 },
        { kind: 'remediation', count: 1 },
      ],
      timelineEntries: 3,
      timeline: [
        { at: '2023-11-07T09:00:00Z', text: 'INCIDENT BEGINS: consumers stop acking', marker: 'started' },
        { at: '2023-11-07T09:40:00Z', text: 'DETECTED: queue depth alert', marker: 'detected' },
        { at: '2023-11-07T12:05:00Z', text: 'INCIDENT ENDS: consumers rolled back', marker: 'resolved' },
      ],
      actionItems: [
        { text: 'Roll back consumers', owner: 'kim', status: 'done', due: null, ticket: null },
        { text: 'Contract test for ack mode', owner: 'lee', status: 'open', due: '2023-12-01', ticket: null },
        { text: 'Should the queue alert page sooner?', owner: null, status: 'open', due: null, ticket: null },
        { text: 'Who owns the consumer library?', owner: null, status: 'open', due: null, ticket: null },
      ],
      headings: [
        'Order queue backlog delays shipments → none',
        'Summary → summary',
        'Timeline → timeline',
        'Root cause → rootCause',
        'Action items → remediation',
        'Open questions → remediation',
      ],
    });
  });

  it('refuses zip bombs (by ratio, by entry count, by sizes that lie), DTDs and non-zips before mammoth reads them', async () => {
    const refused = async (name: string, limits = {}) => {
      const { documents, refused: diagnostics } = await importAll([fixture('docx', name)], 'docx', { limits });
      expect(documents).toEqual([]);
      return diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} ${d.ruleId}`);
    };
    expect(await refused('bomb.docx')).toEqual([
      '1:1 error Unexpected compression ratio 968:1 in "word/document.xml", expected at most 200:1 (a zip bomb?); not imported import-refused',
    ]);
    expect(await refused('order-queue-backlog.docx', { maxZipEntries: 5 })).toEqual([
      '1:1 error Unexpected zip with 7 entries, expected at most 5; not imported import-refused',
    ]);
    expect(await refused('order-queue-backlog.docx', { maxZipUncompressedBytes: 2000 })).toEqual([
      '1:1 error Unexpected zip of more than 2000 bytes uncompressed, expected less; not imported import-refused',
    ]);
    expect(await refused('lying-sizes.docx')).toEqual([
      '1:1 error Unexpected damaged zip (too many bytes in the stream. expected 1000. got at least 16384); not imported import-refused',
    ]);
    expect(await refused('entities.docx')).toEqual([
      '1:1 error Unexpected DTD in "word/document.xml", expected none (entity declarations are refused); not imported import-refused',
    ]);
    expect(await refused('not-a-zip.docx')).toEqual([
      '1:1 error Unexpected content, expected a zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated.); not imported import-refused',
    ]);
  });
});
