import { parsePostmortem } from '@postmortem-kb/parser';
import { describe, expect, it } from 'vitest';
import { extractActionItems } from '../../packages/parser/src/lib/action-items.js';
import { DiagnosticSink } from '../../packages/parser/src/lib/diagnostics.js';
import { parseMarkdown } from '../../packages/parser/src/lib/markdown.js';
import type { ActionItem, Diagnostic } from '../../packages/parser/src/lib/schema.js';
import { splitSections } from '../../packages/parser/src/lib/sections.js';

/** Items and diagnostics of the first remediation section of `markdown`. */
function extract(markdown: string): { items: ActionItem[]; diagnostics: Diagnostic[] } {
  const section = splitSections(parseMarkdown(markdown)).find((candidate) => candidate.kind === 'remediation');
  if (!section) throw new Error('test markdown has no remediation section');
  const sink = new DiagnosticSink('pm.md');
  return { items: extractActionItems(section, sink), diagnostics: sink.diagnostics };
}

/** One list item under "## Action items" (so on line 3). */
function extractOne(listItem: string): { items: ActionItem[]; diagnostics: Diagnostic[] } {
  return extract(`## Action items\n\n${listItem}\n`);
}

function item(text: string, fields: Partial<ActionItem> = {}): ActionItem {
  return { text, owner: null, status: null, priority: null, type: null, ticket: null, due: null, doneOn: null, line: 3, ...fields };
}

describe('extractActionItems: list status', () => {
  it.each<[string, string, ActionItem]>([
    ['open task', '- [ ] Add alerting', item('Add alerting', { status: 'open' })],
    ['done task', '- [x] Add alerting', item('Add alerting', { status: 'done' })],
    ['done task, capital X', '- [X] Add alerting', item('Add alerting', { status: 'done' })],
    ['plain bullet', '- Add alerting', item('Add alerting')],
    ['ordered item', '1. Add alerting', item('Add alerting')],
    ['bold DONE', '- **DONE** Add alerting', item('Add alerting', { status: 'done' })],
    ['bold TODO with colon', '- **TODO**: Add alerting', item('Add alerting', { status: 'open' })],
    ['(done) suffix', '- Add alerting (done)', item('Add alerting', { status: 'done' })],
    ['[done] prefix', '- [done] Add alerting', item('Add alerting', { status: 'done' })],
    ['check mark', '- ✅ Add alerting', item('Add alerting', { status: 'done' })],
    ['checkbox wins over a marker', '- [ ] Add alerting (done)', item('Add alerting', { status: 'open' })],
    ['a lower-case word is not a marker', '- Add alerting done', item('Add alerting done')],
    ['a capitalised status closing the item is a marker', '- Add alerting DONE', item('Add alerting', { status: 'done' })],
    ['a capitalised status opening the item is a marker', '- TODO: add alerting', item('add alerting', { status: 'open' })],
    ['a capitalised word inside the item is not a marker', '- Fix the DONE handling', item('Fix the DONE handling')],
    ['bold text is not a marker', '- **Add** alerting', item('Add alerting')],
  ])('%s', (_name, markdown, expected) => {
    expect(extractOne(markdown)).toEqual({ items: [expected], diagnostics: [] });
  });

  it.each([
    ['empty task', '- [ ] '],
    ['empty bullet', '-'],
    ['only a marker', '- **DONE**'],
    ['only annotations', '- @jane P1'],
  ])('skips an item with no text: %s', (_name, markdown) => {
    expect(extractOne(markdown)).toEqual({ items: [], diagnostics: [] });
  });
});

describe('extractActionItems: inline annotations', () => {
  it.each<[string, string, ActionItem]>([
    ['@handle', '- [ ] Add alerting @jane.doe', item('Add alerting', { status: 'open', owner: 'jane.doe' })],
    ['@handle at a sentence end', '- Add alerting, ask @jane_d.', item('Add alerting, ask.', { owner: 'jane_d' })],
    ['(owner: …)', '- Add alerting (owner: Jane Doe)', item('Add alerting', { owner: 'Jane Doe' })],
    ['Owner: @handle', '- Add alerting. Owner: @bob-smith', item('Add alerting.', { owner: 'bob-smith' })],
    ['e-mail is not an owner', '- Email ops@example.com about alerting', item('Email ops@example.com about alerting')],
    ['due date', '- Add alerting, due 2023-06-01', item('Add alerting', { due: '2023-06-01' })],
    ['(due: …) padded', '- Add alerting (due: 2023-6-1)', item('Add alerting', { due: '2023-06-01' })],
    ['by date', '- Add alerting by 2023-06-01', item('Add alerting', { due: '2023-06-01' })],
    ['"due to" is prose', '- Fix the crash due to a null pointer', item('Fix the crash due to a null pointer')],
    ['ticket key kept in text', '- Add alerting JIRA-123', item('Add alerting JIRA-123', { ticket: 'JIRA-123' })],
    ['issue number', '- Add alerting (#456)', item('Add alerting (#456)', { ticket: '#456' })],
    [
      'link URL',
      '- Add alerting, see [tracking issue](https://github.com/o/r/issues/9)',
      item('Add alerting, see tracking issue', { ticket: 'https://github.com/o/r/issues/9' }),
    ],
    ['first ticket wins', '- Add alerting OPS-1, then OPS-2', item('Add alerting OPS-1, then OPS-2', { ticket: 'OPS-1' })],
    ['bare URL', '- Add alerting https://example.com/t/1.', item('Add alerting https://example.com/t/1.', { ticket: 'https://example.com/t/1' })],
    ['UTF-8 is not a ticket', '- Move to UTF-8 everywhere', item('Move to UTF-8 everywhere')],
    ['priority token', '- Add alerting P1', item('Add alerting', { priority: 'P1' })],
    ['priority phrase', '- Add alerting (priority: high)', item('Add alerting', { priority: 'high' })],
    ['P5 is not a priority', '- Add alerting P5', item('Add alerting P5')],
    ['leading tag', '- [prevent] Add alerting', item('Add alerting', { type: 'prevent' })],
    ['leading parenthesised tag', '- (mitigate) Add alerting', item('Add alerting', { type: 'mitigate' })],
    ['type phrase', '- Add alerting, type: detect', item('Add alerting', { type: 'detect' })],
    [
      'everything at once',
      '- [ ] [mitigate] Add rate limiting to the gateway @jane (due 2023-06-01) P2 OPS-42',
      item('Add rate limiting to the gateway OPS-42', {
        status: 'open',
        type: 'mitigate',
        owner: 'jane',
        due: '2023-06-01',
        priority: 'P2',
        ticket: 'OPS-42',
      }),
    ],
    [
      'owner phrase stops at the next annotation',
      '- Add alerting (owner: Jane Doe, due: 2023-06-01)',
      item('Add alerting', { owner: 'Jane Doe', due: '2023-06-01' }),
    ],
  ])('%s', (_name, markdown, expected) => {
    expect(extractOne(markdown)).toEqual({ items: [expected], diagnostics: [] });
  });

  it.each<[string, string, Diagnostic]>([
    [
      'impossible day',
      '- Add alerting due 2023-02-30',
      {
        ruleId: 'action-item-invalid-due',
        severity: 'warning',
        message: 'Due date "2023-02-30" is not a valid calendar date; expected a real date as YYYY-MM-DD.',
        path: 'pm.md',
        line: 3,
        column: 1,
      },
    ],
    [
      'impossible month',
      '- Add alerting (due: 2023-13-01)',
      {
        ruleId: 'action-item-invalid-due',
        severity: 'warning',
        message: 'Due date "2023-13-01" is not a valid calendar date; expected a real date as YYYY-MM-DD.',
        path: 'pm.md',
        line: 3,
        column: 1,
      },
    ],
    [
      'not a date at all',
      '- Add alerting, due: end of Q3',
      {
        ruleId: 'action-item-unrecognised-due',
        severity: 'info',
        message: 'Due date "end of Q3" is not in YYYY-MM-DD form, so the action item keeps no due date.',
        path: 'pm.md',
        line: 3,
        column: 1,
      },
    ],
  ])('reports a due date that is not a date: %s', (_name, markdown, diagnostic) => {
    expect(extractOne(markdown)).toEqual({ items: [item('Add alerting')], diagnostics: [diagnostic] });
  });
});

describe('extractActionItems: structure', () => {
  it('reads sub-sections and skips their headings', () => {
    const markdown = ['## Action items', '', '### Immediate', '', '- [x] Roll back', '', '### Long-term', '', '- [ ] Add a canary stage', ''].join('\n');
    expect(extract(markdown)).toEqual({
      items: [item('Roll back', { status: 'done', line: 5 }), item('Add a canary stage', { status: 'open', line: 9 })],
      diagnostics: [],
    });
  });

  it('treats a label over a nested list as a group, not an item (and "Long-term" says its items are open)', () => {
    const markdown = ['## Action items', '', '- Immediate:', '  - [ ] Roll back', '- **Long-term**', '  - Add a canary stage', ''].join('\n');
    expect(extract(markdown)).toEqual({
      items: [item('Roll back', { status: 'open', line: 4 }), item('Add a canary stage', { status: 'open', line: 6 })],
      diagnostics: [],
    });
  });

  it('reads top-level headings that qualify their actions, with the status they name', () => {
    const markdown = [
      '## Immediate Actions (Completed)',
      '',
      '- Added an alert on replication lag',
      '',
      '## Short-term improvements',
      '',
      '- Drill failovers every month',
      '',
      '## Long-term improvements',
      '',
      '- Move the queue to a managed service',
      '',
    ].join('\n');
    expect(parsePostmortem(markdown, { path: 'pm.md' }).actionItems).toEqual([
      item('Added an alert on replication lag', { status: 'done', line: 3 }),
      item('Drill failovers every month', { status: 'open', line: 7 }),
      item('Move the queue to a managed service', { status: 'open', line: 11 }),
    ]);
  });

  it('keeps an item that has sub-items, and the sub-items', () => {
    const markdown = ['## Action items', '', '- [ ] Harden deploys', '  - [x] Add a canary stage', ''].join('\n');
    expect(extract(markdown)).toEqual({
      items: [item('Harden deploys', { status: 'open' }), item('Add a canary stage', { status: 'done', line: 4 })],
      diagnostics: [],
    });
  });

  it('ignores prose and sub-sections of another kind', () => {
    const markdown = ['## Action items', '', 'We will do the following.', '', '- Add alerting', '', '### Lessons learned', '', '- Not an action item', ''].join(
      '\n',
    );
    expect(extract(markdown)).toEqual({ items: [item('Add alerting', { line: 5 })], diagnostics: [] });
  });
});

describe('extractActionItems: tables', () => {
  const table = (header: string, ...rows: string[]): string => ['## Action items', '', header, header.replace(/[^|]+/g, ' --- '), ...rows, ''].join('\n');

  it('reads every recognised column', () => {
    const markdown = table(
      '| Action | Owner | Priority | Type | Status | Ticket | Due |',
      '| Add alerting | @jane | P1 | detect | Done | OPS-1 | 2023-06-01 |',
      '| Add a canary | Bob Smith | high | prevent | In progress | [link](https://example.com/2) | 2023-7-1 |',
    );
    expect(extract(markdown)).toEqual({
      items: [
        item('Add alerting', { owner: 'jane', priority: 'P1', type: 'detect', status: 'done', ticket: 'OPS-1', due: '2023-06-01', line: 5 }),
        item('Add a canary', {
          owner: 'Bob Smith',
          priority: 'high',
          type: 'prevent',
          status: 'open',
          ticket: 'https://example.com/2',
          due: '2023-07-01',
          line: 6,
        }),
      ],
      diagnostics: [],
    });
  });

  it('recognises header synonyms', () => {
    const markdown = table('| Task | Assignee | Pri | Kind | State | Jira | Deadline |', '| Add alerting | jane | P0 | mitigate | todo | OPS-7 | 2024-02-29 |');
    expect(extract(markdown)).toEqual({
      items: [item('Add alerting', { owner: 'jane', priority: 'P0', type: 'mitigate', status: 'open', ticket: 'OPS-7', due: '2024-02-29', line: 5 })],
      diagnostics: [],
    });
  });

  it.each<[string, ActionItem['status']]>([
    ['done', 'done'],
    ['Complete', 'done'],
    ['completed', 'done'],
    ['Closed', 'done'],
    ['fixed', 'done'],
    ['✅', 'done'],
    ['yes', 'done'],
    ['x', 'done'],
    ['**DONE**', 'done'],
    ['open', 'open'],
    ['TODO', 'open'],
    ['To Do', 'open'],
    ['in-progress', 'open'],
    ['pending', 'open'],
    ['planned', 'open'],
    ['Not started', 'open'],
    ['no', 'open'],
    ['blocked', null],
    ['', null],
  ])('status cell %j', (cell, status) => {
    expect(extract(table('| Action | Status |', `| Add alerting | ${cell} |`))).toEqual({
      items: [item('Add alerting', { status, line: 5 })],
      diagnostics: [],
    });
  });

  it('takes a bold marker from any cell and annotations from the text cell', () => {
    const markdown = table('| Action | Notes |', '| Add alerting @jane | **TODO** |', '| **DONE** Roll back | |');
    expect(extract(markdown)).toEqual({
      items: [item('Add alerting', { owner: 'jane', status: 'open', line: 5 }), item('Roll back', { status: 'done', line: 6 })],
      diagnostics: [],
    });
  });

  it('uses the first free column when no header names the text', () => {
    const markdown = table('| Follow-up | Owner |', '| Add alerting | jane |');
    expect(extract(markdown)).toEqual({ items: [item('Add alerting', { owner: 'jane', line: 5 })], diagnostics: [] });
  });

  it('skips rows without text and reads placeholder cells as empty', () => {
    const markdown = table('| Action | Owner | Due |', '| | jane | |', '| Add alerting | - | TBD |');
    expect(extract(markdown)).toEqual({ items: [item('Add alerting', { line: 6 })], diagnostics: [] });
  });

  it.each<[string, Diagnostic]>([
    [
      'Q3 2023',
      {
        ruleId: 'action-item-unrecognised-due',
        severity: 'info',
        message: 'Due date "Q3 2023" is not in YYYY-MM-DD form, so the action item keeps no due date.',
        path: 'pm.md',
        line: 5,
        column: 16,
      },
    ],
    [
      '2023-02-30',
      {
        ruleId: 'action-item-invalid-due',
        severity: 'warning',
        message: 'Due date "2023-02-30" is not a valid calendar date; expected a real date as YYYY-MM-DD.',
        path: 'pm.md',
        line: 5,
        column: 16,
      },
    ],
  ])('due cell %j has no due date and a diagnostic', (cell, diagnostic) => {
    expect(extract(table('| Action       | Due |', `| Add alerting | ${cell} |`))).toEqual({
      items: [item('Add alerting', { line: 5 })],
      diagnostics: [diagnostic],
    });
  });
});

describe('extractActionItems: when an item was done', () => {
  it.each<[string, string, ActionItem]>([
    ['done <date> on a checked item', '- [x] Add alerting done 2023-06-03', item('Add alerting', { status: 'done', doneOn: '2023-06-03' })],
    ['(completed on <date>) makes it done', '- Add alerting (completed on 2023-6-3)', item('Add alerting', { status: 'done', doneOn: '2023-06-03' })],
    ['DONE <date> in capitals', '- DONE 2023-06-03 Add alerting', item('Add alerting', { status: 'done', doneOn: '2023-06-03' })],
    ['an open checkbox stays open', '- [ ] Add alerting, closed: 2023-06-03', item('Add alerting', { status: 'open', doneOn: '2023-06-03' })],
    [
      'with a due date',
      '- [x] Add alerting due 2023-06-01, fixed 2023-06-05',
      item('Add alerting', { status: 'done', due: '2023-06-01', doneOn: '2023-06-05' }),
    ],
  ])('%s', (_, markdown, expected) => {
    expect(extractOne(markdown)).toEqual({ items: [expected], diagnostics: [] });
  });

  it('reads a "Done on" column', () => {
    const table = (header: string, ...rows: string[]): string => `## Action items\n\n${header}\n| --- | --- |\n${rows.join('\n')}\n`;
    expect(extract(table('| Action | Done on |', '| Add alerting | 2023-06-03 |', '| Add paging | - |'))).toEqual({
      items: [item('Add alerting', { status: 'done', doneOn: '2023-06-03', line: 5 }), item('Add paging', { line: 6 })],
      diagnostics: [],
    });
  });
});

// No clock assertion: the test timeout is a hang guard (quadratic work at this size takes minutes).
describe('extractActionItems: linear time', () => {
  it.each([
    ['long run of capitals', 'A'.repeat(200_000)],
    ['long run of separators', `x${',;'.repeat(100_000)}y`],
    ['many owner phrases', 'owner: '.repeat(30_000)],
    ['many mentions', '@a@'.repeat(60_000)],
    ['long run of dots', `${'.'.repeat(200_000)}!`],
    ['many annotations', '(done) P1 type: x owner: a, due 2023-01-01 '.repeat(20_000)],
  ])('handles %s in linear time', { timeout: 20_000 }, (_name, text) => {
    // One list item: one action item at most (an item that is only annotations may be dropped with a diagnostic).
    expect(extractOne(`- ${text}`).items.length).toBeLessThanOrEqual(1);
  });
});
