/** The rendered body: heading ids and anchors, and the body copy of a recognised timeline or action list folded. */
import { parsePostmortem } from '@postmortem-kb/parser';
import { describe, expect, it } from 'vitest';

const body = [
  '# Cache outage',
  '',
  '## Timeline',
  '',
  'All times UTC. The first page went to the wrong team.',
  '',
  '- 2024-05-01 14:05 UTC: Alerts fired',
  '- 2024-05-01 14:30 UTC: Rolled back',
  '',
  '- 2024-05-01 15:00 UTC: Resolved.',
  '',
  '## Details',
  '',
  'A paragraph.',
  '',
  '## Details',
  '',
  '## Action items',
  '',
  '- [ ] Add an alert (owner: @ops)',
  '',
].join('\n');

describe('rendered body', () => {
  it('gives every heading a unique `section-` id and a link anchor to it', () => {
    const { html } = parsePostmortem(body, { path: 'x.md' });
    expect(
      [...html.matchAll(/<h(\d) id="([^"]+)">(.*?) <a class="heading-anchor" href="#([^"]+)" aria-label="([^"]+)">#<\/a><\/h\1>/g)].map((match) => [
        match[2],
        match[3],
        match[4],
        match[5],
      ]),
    ).toEqual([
      ['section-timeline', 'Timeline', 'section-timeline', 'Link to this section: Timeline'],
      ['section-details', 'Details', 'section-details', 'Link to this section: Details'],
      ['section-details-2', 'Details', 'section-details-2', 'Link to this section: Details'],
      ['section-action-items', 'Action items', 'section-action-items', 'Link to this section: Action items'],
    ]);
  });

  it('folds the blocks read as timeline entries or action items into one details each, keeping prose outside', () => {
    const { html, timeline, actionItems } = parsePostmortem(body, { path: 'x.md' });
    expect(timeline).toHaveLength(3);
    expect(actionItems).toHaveLength(1);
    const folded = [...html.matchAll(/<details data-recognised="([^"]+)"><summary>([^<]+)<\/summary>([\s\S]*?)<\/details>/g)].map((match) => [
      match[1],
      match[2],
      match[3]!.match(/<li>|<li class/g)?.length,
    ]);
    // The two lists of the timeline (a blank line between them) are one run, so one details.
    expect(folded).toEqual([
      ['timeline', 'The timeline as written', 3],
      ['action-items', 'The action items as written', 1],
    ]);
    expect(html).toMatch(/<\/h2>\n<p>All times UTC\. The first page went to the wrong team\.<\/p>\n<details data-recognised="timeline">/);
    // Nothing is lost: every entry's text is still in the html.
    for (const text of ['Alerts fired', 'Rolled back', 'Resolved.', 'Add an alert']) expect(html).toContain(text);
  });

  it('folds nothing when nothing was read', () => {
    const { html } = parsePostmortem('## Timeline\n\nWe do not know when it started.\n', { path: 'x.md' });
    expect(html).not.toContain('<details');
  });

  it('keeps hostile heading text as text in the id and label', () => {
    const { html } = parsePostmortem('## "><script>alert(1)</script> `<img onerror=x>` main\n', { path: 'x.md' });
    // Inside a quoted attribute `<img …>` is text; outside attributes no such tag may appear.
    expect(html.replace(/aria-label="[^"]*"/g, '')).not.toMatch(/<script|<img/);
    expect(html).toContain('<h2 id="section-alert-1-img-onerror-x-main">');
    expect(html).toContain('aria-label="Link to this section: &#x22;>alert(1) <img onerror=x> main"');
  });
});

describe('link literals in text', () => {
  it('links URLs and emails written as text (GFM) and leaves @mentions as text', () => {
    const { html } = parsePostmortem('Mail ops@example.com or mailto:a.b@example.org, see www.example.com and https://x.example/p; ask @jane.\n');
    expect(html).toBe(
      '<p>Mail <a href="mailto:ops@example.com">ops@example.com</a> or <a href="mailto:a.b@example.org">mailto:a.b@example.org</a>, see <a href="http://www.example.com">www.example.com</a> and <a href="https://x.example/p">https://x.example/p</a>; ask @jane.</p>',
    );
  });
});
