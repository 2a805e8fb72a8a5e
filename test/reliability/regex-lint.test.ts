/**
 * Every regex in the library, CLI and site sources is checked by eslint-plugin-regexp for super-linear
 * backtracking and super-linear moves (the ReDoS classes), through the repository's own
 * eslint.config.js.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rules = new Set(['regexp/no-super-linear-backtracking', 'regexp/no-super-linear-move']);

describe('regex safety', () => {
  it('no super-linear backtracking or moves in packages/*/src and site/src', { timeout: 120_000 }, async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['packages', 'site']);
    expect(results.length).toBeGreaterThan(40);
    const findings = results.flatMap((result) => {
      const file = result.filePath.slice(root.length);
      return result.messages
        .filter((message) => message.fatal || (message.ruleId !== null && rules.has(message.ruleId)))
        .map((message) => `${file}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.message}`);
    });
    expect(findings).toEqual([]);
  });
});
