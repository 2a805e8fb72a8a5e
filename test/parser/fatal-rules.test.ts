/**
 * Fatal problems are not rules a project can configure (issue 11): a file that could not be read
 * as a postmortem is always reported with its own severity, whatever the settings say.
 */
import { describe, expect, it } from 'vitest';
import { configureDiagnostics, isFatalRule, ruleDefaults, ruleSettingProblem, type Diagnostic } from '@postmortem-kb/parser';

const diagnostic = (ruleId: string, severity: Diagnostic['severity']): Diagnostic =>
  ({ ruleId, severity, message: `m ${ruleId}`, line: 1, column: 1 }) as Diagnostic;

describe('fatal rules', () => {
  it('are exactly the problems of reading a file', () => {
    expect(Object.keys(ruleDefaults).filter(isFatalRule).sort()).toEqual(
      // too-many-values and corpus-time-budget (issue 18): values past a per-file cap are not
      // read, checks past the per-run budget are not run; never silenced.
      [
        'binary-content',
        'corpus-time-budget',
        'frontmatter-language',
        'frontmatter-unclosed',
        'frontmatter-yaml',
        'parse-failure',
        'timeout',
        'too-large',
        'too-many-values',
        'unreadable',
      ],
    );
    expect(isFatalRule('empty-lessons')).toBe(false);
    expect(isFatalRule('no-such-rule')).toBe(false);
  });

  it('keep their diagnostics whatever the settings; other rules follow them', () => {
    const input = [
      diagnostic('too-large', 'error'),
      diagnostic('binary-content', 'warning'),
      diagnostic('empty-lessons', 'warning'),
      diagnostic('missing-date', 'info'),
    ];
    const output = configureDiagnostics(input, { 'too-large': 'off', 'binary-content': 'info', 'empty-lessons': 'off', 'missing-date': 'error' });
    expect(output.map((d) => [d.ruleId, d.severity])).toEqual([
      ['too-large', 'error'],
      ['binary-content', 'warning'],
      ['missing-date', 'error'],
    ]);
  });

  it('cannot be set: the problem says why; other settings are checked as before', () => {
    expect(ruleSettingProblem('too-large', 'off')).toMatch(
      /^rule "too-large" cannot be configured: .*fatal rules: frontmatter-language, frontmatter-unclosed, frontmatter-yaml, binary-content, too-large, timeout, parse-failure, unreadable, corpus-time-budget, too-many-values\)$/,
    );
    expect(ruleSettingProblem('empty-lessons', 'off')).toBeNull();
    expect(ruleSettingProblem('empty-lessons', 'loud')).toMatch(/is set to "loud"/);
    expect(ruleSettingProblem('nope', 'off')).toMatch(/^unknown rule "nope"/);
  });
});
