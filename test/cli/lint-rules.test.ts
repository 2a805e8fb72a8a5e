/**
 * Every content rule of the parser's `ruleDefaults`, through `postmortem lint` as a user sees
 * it: a passing variant and a failing variant of the clean fixture postmortem
 * (test/fixtures/cli/2024-03-18-dns-resolver-overload.md), asserting the exact lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixtures, edit, fixtureNames, lines, makeProject, readFixture, runCli, writeFiles, type CliResult } from './helpers.js';

const file = fixtureNames.dns;
let clean = '';

beforeAll(async () => {
  clean = await readFixture(file);
});

/** Lints a project holding the taxonomy, the config-push fixture and `source` as the DNS postmortem. */
async function lintWith(source: string, extraFiles: Record<string, string> = {}): Promise<CliResult> {
  // The two fixtures are a recurrence (same category, service and organization within 68 days):
  // its info note, tested in test/parser/recurrences.test.ts, is turned off so each case shows one rule.
  const dir = await makeProject({ '.postmortemrc.json': JSON.stringify({ rules: { recurrence: 'off' } }), [file]: source, ...extraFiles });
  await copyFixtures(dir, [fixtureNames.taxonomy, fixtureNames.config]);
  return runCli(['lint', '--verbose', '.'], { cwd: dir });
}

/** Diagnostic lines only (without the blank line and the summary). */
function diagnosticLines(result: CliResult): string[] {
  return lines(result.stdout).filter((line) => !line.startsWith('✖') && !line.startsWith('✔'));
}

async function expectClean(source: string): Promise<void> {
  const result = await lintWith(source);
  expect(result.stdout).toBe('✔ 2 postmortems checked, no problems\n');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

async function expectDiagnostics(source: string, expected: readonly string[], code: 0 | 1): Promise<void> {
  const result = await lintWith(source);
  expect(diagnosticLines(result)).toEqual(expected);
  expect(result.code).toBe(code);
}

const today = () => new Date().toISOString().slice(0, 10);

describe.concurrent('lint rules', () => {
  it('the clean fixtures have no diagnostics at all', async () => {
    await expectClean(clean);
  });

  describe('required-section', () => {
    it('ok: a draft may lack sections', async () => {
      await expectClean(
        edit(
          clean,
          ['status: final', 'status: draft'],
          ["## Root cause\n\nThe resolver pool was sized for last year's traffic and had no autoscaling.\n\n", ''],
        ),
      );
    });
    it('not ok: a final postmortem without a Root cause section', async () => {
      await expectDiagnostics(
        edit(clean, ["## Root cause\n\nThe resolver pool was sized for last year's traffic and had no autoscaling.\n\n", '']),
        [`${file}:5:1  error  Unexpected final postmortem without a Root cause section, expected a \`## Root cause\` heading  required-section`],
        1,
      );
    });
  });

  describe('action-item-owner', () => {
    it('ok: `owner: name`, and done items need no owner', async () => {
      await expectClean(edit(clean, ['@sre-team', 'owner: SRE team'], ['- [x] Double the resolver pool @alice', '- [x] Double the resolver pool']));
    });
    it('not ok: an open item without an owner', async () => {
      await expectDiagnostics(
        edit(clean, [' @sre-team', '']),
        [
          `${file}:41:1  warning  Unexpected action item without an owner, expected \`@handle\` or \`owner: name\` in “Autoscale the resolver pool”  action-item-owner`,
        ],
        0,
      );
    });
  });

  describe('timeline-order', () => {
    it('ok: entries at the same time', async () => {
      await expectClean(edit(clean, ['- 2024-03-18 14:05 UTC — DETECTED', '- 2024-03-18 14:00 UTC — DETECTED']));
    });
    it('not ok: an entry earlier than the one before it', async () => {
      await expectDiagnostics(
        edit(clean, ['- 2024-03-18 14:05 UTC — DETECTED', '- 2024-03-18 13:55 UTC — DETECTED']),
        [
          `${file}:31:1  warning  Unexpected timeline entry at 2024-03-18T13:55:00Z after one at line 30 that is later, expected chronological order  timeline-order`,
        ],
        0,
      );
    });
  });

  describe('timeline-outside-window', () => {
    const reviewAt = (day: string) =>
      edit(clean, [
        '- 2024-03-18 15:30 UTC — INCIDENT ENDS: error rate back to normal.',
        `- 2024-03-18 15:30 UTC — INCIDENT ENDS: error rate back to normal.\n- 2024-03-${day} 10:00 UTC — Postmortem review held.`,
      ]);
    it('ok: an entry within a week after the end', async () => {
      await expectClean(reviewAt('25'));
    });
    it('not ok: an entry more than a week after the end', async () => {
      await expectDiagnostics(
        reviewAt('26'),
        [
          `${file}:34:1  warning  Unexpected timeline entry at 2024-03-26T10:00:00Z outside the incident (2024-03-18T14:00:00Z to 2024-03-18T15:30:00Z), expected it within a day before the start and a week after the end  timeline-outside-window`,
        ],
        0,
      );
    });
  });

  describe('resolved-before-started', () => {
    it('ok: resolved after started', async () => {
      await expectClean(edit(clean, ['resolved_at: 2024-03-18T15:30:00Z', 'resolved_at: 2024-03-18T16:30:00Z']));
    });
    it('not ok: resolved before started (an error)', async () => {
      await expectDiagnostics(
        edit(clean, ['resolved_at: 2024-03-18T15:30:00Z', 'resolved_at: 2024-03-18T13:30:00Z']),
        [
          `${file}:14:1  error  Unexpected end 2024-03-18T13:30:00Z before start 2024-03-18T14:00:00Z, expected the incident to end after it starts  resolved-before-started`,
        ],
        1,
      );
    });
  });

  describe('date-in-future', () => {
    it('ok: today', async () => {
      await expectClean(edit(clean, ['date: 2024-03-18', `date: ${today()}`]));
    });
    it('not ok: a date in the future', async () => {
      // Next year: the latest year per-year series count (a later one is `date-out-of-range`).
      const nextYear = Number(today().slice(0, 4)) + 1;
      await expectDiagnostics(
        edit(clean, ['date: 2024-03-18', `date: ${nextYear}-12-31`]),
        [`${file}:4:1  warning  Unexpected date ${nextYear}-12-31 in the future, expected a date on or before ${today()}  date-in-future`],
        0,
      );
    });
  });

  describe('date-out-of-range', () => {
    const nextYear = () => Number(today().slice(0, 4)) + 1;
    it('ok: 1628, history counts', async () => {
      await expectClean(
        edit(
          clean,
          ['date: 2024-03-18', 'date: 1628-08-10'],
          ['started_at: 2024-03-18T14:00:00Z\n', ''],
          ['detected_at: 2024-03-18T14:05:00Z\n', ''],
          ['mitigated_at: 2024-03-18T14:40:00Z\n', ''],
          ['resolved_at: 2024-03-18T15:30:00Z\n', ''],
        ),
      );
    });
    it('not ok: year 9999, reported instead of date-in-future', async () => {
      await expectDiagnostics(
        edit(clean, ['date: 2024-03-18', 'date: 9999-12-31']),
        [
          `${file}:4:1  warning  Unexpected date 9999-12-31 after ${nextYear()}, expected a year from 1000 to ${nextYear()}; the incident is left out of per-year counts and year pages  date-out-of-range`,
        ],
        0,
      );
    });
    it('not ok: a year before 1000 (a typo for 2024)', async () => {
      await expectDiagnostics(
        edit(
          clean,
          ['date: 2024-03-18', 'date: 0024-03-18'],
          ['started_at: 2024-03-18T14:00:00Z\n', ''],
          ['detected_at: 2024-03-18T14:05:00Z\n', ''],
          ['mitigated_at: 2024-03-18T14:40:00Z\n', ''],
          ['resolved_at: 2024-03-18T15:30:00Z\n', ''],
        ),
        [
          `${file}:4:1  warning  Unexpected date 0024-03-18 before 1000, expected a year from 1000 to ${nextYear()}; the incident is left out of per-year counts and year pages  date-out-of-range`,
        ],
        0,
      );
    });
  });

  describe('too-many-values', () => {
    const services = (count: number) => `services: [${Array.from({ length: count }, (_, index) => `svc-${index}`).join(', ')}]`;
    it('ok: 100 services', async () => {
      await expectClean(edit(clean, ['services: [api, web]', services(100)]));
    });
    it('not ok: 103 services, the last 3 ignored (an error no configuration silences)', async () => {
      await expectDiagnostics(
        edit(clean, ['services: [api, web]', services(103)]),
        [
          `${file}:8:1  error  Unexpected 103 values in \`services\`, expected at most 100 services; the last 3 are ignored (kept in \`extra\` as \`ignored:services\`)  too-many-values`,
        ],
        1,
      );
    });
  });

  describe('unknown-category', () => {
    it('ok: ids from taxonomy.yaml', async () => {
      await expectClean(edit(clean, ['categories: [dns, capacity]', 'categories: [config-change, capacity, dns]']));
    });
    it('not ok: a misspelt id, with the closest known one', async () => {
      await expectDiagnostics(
        edit(clean, ['categories: [dns, capacity]', 'categories: [dns, capacty]']),
        [`${file}:9:1  warning  Unexpected category \`capacty\`, expected an id from taxonomy.yaml (did you mean \`capacity\`?)  unknown-category`],
        0,
      );
    });
    it('not ok: an id like no known one, without a suggestion', async () => {
      await expectDiagnostics(
        edit(clean, ['categories: [dns, capacity]', 'categories: [dns, quantum-flux]']),
        [`${file}:9:1  warning  Unexpected category \`quantum-flux\`, expected an id from taxonomy.yaml  unknown-category`],
        0,
      );
    });
  });

  describe('unknown-trigger', () => {
    it('ok: a trigger id from taxonomy.yaml', async () => {
      await expectClean(edit(clean, ['categories: [dns, capacity]', 'categories: [dns, capacity]\ntrigger: traffic-surge']));
    });
    it('not ok: a trigger written as a synonym, with the id it means', async () => {
      await expectDiagnostics(
        edit(clean, ['categories: [dns, capacity]', 'categories: [dns, capacity]\ntrigger: load spike']),
        [
          `${file}:10:1  warning  Unexpected trigger \`load spike\`, expected a trigger id from taxonomy.yaml (did you mean \`traffic-surge\`?)  unknown-trigger`,
        ],
        0,
      );
    });
    it('not ok: a root-cause category given as the trigger, without a suggestion', async () => {
      await expectDiagnostics(
        edit(clean, ['categories: [dns, capacity]', 'categories: [dns, capacity]\ntrigger: dns']),
        [`${file}:10:1  warning  Unexpected trigger \`dns\`, expected a trigger id from taxonomy.yaml  unknown-trigger`],
        0,
      );
    });
  });

  describe('blameless-root-cause', () => {
    it('ok: "human error" outside the root cause', async () => {
      await expectClean(edit(clean, ['Internal DNS resolvers', 'After a human error, internal DNS resolvers']));
    });
    it('not ok: "human error" as the root cause', async () => {
      await expectDiagnostics(
        edit(clean, ['The resolver pool was sized', 'Human error: the resolver pool was sized']),
        [
          `${file}:35:1  warning  Unexpected “Human error” as a root cause, expected the process or system gap that made the mistake possible (blameless review)  blameless-root-cause`,
        ],
        0,
      );
    });
  });

  describe('empty-lessons', () => {
    const emptyLessons = (source: string) => edit(source, ['### What went well\n\n- The error-rate alert paged within five minutes.\n', '']);
    const withoutH1 = (source: string) => edit(source, ['# DNS resolver overload\n\n', '']);
    it('ok: lessons with content', async () => {
      await expectClean(withoutH1(clean));
    });
    it('not ok: an empty Lessons section', async () => {
      await expectDiagnostics(
        emptyLessons(withoutH1(clean)),
        [`${file}:42:1  warning  Unexpected empty “Lessons learned” section, expected what went well, what went wrong or where you got lucky  empty-lessons`],
        0,
      );
    });
    // Parser bug: under a `# Title` heading every `##` section has a parent, and the rule only
    // looks at top-level sections, so it never fires in the usual layout. Drop `.fails` once fixed.
    it('not ok: an empty Lessons section under a `# Title` heading', async () => {
      await expectDiagnostics(
        emptyLessons(clean),
        [`${file}:44:1  warning  Unexpected empty “Lessons learned” section, expected what went well, what went wrong or where you got lucky  empty-lessons`],
        0,
      );
    });
  });

  describe('duplicate-id', () => {
    it('not ok: two files with the same id, reported on both', async () => {
      const result = await lintWith(edit(clean, ['id: dns-resolver-overload', 'id: config-push-outage']));
      expect(diagnosticLines(result)).toEqual([
        `${fixtureNames.config}:1:1  error  Unexpected duplicate id \`config-push-outage\` (also used by ${file}), expected ids unique across the corpus  duplicate-id`,
        `${file}:1:1  error  Unexpected duplicate id \`config-push-outage\` (also used by ${fixtureNames.config}), expected ids unique across the corpus  duplicate-id`,
      ]);
      expect(result.code).toBe(1);
    });
  });

  describe('duplicate-slug', () => {
    it('not ok: the same file name in two directories with different ids, reported on both', async () => {
      const result = await lintWith(clean, { [`archive/${file}`]: edit(clean, ['id: dns-resolver-overload', 'id: dns-resolver-overload-archived']) });
      expect(diagnosticLines(result)).toEqual([
        `${file}:1:1  error  Unexpected duplicate file name \`${file}\` (also archive/${file}), expected one file per slug (one page per incident)  duplicate-slug`,
        `archive/${file}:1:1  error  Unexpected duplicate file name \`${file}\` (also ${file}), expected one file per slug (one page per incident)  duplicate-slug`,
      ]);
      expect(result.code).toBe(1);
    });
  });

  describe('taxonomy file', () => {
    /** Lints the clean fixtures with `taxonomy.yaml` replaced by `taxonomy`. */
    async function lintWithTaxonomy(taxonomy: string): Promise<CliResult> {
      const dir = await makeProject({ [file]: clean });
      await copyFixtures(dir, [fixtureNames.config]);
      await writeFiles(dir, { [fixtureNames.taxonomy]: taxonomy });
      return runCli(['lint', '.'], { cwd: dir });
    }
    it('not ok: taxonomy-duplicate-id, at the repeated id', async () => {
      const taxonomy = `${await readFixture(fixtureNames.taxonomy)}  - id: dns\n    label: DNS again\n    description: A second entry.\n    synonyms: []\n`;
      const result = await lintWithTaxonomy(taxonomy);
      const line = taxonomy.split('\n').length - 4;
      expect(diagnosticLines(result)).toEqual([
        `taxonomy.yaml:${line}:9  error  Unexpected duplicate category id \`dns\`, expected each id once  taxonomy-duplicate-id`,
      ]);
      expect(result.code).toBe(1);
    });
    it('not ok: taxonomy-yaml, and the categories it would have held are unknown', async () => {
      const result = await lintWithTaxonomy('categories: [\n');
      const [taxonomyLines, others] = [
        diagnosticLines(result).filter((line) => line.startsWith('taxonomy.yaml:')),
        diagnosticLines(result).filter((line) => !line.startsWith('taxonomy.yaml:')),
      ];
      expect(taxonomyLines).toHaveLength(1);
      expect(taxonomyLines[0]).toMatch(/^taxonomy\.yaml:\d+:\d+  error  Invalid YAML: .+  taxonomy-yaml$/);
      expect(others.length).toBeGreaterThan(0);
      expect(others.every((line) => line.endsWith('unknown-category'))).toBe(true);
      expect(result.code).toBe(1);
    });
  });

  describe('unknown-related', () => {
    it('ok: related by slug (file name) as well as by id', async () => {
      await expectClean(edit(clean, ['related: [config-push-outage]', 'related: [config-push-outage, 2024-01-10-config-push-outage]']));
    });
    it('not ok: a related id no incident has', async () => {
      await expectDiagnostics(
        edit(clean, ['related: [config-push-outage]', 'related: [config-push-outgae]']),
        [`${file}:1:1  warning  Unexpected \`related: config-push-outgae\`, expected the id or slug of an incident in the corpus  unknown-related`],
        0,
      );
    });
    it('not ok: duplicate_of naming no incident', async () => {
      await expectDiagnostics(
        edit(clean, ['related: [config-push-outage]', 'duplicate_of: no-such-incident']),
        [`${file}:1:1  warning  Unexpected \`duplicate_of: no-such-incident\`, expected the id or slug of an incident in the corpus  unknown-related`],
        0,
      );
    });
  });

  describe('frontmatter', () => {
    it.each([
      [
        'frontmatter-yaml',
        ['services: [api, web]', 'services: [api, web'],
        `${file}:9:1  error  Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]  frontmatter-yaml`,
      ],
      [
        'frontmatter-schema',
        ['status: final', 'status: done'],
        `${file}:5:1  error  Unexpected \`status\` value \`"done"\`, expected one of draft, in-review, final  frontmatter-schema`,
      ],
      [
        'frontmatter-date',
        ['date: 2024-03-18', 'date: 03/04/2024'],
        `${file}:4:1  error  Unexpected \`date: 03/04/2024\`, expected a calendar date \`YYYY-MM-DD\` or a month \`YYYY-MM\`  frontmatter-date`,
      ],
      [
        'frontmatter-time',
        ['detected_at: 2024-03-18T14:05:00Z', 'detected_at: yesterday'],
        `${file}:12:1  error  Unexpected \`detected_at: yesterday\`: Unexpected \`yesterday\`, expected a date-time such as \`2021-10-30T12:45:00-08:00\` or \`2021-10-30 12:45 PST\`  frontmatter-time`,
      ],
      [
        'frontmatter-unclosed',
        ['related: [config-push-outage]\n---', 'related: [config-push-outage]'],
        `${file}:1:1  error  Unexpected end of file in frontmatter, expected a closing \`---\` line; the whole file is read as markdown  frontmatter-unclosed`,
      ],
      [
        'frontmatter-language',
        ['---\nid', '---js\nid'],
        `${file}:1:4  error  Unexpected \`---js\` opening the frontmatter, expected a line of exactly \`---\` (frontmatter is YAML only and is never evaluated)  frontmatter-language`,
      ],
    ] as const)('not ok: %s', async (_ruleId, replacement, expected) => {
      await expectDiagnostics(edit(clean, replacement), [expected], 1);
    });
  });

  describe('other parser diagnostics', () => {
    it('missing-title', async () => {
      await expectDiagnostics(
        edit(clean, ['title: DNS resolver overload\n', ''], ['# DNS resolver overload\n\n', '']),
        [`${file}:1:1  warning  Unexpected postmortem without a title, expected \`title:\` in frontmatter or a \`# Title\` heading  missing-title`],
        0,
      );
    });
    it('timeline-invalid-time', async () => {
      await expectDiagnostics(
        edit(clean, ['- 2024-03-18 14:05 UTC — DETECTED', '- 2024-03-18 25:05 UTC — DETECTED']),
        [`${file}:31:14  warning  Unexpected time \`25:05\`, expected a valid time of day such as \`14:05\` or \`2:05 PM\`  timeline-invalid-time`],
        0,
      );
    });
    it('timeline-no-zone is info: shown with --verbose, not a problem', async () => {
      const source = edit(clean, ['timezone: UTC\n', ''], ['- 2024-03-18 14:05 UTC — DETECTED', '- 2024-03-18 14:05 — DETECTED']);
      const result = await lintWith(source);
      expect(lines(result.stdout)).toEqual([
        `${file}:27:1  info  Unexpected timeline times without a time zone, expected a zone on the times (\`14:05 UTC\`), a note such as "All times UTC" or \`timezone\` in the frontmatter; assuming UTC  timeline-no-zone`,
        '✔ 2 postmortems checked, no problems',
      ]);
      expect(result.code).toBe(0);
    });
    it('too-large (maxBytes from the configuration)', async () => {
      const result = await lintWith(clean, { '.postmortemrc.json': JSON.stringify({ maxBytes: 1000 }) });
      expect(diagnosticLines(result)).toEqual([
        `${file}:1:1  error  Unexpected file of ${Buffer.byteLength(clean)} bytes, expected at most 1000 bytes (raise maxBytes to parse it)  too-large`,
      ]);
      expect(result.code).toBe(1);
    });
    it('binary-content', async () => {
      await expectDiagnostics(
        edit(clean, ['Internal DNS', 'Internal\u0000DNS']),
        [`${file}:22:9  warning  Unexpected NUL byte, expected UTF-8 text; NUL bytes are read as U+FFFD  binary-content`],
        0,
      );
    });
  });
});
