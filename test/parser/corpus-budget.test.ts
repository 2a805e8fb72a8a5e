/**
 * Issue 18: time bounds per run, not only per file. The corpus checks run in the calling
 * thread after the workers have parsed every file, where no per-file limit applies; they get
 * one budget for the whole run. The clock is injected: each reading advances it by one tick,
 * so the tests count work, never wall-clock time.
 */
import { describe, expect, it } from 'vitest';
import { checkCorpus } from '@postmortem-kb/parser';
import { postmortem } from './_factory.js';

/** A clock that advances `step` ms each time it is read. */
function tickingClock(step = 1): () => number {
  let time = 0;
  return () => (time += step);
}

/** 30 postmortems, two sharing an id, each with a `related` id no incident has. */
function corpus() {
  return Array.from({ length: 30 }, (_, index) =>
    postmortem({ slug: `p${String(index).padStart(2, '0')}`, id: index < 2 ? 'same' : `p${index}`, related: [`missing-${index}`] }),
  );
}

const rules = (postmortems: ReturnType<typeof corpus>) => postmortems.flatMap((p) => p.diagnostics.map((d) => d.ruleId));

describe('the per-run time budget of the corpus checks', () => {
  it('runs every check within the budget and says nothing about it', () => {
    const postmortems = corpus();
    checkCorpus(postmortems, { budgetMs: 1_000, now: tickingClock() });
    expect(rules(postmortems).filter((id) => id === 'duplicate-id')).toHaveLength(2);
    expect(rules(postmortems).filter((id) => id === 'unknown-related')).toHaveLength(30);
    expect(rules(postmortems)).not.toContain('corpus-time-budget');
  });

  it('stops past the budget and reports, on the first postmortem, the checks not run or not finished', () => {
    const postmortems = corpus();
    // Duplicate ids (29 groups) and slugs (30) take about 60 readings: the links check runs out.
    checkCorpus(postmortems, { budgetMs: 70, now: tickingClock() });
    expect(rules(postmortems).filter((id) => id === 'duplicate-id')).toHaveLength(2);
    const related = rules(postmortems).filter((id) => id === 'unknown-related').length;
    expect(related).toBeGreaterThan(0);
    expect(related).toBeLessThan(30);
    expect(postmortems.flatMap((p) => p.diagnostics).filter((d) => d.ruleId === 'corpus-time-budget')).toEqual([
      {
        ruleId: 'corpus-time-budget',
        severity: 'error',
        message:
          "Unexpected corpus checks over the run's time budget of 70 ms, expected them within it; not run or not finished for the 30 postmortems: unknown-related, recurrence (raise the budget to run them)",
        path: 'postmortems/p00.md',
        line: 1,
        column: 1,
      },
    ]);
  });

  it('names every check when the budget is gone before the first', () => {
    const postmortems = corpus();
    checkCorpus(postmortems, { budgetMs: 5, now: tickingClock(10) });
    expect(rules(postmortems)).toEqual(['corpus-time-budget']);
    expect(postmortems[0]!.diagnostics[0]!.message).toContain('duplicate-id, duplicate-slug, unknown-related, recurrence');
  });

  it('refuses a budget that is not a positive number', () => {
    expect(() => checkCorpus([], { budgetMs: 0 })).toThrow(/expected `budgetMs` to be a positive number/);
  });
});
