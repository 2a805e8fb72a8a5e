/**
 * Reports written without markdown headings: a line that is only bold text, a short line ending
 * in a colon, or a short line in capitals names a section when its words name one we know
 * (`pseudo-headings.ts`). Fixtures in our own words under test/fixtures/pseudo-headings/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '@postmortem-kb/parser';

const F = 'test/fixtures/pseudo-headings';
const parsed = (path: string) => parsePostmortem(readFileSync(path, 'utf8'), { path });

describe('shape: section names written as plain lines, bold lines or capitals', () => {
  it('reads `Issue Summary:`, `TIMELINE`, `**Root cause**` and `…Measures:` as the sections they name', () => {
    const result = parsed(`${F}/ok/checkout-certificate-chain.md`);
    expect({
      sections: result.sections.map((section) => [section.heading, section.kind, section.depth, section.line]),
      date: result.date,
      summary: result.summary,
      timeline: result.timeline.map((entry) => [entry.at, entry.text]),
      rootCauses: result.rootCauses,
      actionItems: result.actionItems.map((item) => item.text),
      rules: result.diagnostics.map((diagnostic) => diagnostic.ruleId),
    }).toEqual({
      sections: [
        ['Checkout errors after a certificate rotation', null, 1, 1],
        ['Issue Summary', 'summary', 2, 3],
        ['TIMELINE', 'timeline', 2, 7],
        ['Root cause', 'rootCause', 2, 13],
        ['Corrective and Preventative Measures', 'remediation', 2, 17],
      ],
      // Read from the paragraph under `Issue Summary:`, as when it was the introduction.
      date: '2024-05-02',
      summary: 'On 2024-05-02 from 09:10 to 09:55 UTC about 30 % of checkout requests failed with TLS errors.',
      timeline: [
        ['2024-05-02T09:10:00Z', 'error rate alert fires'],
        ['2024-05-02T09:22:00Z', 'on-call finds the new certificate lacks the intermediate'],
        ['2024-05-02T09:55:00Z', 'the full chain is deployed and errors stop'],
      ],
      rootCauses: [{ text: 'The rotation script uploaded the leaf certificate without its intermediate chain.' }],
      actionItems: ['Check the served chain in the rotation script', 'Alert on TLS handshake failures per endpoint'],
      rules: ['missing-date', 'action-item-owner', 'action-item-owner'],
    });
    expect(result.html).toContain('<h2 id="section-timeline">TIMELINE <a class="heading-anchor"');
  });

  it('splits a paragraph of plain lines at each line that names a section, keeping the lines between', () => {
    const result = parsed(`${F}/ok/plain-text-storage-outage.md`);
    expect({
      sections: result.sections.map((section) => [section.heading, section.kind, section.line]),
      date: result.date,
      timeline: result.timeline.map((entry) => [entry.at, entry.text, entry.line]),
      rootCauses: result.rootCauses,
      actionItems: result.actionItems.map((item) => item.text),
    }).toEqual({
      sections: [
        ['Issue Summary', 'summary', 1],
        ['Timeline', 'timeline', 4],
        ['Root Cause', 'rootCause', 8],
        ['Corrective and Preventative Measures', 'remediation', 11],
      ],
      date: '2024-03-03',
      timeline: [
        ['2024-03-03T10:00:00Z', 'upload error rate climbs', 5],
        ['2024-03-03T10:12:00Z', 'on-call engineer paged', 6],
        ['2024-03-03T11:30:00Z', 'the full volume is replaced and uploads succeed', 7],
      ],
      rootCauses: [{ text: 'The storage volume behind the upload service filled up because old thumbnails were never deleted.' }],
      actionItems: ['Delete thumbnails older than 90 days every night', 'Alert when the volume is 80 % full'],
    });
  });

  it('keeps a bold warning, a `Note:` line, a line in capitals and a long line ending in a colon as paragraphs', () => {
    const result = parsed(`${F}/not-ok/billing-backlog-note-lines.md`);
    expect({
      sections: result.sections.map((section) => [section.heading, section.kind]),
      summary: result.summary,
      html: result.html.split('\n').filter((line) => line.startsWith('<h')),
    }).toEqual({
      sections: [['Queue backlog on the billing workers', null]],
      summary: [
        'The billing workers fell behind for two hours after a slow database migration.',
        'WE ARE STILL INVESTIGATING THE SLOWER REPLICA',
        'The backlog cleared without customer-visible errors, so this report keeps no other sections:',
      ].join('\n\n'),
      html: [],
    });
    expect(result.html).toContain('<p><strong>Warning: the numbers below are estimates</strong></p>');
  });

  it('leaves labels inside a section it knows to that section’s reader', () => {
    const markdown = ['# Outage', '', '## Action items', '', 'Next steps:', '', '- Add a canary stage', '', '**Root causes:**', '', '- A bad deploy', ''].join(
      '\n',
    );
    const result = parsePostmortem(markdown);
    expect(result.sections.map((section) => [section.heading, section.kind])).toEqual([
      ['Outage', null],
      ['Action items', 'remediation'],
    ]);
  });
});
