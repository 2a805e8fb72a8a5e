import { describe, expect, it } from 'vitest';
import { extractLessons } from '../../packages/parser/src/lib/lessons.js';
import { parseMarkdown } from '../../packages/parser/src/lib/markdown.js';
import { splitSections } from '../../packages/parser/src/lib/sections.js';

type Lessons = ReturnType<typeof extractLessons>;

function lessonsOf(lines: readonly string[]): Lessons {
  return extractLessons(splitSections(parseMarkdown(lines.join('\n'))));
}

function lessons(fields: Partial<Lessons>): Lessons {
  return { wentWell: [], wentWrong: [], lucky: [], learned: [], ...fields };
}

describe('extractLessons: sub-sections', () => {
  it('sorts the sub-sections of a lessons section', () => {
    const markdown = [
      '## Lessons learned',
      '',
      '### What went well',
      '',
      '- Alerts fired within a minute',
      '- The rollback took *five* minutes',
      '',
      '### What went wrong',
      '',
      '- The runbook was stale',
      '',
      '### Where we got lucky',
      '',
      'It happened during business hours.',
      '',
      'The on-call engineer was awake.',
    ];
    expect(lessonsOf(markdown)).toEqual(
      lessons({
        wentWell: ['Alerts fired within a minute', 'The rollback took five minutes'],
        wentWrong: ['The runbook was stale'],
        lucky: ['It happened during business hours.', 'The on-call engineer was awake.'],
      }),
    );
  });

  it.each<[string, Lessons]>([
    ['What went right', lessons({ wentWell: ['A lesson'] })],
    ['Things that went well', lessons({ wentWell: ['A lesson'] })],
    ['What went badly', lessons({ wentWrong: ['A lesson'] })],
    ['What went poorly', lessons({ wentWrong: ['A lesson'] })],
    ["What didn't go well", lessons({ wentWrong: ['A lesson'] })],
    ['What didn’t go well', lessons({ wentWrong: ['A lesson'] })],
    ['What could have gone better', lessons({ wentWrong: ['A lesson'] })],
    ['Challenges', lessons({ wentWrong: ['A lesson'] })],
    ['Lucky', lessons({ lucky: ['A lesson'] })],
    ['2. Where we got lucky', lessons({ lucky: ['A lesson'] })],
    ['Process', lessons({ learned: ['A lesson'] })],
    ['Went well-ish', lessons({ learned: ['A lesson'] })],
  ])('sub-section %j', (heading, expected) => {
    expect(lessonsOf(['## Lessons learned', '', `### ${heading}`, '', '- A lesson'])).toEqual(expected);
  });

  it('reads top-level sections named after a bucket', () => {
    const markdown = ['## What went well', '', '- Paging worked', '', '## What went wrong', '', '- Paging was slow'];
    expect(lessonsOf(markdown)).toEqual(lessons({ wentWell: ['Paging worked'], wentWrong: ['Paging was slow'] }));
  });

  it('keeps the bucket of a deeper sub-section', () => {
    const markdown = ['## Lessons', '', '### What went wrong', '', '#### Alerting', '', '- The pager was misrouted'];
    expect(lessonsOf(markdown)).toEqual(lessons({ wentWrong: ['The pager was misrouted'] }));
  });

  it('makes every list item one lesson, nested ones included', () => {
    const markdown = ['## What went well', '', '- Detection', '  - Alerts fired', '', '    Within a minute.'];
    expect(lessonsOf(markdown)).toEqual(lessons({ wentWell: ['Detection', 'Alerts fired Within a minute.'] }));
  });
});

describe('extractLessons: lead-ins inside one section', () => {
  it.each<[string, readonly string[], Lessons]>([
    [
      'bold lead-ins',
      ['**What went well**', '', '- Paging worked', '', "**What didn't go well:**", '', '- The runbook was stale'],
      lessons({ wentWell: ['Paging worked'], wentWrong: ['The runbook was stale'] }),
    ],
    ['plain lead-in with a colon', ['Where we got lucky:', '', '- It was a weekday'], lessons({ lucky: ['It was a weekday'] })],
    [
      'bold lead-in followed by text',
      ['**What went well:** the pager fired at once.', '', '**What went wrong**: the fix took an hour.'],
      lessons({ wentWell: ['the pager fired at once.'], wentWrong: ['the fix took an hour.'] }),
    ],
    [
      'lead-in list items',
      ['- **What went well**', '  - Paging worked', '- What went wrong', '  - The runbook was stale'],
      lessons({ wentWell: ['Paging worked'], wentWrong: ['The runbook was stale'] }),
    ],
    [
      'prose that mentions a bucket is not a lead-in',
      ['What went well was the paging.', '', '- Paging worked'],
      lessons({ learned: ['What went well was the paging.', 'Paging worked'] }),
    ],
    [
      'no sub-division: one lesson learned per item or paragraph',
      ['- Test your backups', '', 'Restores are the real test.'],
      lessons({ learned: ['Test your backups', 'Restores are the real test.'] }),
    ],
  ])('%s', (_name, body, expected) => {
    expect(lessonsOf(['## Lessons learned', '', ...body])).toEqual(expected);
  });

  it('ignores lead-ins outside lessons sections', () => {
    expect(lessonsOf(['## Summary', '', '**What went well**', '', '- Paging worked'])).toEqual(lessons({}));
  });
});
