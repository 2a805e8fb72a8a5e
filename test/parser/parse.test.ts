import { describe, expect, it } from 'vitest';
import { classifyHeading, formatDiagnostic, parsePostmortem, postmortemSchema } from '@postmortem-kb/parser';

const lines = (postmortem: ReturnType<typeof parsePostmortem>) => postmortem.diagnostics.map(formatDiagnostic);

describe('parsePostmortem: metadata', () => {
  it('reads YAML frontmatter into the model, with aliases users write', () => {
    const result = parsePostmortem(
      [
        '---',
        'title: "Payments API outage"',
        'date: 2021-10-30',
        'status: final',
        'severity: SEV1',
        'company: Acme',
        'services: [payments, api]',
        'tags: billing',
        'categories: [dns]',
        'authors: [Jane Doe]',
        'start_time: 2021-10-30T12:45:00-08:00',
        'end_time: 2021-10-30 14:00 PST',
        'source: https://example.com/report',
        'team: payments',
        '---',
        '# Ignored because frontmatter has a title',
        '',
      ].join('\n'),
      { path: 'postmortems/2021-10-30-payments.md', today: '2026-01-01' },
    );
    expect({
      id: result.id,
      slug: result.slug,
      title: result.title,
      date: result.date,
      status: result.status,
      severity: result.severity,
      organization: result.organization,
      services: result.services,
      tags: result.tags,
      categories: result.categories,
      authors: result.authors,
      sources: result.sources,
      startedAt: result.startedAt,
      resolvedAt: result.resolvedAt,
      extra: result.extra,
    }).toEqual({
      id: '2021-10-30-payments',
      slug: '2021-10-30-payments',
      title: 'Payments API outage',
      date: '2021-10-30',
      status: 'final',
      severity: 'SEV1',
      organization: 'Acme',
      services: ['payments', 'api'],
      tags: ['billing'],
      categories: ['dns'],
      authors: ['Jane Doe'],
      sources: [{ url: 'https://example.com/report' }],
      startedAt: '2021-10-30T12:45:00-08:00',
      resolvedAt: '2021-10-30T14:00:00-08:00',
      extra: { team: 'payments' },
    });
    expect(result.metrics.timeToResolveMinutes).toBe(75);
  });

  it('falls back to the first H1, a **Date:** line and body fields when there is no frontmatter', () => {
    const result = parsePostmortem(
      '# Database failover went wrong\n\n**Date:** October 3, 2012\n**Authors:** Ann, @bob\n**Status:** Final\n\nWe lost writes.\n',
      { path: 'x/db.md' },
    );
    expect([result.title, result.date, result.authors, result.status, result.summary]).toEqual([
      'Database failover went wrong',
      '2012-10-03',
      ['Ann', 'bob'],
      'final',
      'We lost writes.',
    ]);
  });

  it('takes the date from a YYYY-MM-DD file-name prefix as a last resort', () => {
    const result = parsePostmortem('Some text.\n', { path: 'postmortems/2020-01-21-ports.md' });
    expect([result.date, result.title, result.id]).toEqual(['2020-01-21', 'Ports', '2020-01-21-ports']);
    expect(lines(result)).toEqual([
      'postmortems/2020-01-21-ports.md:1:1  warning  Unexpected postmortem without a title, expected `title:` in frontmatter or a `# Title` heading  missing-title',
    ]);
  });

  it('reports an invalid status at the key, and keeps the value under `invalid:`', () => {
    const result = parsePostmortem('---\ntitle: x\ndate: 2020-01-01\nstatus: done\n---\n', { path: 'a.md' });
    expect(result.status).toBeNull();
    expect(result.extra).toEqual({ 'invalid:status': 'done' });
    expect(lines(result)).toEqual(['a.md:4:1  error  Unexpected `status` value `"done"`, expected one of draft, in-review, final  frontmatter-schema']);
  });

  it('keeps a month-precision date as YYYY-MM and gives timeline entries its year', () => {
    const result = parsePostmortem('---\ntitle: x\ndate: 2013-05\n---\n## Timeline\n- May 22 14:00 UTC — DETECTED: load spikes\n', { path: 'a.md' });
    expect(result.date).toBe('2013-05');
    expect(result.timeline.map((entry) => [entry.at, entry.marker])).toEqual([['2013-05-22T14:00:00Z', 'detected']]);
    expect(result.diagnostics).toEqual([]);
  });

  it('refuses a month that is not in the calendar', () => {
    const result = parsePostmortem('---\ntitle: x\ndate: 2013-13\n---\n', { path: 'a.md' });
    expect(result.date).toBeNull();
    expect(lines(result)[0]).toBe('a.md:3:1  error  Unexpected `date: 2013-13`, expected a calendar date `YYYY-MM-DD` or a month `YYYY-MM`  frontmatter-date');
  });

  it('reads `trigger` as the trigger category, apart from the Trigger section', () => {
    const taxonomy = { categories: [], triggers: [{ id: 'config-push', label: 'Configuration push', description: '', synonyms: ['config change'] }] };
    const ok = parsePostmortem('---\ntitle: x\ndate: 2020-01-01\ntrigger: config-push\n---\n## Trigger\nA router policy change.\n', { path: 'a.md', taxonomy });
    expect([ok.triggerCategory, ok.trigger, ok.diagnostics]).toEqual(['config-push', 'A router policy change.', []]);
    const misspelt = parsePostmortem('---\ntitle: x\ndate: 2020-01-01\ntrigger: config change\n---\n', { path: 'a.md', taxonomy });
    expect(lines(misspelt)).toEqual([
      'a.md:4:1  warning  Unexpected trigger `config change`, expected a trigger id from taxonomy.yaml (did you mean `config-push`?)  unknown-trigger',
    ]);
  });

  it('reports an impossible date', () => {
    const result = parsePostmortem('---\ntitle: x\ndate: 2021-02-30\n---\n', { path: 'a.md' });
    expect(result.date).toBeNull();
    expect(lines(result)[0]).toBe(
      'a.md:3:1  error  Unexpected `date: 2021-02-30`, expected a calendar date `YYYY-MM-DD` or a month `YYYY-MM`  frontmatter-date',
    );
  });
});

describe('classifyHeading', () => {
  it.each([
    ['Issue Summary', 'summary'],
    ['The Root Cause', 'rootCause'],
    ['Outage timeline', 'timeline'],
    ["What's next / Action items", 'remediation'],
    ['Action items - long term', 'remediation'],
    ['Impact & Timeline', 'impact'],
    ['Problems Encountered', 'contributingFactors'],
    ['Why did this happen?', 'rootCause'],
    ["What we're doing to prevent this", 'remediation'],
    ['3. Detection', 'detection'],
    ['Leadup', 'trigger'],
    ['Fault', 'rootCause'],
    ["How'd We Do?", 'lessons'],
    ['Immediate Actions (Completed)', 'remediation'],
    ['Short-term improvements', 'remediation'],
    ['Long Term Action Items', 'remediation'],
    ['Completed tasks', 'remediation'],
    ['Long-term', null],
    ['Responders', null],
    ['Glossary', null],
    ['Appendix: raw logs', null],
    ['Q&A', null],
  ] as const)('%j → %j', (heading, kind) => {
    expect(classifyHeading(heading)).toBe(kind);
  });
});

describe('parsePostmortem: date without frontmatter', () => {
  it('reads a date written in the introduction, and says so in an info diagnostic', () => {
    const result = parsePostmortem(
      '# DB outage\n\nOn January 31st 2017, the primary database lost data.\n\n## Timeline\n\n- 23:27 UTC — rm -rf on the wrong host\n',
    );
    expect(result.date).toBe('2017-01-31');
    expect(result.timeline[0]!.at).toBe('2017-01-31T23:27:00Z');
    expect(result.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.severity, diagnostic.message])).toEqual([
      [
        'missing-date',
        'info',
        'Unexpected postmortem without a date, expected `date: YYYY-MM-DD` in frontmatter, a `Date:` line or a `YYYY-MM-DD-` file-name prefix; read 2017-01-31 from the introduction',
      ],
    ]);
  });

  it('takes the day of a start time written with its own date over a day read from the title', () => {
    const result = parsePostmortem(
      '---\ntitle: "Login outage on 22nd & 23rd April 2020"\nstart_time: 2020-04-21T22:00:00Z\nend_time: 2020-04-23T02:00:00Z\n---\n\nUsers could not log in.\n',
    );
    expect([result.date, result.startedAt, result.resolvedAt]).toEqual(['2020-04-21', '2020-04-21T22:00:00Z', '2020-04-23T02:00:00Z']);
    expect(result.diagnostics).toEqual([]);
  });

  it('keeps the day of the title when the start time gives no day of its own', () => {
    const result = parsePostmortem('---\ntitle: "Login outage, 22 April 2020"\nstart_time: "22:00 UTC"\n---\n\nUsers could not log in.\n');
    expect([result.date, result.startedAt]).toEqual(['2020-04-22', '2020-04-22T22:00:00Z']);
  });

  it.each([
    ['Between March 4 and March 8, 2024, uploads failed.', '2024-03-04'],
    ['From 4 March to 8 March 2024 uploads failed.', '2024-03-04'],
    ['On March 4-8, 2024 uploads failed.', '2024-03-04'],
    ['Between 4 and 8 March 2024 uploads failed.', '2024-03-04'],
    ['From December 30 to January 2, 2024 uploads failed.', '2023-12-30'],
    ['On June 13 we saw errors. Weeks later, on 2 July 2019, we found the cause.', '2019-07-02'],
  ])('dates a range in the introduction by its first day: %j', (sentence, date) => {
    expect(parsePostmortem(`# Upload failures\n\n${sentence}\n`).date).toBe(date);
  });

  it('else takes the date of the earliest timeline entry', () => {
    const result = parsePostmortem('# DB outage\n\n## Timeline\n\n- 2017-02-01 00:10 UTC — restore starts\n- 2017-01-31 23:27 UTC — data removed\n');
    expect(result.date).toBe('2017-01-31');
    expect(result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'missing-date')?.message).toMatch(
      /; read 2017-01-31 from the earliest timeline entry$/,
    );
  });

  it('leaves it null when nothing gives one', () => {
    const result = parsePostmortem('# DB outage\n\nThe database lost data.\n');
    expect(result.date).toBeNull();
    expect(result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'missing-date')?.message).toMatch(/file-name prefix$/);
  });
});

describe('parsePostmortem: labelled paragraphs before the first section (Google SRE template)', () => {
  const source = [
    '# Sonnet++ Postmortem',
    '',
    '**Date:** 2015-10-21',
    '',
    '**Status:** Complete, action items in progress',
    '',
    '**Summary:** Search down for 66 minutes',
    'during a spike of interest.',
    '',
    '**Impact:** Estimated 1.21B queries lost.',
    '',
    '**Root Causes:** Cascading failure from high load and a resource leak.',
    '',
    '**Trigger:** Latent bug triggered by a traffic spike.',
    '',
    '**Resolution:** Traffic sent to a sacrificial cluster.',
    '',
    '**Detection:** Monitoring paged on-call.',
    '',
    '## Action Items',
    '',
    '- [x] Update the playbook @jennifer',
    '',
    '## Timeline',
    '',
    '2015-10-21 (*all times UTC*)',
    '',
    '* 14:54 **OUTAGE BEGINS** -- backends melt down',
    '* 16:00 **OUTAGE ENDS**',
    '',
  ].join('\n');

  it('fills summary, impact, root cause, trigger, resolution and detection from the labels', () => {
    const result = parsePostmortem(source);
    expect({
      status: result.status,
      summary: result.summary,
      impact: result.impact,
      rootCauses: result.rootCauses,
      trigger: result.trigger,
      resolution: result.resolution,
      detection: result.detection,
      metrics: result.metrics,
      diagnostics: result.diagnostics,
    }).toEqual({
      status: 'final',
      summary: 'Search down for 66 minutes during a spike of interest.',
      impact: { text: 'Estimated 1.21B queries lost.' },
      rootCauses: [{ text: 'Cascading failure from high load and a resource leak.' }],
      trigger: 'Latent bug triggered by a traffic spike.',
      resolution: 'Traffic sent to a sacrificial cluster.',
      detection: 'Monitoring paged on-call.',
      metrics: {
        timeToDetectMinutes: null,
        timeToMitigateMinutes: null,
        timeToResolveMinutes: 66,
        sources: { timeToDetectMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: 'timeline' },
      },
      // Final, and the labelled paragraphs count as the required sections.
      diagnostics: [],
    });
  });

  it('a section with the same kind wins over a label', () => {
    const result = parsePostmortem(`${source}\n## Impact\n\nCheckout failed.\n`);
    expect(result.impact.text).toBe('Checkout failed.');
  });
});

describe('parsePostmortem: sections', () => {
  const source = [
    '---',
    'title: t',
    'date: 2020-01-01',
    '---',
    '## TL;DR',
    'Short story.',
    '## Customer Impact',
    'Checkout failed for 5% of users.',
    '## Timeline (Oct 30 - Oct 31, 2021)',
    '- 10:00 UTC — thing',
    '## Root Cause Analysis',
    '- A bad config push.',
    '- No canary.',
    '## Contributors',
    '- Alert fatigue.',
    '## Trigger',
    'A deploy.',
    '## Detection',
    'Pager.',
    '## Recovery',
    'Rolled back.',
    '## Corrective Actions',
    '### Immediate',
    '- [x] Roll back @ops',
    '### Long-term',
    '- [ ] Add canary @sre',
    '## Lessons Learned',
    '### What went well',
    '- Fast rollback.',
    '### What went badly',
    '- Slow paging.',
    '### Where we got lucky',
    '- Low traffic.',
    '## Appendix: graphs',
    'See dashboards.',
  ].join('\n');
  const result = parsePostmortem(source, { path: 'p.md' });

  it('keeps every heading in order, recognising synonyms and keeping unknown ones', () => {
    expect(result.sections.map((section) => [section.heading, section.kind, section.depth, section.line])).toEqual([
      ['TL;DR', 'summary', 2, 5],
      ['Customer Impact', 'impact', 2, 7],
      ['Timeline (Oct 30 - Oct 31, 2021)', 'timeline', 2, 9],
      ['Root Cause Analysis', 'rootCause', 2, 11],
      ['Contributors', 'contributingFactors', 2, 14],
      ['Trigger', 'trigger', 2, 16],
      ['Detection', 'detection', 2, 18],
      ['Recovery', 'resolution', 2, 20],
      ['Corrective Actions', 'remediation', 2, 22],
      ['Immediate', 'remediation', 3, 23],
      ['Long-term', 'remediation', 3, 25],
      ['Lessons Learned', 'lessons', 2, 27],
      ['What went well', 'lessons', 3, 28],
      ['What went badly', 'lessons', 3, 30],
      ['Where we got lucky', 'lessons', 3, 32],
      ['Appendix: graphs', null, 2, 34],
    ]);
    expect(result.sections.at(-1)?.text).toBe('See dashboards.');
  });

  it('fills the model from the recognised sections', () => {
    expect({
      summary: result.summary,
      impact: result.impact,
      rootCauses: result.rootCauses,
      contributingFactors: result.contributingFactors,
      trigger: result.trigger,
      detection: result.detection,
      resolution: result.resolution,
      actionItems: result.actionItems.map((item) => [item.text, item.owner, item.status]),
      lessons: result.lessons,
    }).toEqual({
      summary: 'Short story.',
      impact: { text: 'Checkout failed for 5% of users.' },
      rootCauses: [{ text: 'A bad config push.' }, { text: 'No canary.' }],
      contributingFactors: [{ text: 'Alert fatigue.' }],
      trigger: 'A deploy.',
      detection: 'Pager.',
      resolution: 'Rolled back.',
      actionItems: [
        ['Roll back', 'ops', 'done'],
        ['Add canary', 'sre', 'open'],
      ],
      lessons: { wentWell: ['Fast rollback.'], wentWrong: ['Slow paging.'], lucky: ['Low traffic.'], learned: [] },
    });
    expect(result.timeline).toEqual([{ at: '2020-01-01T10:00:00Z', date: '2020-01-01', text: 'thing', raw: '10:00 UTC — thing', line: 10, marker: null }]);
  });

  it('keeps date-only timeline entries with their date and at: null instead of dropping them', () => {
    const dated = parsePostmortem('---\ntitle: t\n---\n## Timeline\n- 2013-05-22 — Update posted.\n- 2013-05-24 — MITIGATED: fixed.\n', { path: 'd.md' });
    expect(dated.timeline).toEqual([
      { at: null, date: '2013-05-22', text: 'Update posted.', raw: '2013-05-22 — Update posted.', line: 5, marker: null },
      { at: null, date: '2013-05-24', text: 'MITIGATED: fixed.', raw: '2013-05-24 — MITIGATED: fixed.', line: 6, marker: 'mitigated' },
    ]);
  });

  it('produces a result that matches the published schema', () => {
    expect(postmortemSchema.safeParse(result).success).toBe(true);
  });
});

describe('parsePostmortem: the text of a section holding a table', () => {
  it('keeps each cell a word of its own, one line per row', () => {
    const source = [
      '---',
      'title: t',
      'date: 2020-01-01',
      '---',
      '## Impact',
      'Two services were hit.',
      '',
      '| Service | Region | Impact |',
      '| --- | --- | --- |',
      '| API | eu-west-1 | errors |',
      '| Billing | us-east-1 | slow pages |',
      '',
      '> | Queue | Lag |',
      '> | --- | --- |',
      '> | jobs | 40 min |',
    ].join('\n');
    const result = parsePostmortem(source, { path: 'a.md' });
    expect(result.impact.text).toBe(
      'Two services were hit.\n\nService | Region | Impact\nAPI | eu-west-1 | errors\nBilling | us-east-1 | slow pages\n\nQueue | Lag\njobs | 40 min',
    );
  });

  it('leaves raw HTML in a cell out of the text, as the label reader does', () => {
    const source = [
      '---',
      'title: t',
      'date: 2020-01-01',
      '---',
      '## Impact',
      '| Service | Impact |',
      '| --- | --- |',
      '| <b>API</b> | errors on <span class="x">checkout</span> |',
      '| Billing | slow pages <!-- check --> |',
    ].join('\n');
    const result = parsePostmortem(source, { path: 'a.md' });
    expect(result.impact.text).toBe('Service | Impact\nAPI | errors on checkout\nBilling | slow pages');
  });

  it('reads a <br> in a cell as a break between words, in the section text and in a table of labels', () => {
    const source = [
      '| | |',
      '| --- | --- |',
      '| **Detected** | 2022-04-28<br>10:34 UTC |',
      '| **Resolved** | 2022-04-28 <br/> 11:50 UTC |',
      '',
      '# Cache outage',
      '',
      '## Impact',
      '',
      '| Service | Impact |',
      '| --- | --- |',
      '| api | errors<BR>on checkout |',
    ].join('\n');
    const result = parsePostmortem(source, { path: 'a.md' });
    expect({ detectedAt: result.detectedAt, resolvedAt: result.resolvedAt, impact: result.impact.text }).toEqual({
      detectedAt: '2022-04-28T10:34:00Z',
      resolvedAt: '2022-04-28T11:50:00Z',
      impact: 'Service | Impact\napi | errors on checkout',
    });
  });
});

describe('parsePostmortem: safety', () => {
  it.each([
    ['---js', '---js\n{ title: (function(){ globalThis.__pwned = 1; return "x" })() }\n---\nBody stays.\n'],
    ['---javascript', '---javascript\nglobalThis.__pwned = 1\n---\nBody stays.\n'],
    ['--- JS', '--- JS\nglobalThis.__pwned = 1\n---\nBody stays.\n'],
    ['---toString', '---toString\ntitle: x\n---\nBody stays.\n'],
    ['--- title: x', '--- title: x\ndate: 2020-01-01\n---\nBody stays.\n'],
  ])('refuses %s frontmatter without evaluating it, and keeps the body', (_name, source) => {
    const result = parsePostmortem(source, { path: 'evil.md' });
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
    expect(result.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.severity, diagnostic.line])).toContainEqual([
      'frontmatter-language',
      'error',
      1,
    ]);
    expect(result.html).toContain('Body stays.');
  });

  it('keeps the whole file as markdown when the frontmatter is never closed', () => {
    const result = parsePostmortem('---\ntitle: x\n\n## Summary\nStill here.\n', { path: 'u.md' });
    expect(lines(result)).toContain(
      'u.md:1:1  error  Unexpected end of file in frontmatter, expected a closing `---` line; the whole file is read as markdown  frontmatter-unclosed',
    );
    expect(result.summary).toBe('Still here.');
  });

  it('does not let __proto__ or constructor keys reach a prototype', () => {
    const result = parsePostmortem('---\ntitle: x\n__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n---\n');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.extra)).toBe(Object.prototype);
    expect(Object.keys(result.extra).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('refuses a YAML alias bomb with a positioned diagnostic', () => {
    const bomb = [
      '---',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      '---',
      'body',
    ].join('\n');
    const result = parsePostmortem(bomb, { path: 'bomb.md' });
    expect(result.diagnostics.some((diagnostic) => diagnostic.ruleId === 'frontmatter-yaml' && diagnostic.severity === 'error')).toBe(true);
    expect(result.html).toContain('body');
  });

  it('reports invalid YAML at its line and column', () => {
    const result = parsePostmortem('---\ntitle: x\ndate: [2020\n---\nbody\n', { path: 'y.md' });
    const yaml = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'frontmatter-yaml');
    expect(yaml.length).toBeGreaterThan(0);
    expect(yaml[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('renders sanitized HTML: no script, event handler or javascript: URL survives', () => {
    const result = parsePostmortem(
      [
        '<script>alert(1)</script>',
        '',
        '<img src=x onerror="alert(1)">',
        '',
        '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) ![c](javascript:alert(1))',
        '',
        '<svg onload=alert(1)></svg><iframe src="https://evil"></iframe><style>body{}</style>',
      ].join('\n'),
    );
    expect(result.html).not.toMatch(/<script|onerror|onload|javascript:|<iframe|<style|<svg/i);
    expect(result.html).toContain('<a>a</a>');
  });

  it('names task-list checkboxes done or open (they have no other accessible name)', () => {
    expect(parsePostmortem('## Action items\n\n- [x] Roll back\n- [ ] Add an alert\n').html).toBe(
      [
        '<h2 id="section-action-items">Action items <a class="heading-anchor" href="#section-action-items" aria-label="Link to this section: Action items">#</a></h2>',
        '<details data-recognised="action-items"><summary>The action items as written</summary><ul class="contains-task-list">',
        '<li class="task-list-item"><input type="checkbox" checked disabled aria-label="done"> Roll back</li>',
        '<li class="task-list-item"><input type="checkbox" disabled aria-label="open"> Add an alert</li>',
        '</ul></details>',
      ].join('\n'),
    );
  });

  it('reads BOM + CRLF files with the right line numbers', () => {
    const result = parsePostmortem('\uFEFF---\r\ntitle: x\r\ndate: 2020-01-01\r\nstatus: nope\r\n---\r\n## Summary\r\nHello\r\n', { path: 'crlf.md' });
    expect(result.title).toBe('x');
    expect(result.summary).toBe('Hello');
    expect(result.sections[0]?.line).toBe(6);
    expect(lines(result)[0]).toMatch(/^crlf\.md:4:1 {2}error/);
  });

  it.each([[''], ['\u0000\u0001\u0002'], ['\uD800 lone surrogate'], ['---'], ['---\n---']])('never throws on odd input %j', (source) => {
    expect(() => parsePostmortem(source)).not.toThrow();
  });

  it('gives the same result twice, also after the caller mutates the first', () => {
    const source = '---\ntitle: x\ndate: 2020-01-01\nstatus: nope\n---\n## Summary\nHi\n';
    const first = parsePostmortem(source, { path: 'd.md' });
    const snapshot = structuredClone(first);
    first.diagnostics.length = 0;
    first.services.push('mutated');
    expect(parsePostmortem(source, { path: 'd.md' })).toEqual(snapshot);
  });
});
