/**
 * Terminal and CI-log injection: postmortem content (titles, categories, services, action
 * items, file names) and the messages quoting it never reach stdout or stderr with a raw
 * control character, and a newline in a value never starts a line of its own.
 */
import { describe, expect, it } from 'vitest';
import { type CliResult, fixtureNames, fixtureProject, lines, makeProject, plainEnv, runCli } from './helpers.js';

/** Each payload asks a terminal to do something it must not do for a postmortem. */
const payloads = {
  clipboard: '\u001b]52;c;cm0gLXJmIH4=\u0007', // OSC 52: set the clipboard
  link: '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\', // OSC 8 hyperlink
  windowTitle: '\u001b]0;pwned\u0007',
  clearScreen: '\u001b[2J\u001b[3J\u001b[H',
  hidden: '\u001b[8mhidden\u001b[28m',
  c1: '\u009b2J\u009d0;c1-title\u009c', // 8-bit CSI and OSC
  carriageReturn: 'looks fine\roverwritten',
  bidi: '\u202eevil\u202c',
  separator: 'one\u2028two',
  forgedCommand: 'x\n::error file=forged.md,line=1::forged annotation\n',
};
const hostile = Object.values(payloads).join(' ');

/** Any character a terminal or CI log could act on, other than a line feed. */
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A YAML double-quoted scalar with every non-printable-ASCII character as `\uXXXX`. */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[^\u0020-\u007e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const hostileName = `2024-05-01-evil${payloads.windowTitle}${payloads.forgedCommand.replaceAll('/', '_')}.md`;

/** A project with the clean fixtures, a taxonomy, and one hostile postmortem in a hostile file name. */
async function hostileProject(): Promise<string> {
  return fixtureProject({
    [`postmortems/${hostileName}`]: `---
id: ${yamlString(`evil ${hostile}`)}
title: ${yamlString(`Evil ${hostile}`)}
date: 2024-05-01
organization: ${yamlString(hostile)}
services: [${yamlString(`api ${hostile}`)}, api]
categories: [${yamlString(`cat ${hostile}`)}, dns]
related: [${yamlString(`missing ${hostile}`)}]
started_at: 2024-05-01T10:00:00Z
resolved_at: 2024-05-01T09:00:00Z
---

## Summary

Text ${payloads.clipboard} and ${payloads.clearScreen}.

## Root cause

The DNS resolver pool ran out of capacity ${payloads.hidden}.

## Action items

- [ ] Fix it ${hostile}
`,
  });
}

function expectNoRawControls(result: CliResult): void {
  expect(result.stdout).not.toMatch(rawControl);
  expect(result.stderr).not.toMatch(rawControl);
}

/** No line starts with a workflow command unless the format writes them, and none names the forged file. */
function expectNoForgedLines(result: CliResult, ownCommands = false): void {
  for (const line of lines(`${result.stdout}\n${result.stderr}`)) {
    if (!ownCommands) expect(line).not.toMatch(/^::/);
    expect(line).not.toMatch(/^::error file=forged\.md/);
  }
}

// Each test runs the CLI a few times; on a loaded machine that takes longer than the default 30 s.
describe.concurrent('terminal and CI-log injection', { timeout: 120_000 }, () => {
  it('lint (stylish): one escaped line per diagnostic, no raw control character', async () => {
    const dir = await hostileProject();
    const result = await runCli(['lint', '--verbose'], { cwd: dir });
    expectNoRawControls(result);
    expectNoForgedLines(result);
    expect(result.code).toBe(1);
    const diagnosticLines = lines(result.stdout).slice(0, -1);
    // Every line is a whole diagnostic: `path:line:column  severity  message  ruleId`.
    for (const line of diagnosticLines) expect(line).toMatch(/^postmortems\/\S.*:\d+:\d+ {2}(error|warning|info) {2}.* {2}[a-z-]+$/);
    expect(result.stdout).toContain('2024-05-01-evil\\x1b]0;pwned\\x07x\\n::error file=forged.md,line=1::forged annotation\\n.md:1:1');
    expect(result.stdout).toContain('Unexpected category `cat \\x1b]52;c;cm0gLXJmIH4=\\x07 \\x1b]8;;https://evil.example/\\x1b\\click');
    expect(diagnosticLines.length).toBeGreaterThanOrEqual(4);
  });

  it("lint (stylish, colour forced): only the CLI's own colour sequences reach the output", async () => {
    const result = await runCli(['lint', '--verbose'], { cwd: await hostileProject(), env: plainEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
    expect(result.stdout).toContain('\u001b[31merror\u001b[39m');
    // Bold, dim, underline, red, yellow, blue and their resets: nothing a postmortem wrote.
    const own = new Set(['\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[4m', '\u001b[24m', '\u001b[31m', '\u001b[33m', '\u001b[34m', '\u001b[39m']);
    for (const sequence of result.stdout.match(/\u001b[^a-zA-Z]*[a-zA-Z]?/g) ?? []) expect(own).toContain(sequence);
    expect(result.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(rawControl);
    expectNoForgedLines(result);
  });

  it('lint --format github: one workflow command per diagnostic, values escaped', async () => {
    const dir = await hostileProject();
    const result = await runCli(['lint', '--verbose', '--format', 'github'], { cwd: dir });
    expectNoRawControls(result);
    expectNoForgedLines(result, true);
    const commands = lines(result.stdout);
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const command of commands) expect(command).toMatch(/^::(error|warning|notice) (file=[^,]*,)?line=\d+,col=\d+,title=[a-z-]+::/);
    expect(result.stdout).toContain('file=postmortems/2024-05-01-evil\\x1b]0;pwned\\x07x%0A%3A%3Aerror file=forged.md%2Cline=1%3A%3Aforged annotation%0A.md,');
  });

  it('stats: categories, services and years escaped in the tables', async () => {
    const result = await runCli(['stats'], { cwd: await hostileProject() });
    expectNoRawControls(result);
    expectNoForgedLines(result);
    expect(result.stdout).toContain(
      'cat \\x1b]52;c;cm0gLXJmIH4=\\x07 \\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\ \\x1b]0;pwned\\x07 \\x1b[2J\\x1b[3J\\x1b[H \\x1b[8mhidden\\x1b[28m \\x9b2J\\x9d0;c1-title\\x9c looks fine\\roverwritten \\u202eevil\\u202c one\\u2028two x\\n::error file=forged.md,line=1::forged annotation  ',
    );
  });

  it('related: titles and reasons escaped, for the target and the matches', async () => {
    const dir = await hostileProject();
    const result = await runCli(['related', `postmortems/${hostileName}`], { cwd: dir });
    expectNoRawControls(result);
    expectNoForgedLines(result);
    expect(result.code).toBe(0);
    expect(lines(result.stdout)[0]).toMatch(/^Related to Evil \\x1b\]52;c;.*forged annotation\\n:$/);
    const back = await runCli(['related', `postmortems/${fixtureNames.dns}`], { cwd: dir });
    expectNoRawControls(back);
    expectNoForgedLines(back);
    expect(back.stdout).toContain('Evil \\x1b]52;c;');
  });

  it('export: JSON and NDJSON escape C1, U+2028/U+2029 and bidi characters; the values survive', async () => {
    const dir = await hostileProject();
    for (const format of ['json', 'ndjson'] as const) {
      const result = await runCli(['export', '--format', format], { cwd: dir });
      expectNoRawControls(result);
      expect(result.stdout).toContain('\\u009b2J\\u009d0;c1-title\\u009c');
      expect(result.stdout).toContain('one\\u2028two');
      const records =
        format === 'json' ? (JSON.parse(result.stdout) as Array<{ title: string }>) : lines(result.stdout).map((line) => JSON.parse(line) as { title: string });
      expect(records.map((record) => record.title)).toContain(`Evil ${hostile}`);
    }
    const ndjson = await runCli(['export', '--format', 'ndjson'], { cwd: dir });
    expect(lines(ndjson.stdout)).toHaveLength(3);
  });

  it('export --format csv: one line per row, control characters escaped, formulas neutralised', async () => {
    const result = await runCli(['export', '--format', 'csv'], { cwd: await hostileProject() });
    // CRLF ends each row (RFC 4180); nothing else may be a control character.
    expectNoRawControls({ ...result, stdout: result.stdout.replaceAll('\r\n', '\n') });
    expectNoForgedLines(result);
    expect(result.stdout.split('\r\n')).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
  });

  it('stderr: a hostile path named on the command line is escaped in the error message', async () => {
    const result = await runCli(['lint', `missing${payloads.clearScreen}${payloads.forgedCommand}`], { cwd: await makeProject() });
    expect(result.code).toBe(2);
    expectNoRawControls(result);
    expectNoForgedLines(result);
    expect(result.stderr).toBe('postmortem lint: path not found: missing\\x1b[2J\\x1b[3J\\x1b[Hx\\n::error file=forged.md,line=1::forged annotation\\n\n');
  });
});
