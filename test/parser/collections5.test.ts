/**
 * Shapes found on public collections not sampled before (issue 12 acceptance, bench/RESULTS.md
 * "Unseen collections"), one fixture folder per shape under test/fixtures/collections5/<shape>/,
 * written in our own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadCorpus, parsePostmortem, type Postmortem } from '@postmortem-kb/parser';

const C = 'test/fixtures/collections5';

const parsed = (path: string) => parsePostmortem(readFileSync(path, 'utf8'), { path, today: '2026-12-03' });
const warningsAndErrors = (postmortem: Postmortem) =>
  postmortem.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info' && diagnostic.ruleId !== 'required-section').map(formatDiagnostic);

describe('shape: a blog whose reports are all named post-mortem.md in dated folders', () => {
  it('names each by its date folders, so no two get one id or one page', async () => {
    const { postmortems } = await loadCorpus([`${C}/dated-folders/ok`], { workers: false, today: '2026-12-03' });
    expect(
      postmortems.map((postmortem) => ({
        id: postmortem.id,
        slug: postmortem.slug,
        title: postmortem.title,
        date: postmortem.date,
        errors: postmortem.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map(formatDiagnostic),
      })),
    ).toEqual([
      { id: '2023-04-02-post-mortem', slug: '2023-04-02-post-mortem', title: 'Tile server outage in March', date: '2023-03-28', errors: [] },
      { id: '2023-09-14-post-mortem', slug: '2023-09-14-post-mortem', title: 'Geocoder slowdown', date: '2023-09-02', errors: [] },
    ]);
  });
});

describe('shape: one folder per incident, its report in README.md or index.md', () => {
  it('reads a README.md or index.md alone in its folder as that folder’s report; one beside other reports, or at the top, describes the collection', async () => {
    const { postmortems, files } = await loadCorpus([`${C}/folder-reports/ok`], { workers: false, today: '2026-12-03' });
    expect({
      files: files.map((file) => file.slice(`${C}/folder-reports/ok/`.length)),
      postmortems: postmortems.map((postmortem) => [postmortem.id, postmortem.slug, postmortem.title, postmortem.date]),
    }).toEqual({
      files: ['2024/queue-backlog.md', 'cache-stampede/README.md', 'dns-expiry/index.md'],
      postmortems: [
        ['cache-stampede', 'cache-stampede', 'Cache stampede after the deploy', '2024-02-11'],
        ['dns-expiry', 'dns-expiry', 'The DNS record that expired', '2024-05-30'],
        ['queue-backlog', 'queue-backlog', 'Queue backlog', '2024-08-19'],
      ],
    });
  });
});

describe('shape: the same file name in two folders', () => {
  it('reports duplicate-slug on both and still gives each a page of its own', async () => {
    const { postmortems } = await loadCorpus([`${C}/same-name/ok`], { workers: false, today: '2026-12-03' });
    expect(postmortems.map((postmortem) => [postmortem.id, postmortem.slug, postmortem.diagnostics.map(formatDiagnostic)])).toEqual([
      [
        'outage',
        'outage',
        [
          `${C}/same-name/ok/api/outage.md:1:1  error  Unexpected duplicate id \`outage\` (also used by ${C}/same-name/ok/web/outage.md), expected ids unique across the corpus  duplicate-id`,
        ],
      ],
      [
        'outage',
        'outage-2',
        [
          `${C}/same-name/ok/web/outage.md:1:1  error  Unexpected duplicate id \`outage\` (also used by ${C}/same-name/ok/api/outage.md), expected ids unique across the corpus  duplicate-id`,
        ],
      ],
    ]);
  });
});

describe('shape: frontmatter slips that YAML cannot read', () => {
  const F = `${C}/frontmatter-slips`;

  it('reads a `---` line over a `# Title`, closed by a `---` at the end, as thematic breaks: the whole report is kept', () => {
    const postmortem = parsed(`${F}/not-ok/rule-above-title.md`);
    expect({
      title: postmortem.title,
      date: postmortem.date,
      severity: postmortem.severity,
      summary: postmortem.summary,
      rootCauses: postmortem.rootCauses.map((cause) => cause.text),
      diagnostics: warningsAndErrors(postmortem),
    }).toEqual({
      title: 'Incident report: Build cache filled the runner disks',
      date: '2025-01-14',
      severity: 'P3',
      summary: 'Every CI runner ran out of disk after the build cache stopped pruning old layers.',
      rootCauses: ['The prune job kept its lock file after a crash, so later runs exited at once.'],
      diagnostics: [
        `${F}/not-ok/rule-above-title.md:1:1  warning  Unexpected markdown between the \`---\` on line 1 and the one on line 16, expected YAML frontmatter; both are read as thematic breaks and the whole file as markdown  frontmatter-markdown`,
      ],
    });
  });

  it('reads an unquoted value holding `: ` as the text after its key, with a warning at the value', () => {
    const fields = (postmortem: Postmortem) => ({ title: postmortem.title, date: postmortem.date, summary: postmortem.summary });
    const slipped = parsed(`${F}/not-ok/colon-in-title.md`);
    const quoted = parsed(`${F}/ok/colon-in-title.md`);
    expect({ slipped: fields(slipped), diagnostics: warningsAndErrors(slipped) }).toEqual({
      slipped: fields(quoted),
      diagnostics: [
        `${F}/not-ok/colon-in-title.md:2:8  warning  Unexpected \`: \` in the unquoted value of \`title\`, expected the value quoted (\`title: "Post-mortem: Login failures after the certificate swap"\`); read as the text after \`title:\`  frontmatter-unquoted-colon`,
        `${F}/not-ok/colon-in-title.md:4:10  warning  Unexpected \`: \` in the unquoted value of \`summary\`, expected the value quoted (\`summary: "Sign-ins failed for forty minutes: the new certificate lack…\`); read as the text after \`summary:\`  frontmatter-unquoted-colon`,
      ],
    });
    expect(fields(quoted)).toEqual({
      title: 'Post-mortem: Login failures after the certificate swap',
      date: '2025-02-03',
      summary: 'Sign-ins failed for forty minutes: the new certificate lacked the intermediate.',
    });
    expect(warningsAndErrors(quoted)).toEqual([]);
  });
});

describe('shape: headings written as questions and first-person lead-ins', () => {
  it('reads "What was the problem?", "How did we fix it?", "Preventing the issue from happening again" and "What I’d take from this" as their sections', () => {
    const postmortem = parsed(`${C}/question-headings/ok/2024-06-12-stale-session-cookies.md`);
    expect({
      kinds: postmortem.sections.map((section) => [section.heading, section.kind]),
      summary: postmortem.summary,
      resolution: postmortem.resolution,
      actionItems: postmortem.actionItems.map((item) => item.text),
      learned: postmortem.lessons.learned,
    }).toEqual({
      kinds: [
        ['What was the problem?', 'summary'],
        ['Why did it happen?', 'rootCause'],
        ['How did we fix it?', 'resolution'],
        ['Preventing the issue from happening again', 'remediation'],
        ["What I'd take from this", 'lessons'],
      ],
      summary: 'Signed-in users were sent back to the login page after the site moved to its new domain.',
      resolution: 'We issued cookies for both domains for a week.',
      actionItems: ['Add the cookie domain to the migration checklist'],
      learned: ['A domain move is also a cookie move.'],
    });
  });
});
