/**
 * Keeps the root README in step with what the code does: the rule table against the parser's
 * `ruleDefaults`, the CLI section against `postmortem <command> --help` (run from the built CLI,
 * as a user would), the commands it tells people to run against package.json's scripts, and the
 * site's URLs against packages/astro/src/pages. Run `pnpm run build` first when running vitest alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleDefaults } from '../../packages/parser/src/lint/registry.js';
import { withRulesTable } from '../../packages/parser/src/lint/rules-table.js';
import { repositoryRoot, runCli } from '../cli/helpers.js';

const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  postmortem?: { rules?: Record<string, string> };
};
const siteManifest = JSON.parse(readFileSync(join(repositoryRoot, 'site/package.json'), 'utf8')) as { scripts: Record<string, string> };
const pagesDir = join(repositoryRoot, 'packages/astro/src/pages');

/** The parts of `markdown` under each heading of `level` (`##` or `###`); headings inside code fences do not count. */
function splitAtHeadings(markdown: string, level: '##' | '###'): Map<string, string> {
  const parts = new Map<string, string>();
  let current: string | null = null;
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^(?:```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : new RegExp(`^${level} (.+)$`).exec(line);
    if (heading) {
      current = heading[1]!.trim();
      parts.set(current, '');
      continue;
    }
    // A heading of a higher level ends the part.
    if (!fenced && level === '###' && /^## /.test(line)) current = null;
    if (current !== null) parts.set(current, `${parts.get(current)!}${line}\n`);
  }
  return parts;
}

function section(name: string): string {
  const text = splitAtHeadings(readme, '##').get(name);
  if (text === undefined) throw new Error(`README has no "## ${name}" section`);
  return text;
}

function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
}

/** The contents of fenced code blocks. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm)].map((match) => match[2]!);
}

/** The text of inline code spans, outside fenced blocks. */
function inlineCode(markdown: string): string[] {
  return [...withoutCodeBlocks(markdown).matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
}

/** Long options (`--max-warnings`) mentioned in `text`. */
function longOptions(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*[a-z]/g)].map((match) => match[0]));
}

interface CommandHelp {
  usage: string;
  options: string[];
}

/** The usage line and the long options of a command's `--help` (flag column of "Options:" only). */
function readHelp(text: string): CommandHelp {
  const usage = /^Usage: .+$/m.exec(text)?.[0];
  if (usage === undefined) throw new Error(`no usage line in:\n${text}`);
  const options: string[] = [];
  const block = /^Options:\n([\s\S]*?)(?:\n\n|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  for (const line of block.split('\n')) {
    const flags = line.trim().split(/\s{2,}/, 1)[0]!;
    if (flags.startsWith('-')) options.push(...longOptions(flags));
  }
  return { usage, options };
}

describe('README contents', () => {
  /** GitHub's anchor for a heading. */
  const anchor = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');

  it('lists every section, and every entry links to a heading', () => {
    const contents = section('Contents');
    const links = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!);
    const sections = [...splitAtHeadings(readme, '##').keys()].filter((heading) => heading !== 'Contents');
    const anchors = new Set([...sections, ...splitAtHeadings(readme, '###').keys()].map(anchor));
    expect(sections.map(anchor).filter((target) => !links.includes(target))).toEqual([]);
    expect(links.filter((target) => !anchors.has(target))).toEqual([]);
  });
});

describe('README rule table', () => {
  const table = splitAtHeadings(section('CLI'), '###').get('Lint rules') ?? '';
  const rows = Object.fromEntries([...table.matchAll(/^\| `([a-z0-9-]+)` \| (\w+) \|/gm)].map((match) => [match[1]!, match[2]!]));

  it('lists every rule the parser defines with its default severity, and no other', () => {
    const defaults = Object.fromEntries(Object.entries(ruleDefaults).map(([id, rule]) => [id, rule.severity]));
    expect(rows).toEqual(defaults);
  });

  it('is the table written from each rule’s meta (pnpm run docs:rules)', () => {
    expect(readme).toBe(withRulesTable(readme));
  });

  it('shows the rule settings of this repository’s own package.json', () => {
    const rules = Object.entries(manifest.postmortem?.rules ?? {});
    expect(rules.length).toBeGreaterThan(0);
    for (const [id, setting] of rules) expect(section('CLI')).toContain(`"${id}": "${setting}"`);
  });
});

describe('README CLI section', () => {
  const cli = section('CLI');
  const subsections = splitAtHeadings(cli, '###');
  const commands: string[] = [];
  const helps = new Map<string, CommandHelp>();

  beforeAll(async () => {
    const main = await runCli(['--help'], { cwd: repositoryRoot });
    expect(main.code).toBe(0);
    const list = /^Commands:\n([\s\S]*?)\n\n/m.exec(main.stdout)?.[1] ?? '';
    for (const match of list.matchAll(/^ {2}([a-z]+)\b/gm)) if (match[1] !== 'help') commands.push(match[1]!);
    const results = await Promise.all(commands.map((command) => runCli([command, '--help'], { cwd: repositoryRoot })));
    for (const [index, result] of results.entries()) {
      expect(result.code, `${commands[index]!} --help`).toBe(0);
      const help = readHelp(result.stdout);
      // A command with subcommands (`site build`, `site dev`): their options are the command's too.
      const subcommands = [...(/\nCommands:\n([\s\S]*?)(?:\n\n|$)/.exec(result.stdout)?.[1] ?? '').matchAll(/^ {2}([a-z]+)\b/gm)]
        .map((match) => match[1]!)
        .filter((name) => name !== 'help');
      for (const subcommand of subcommands) {
        const sub = await runCli([commands[index]!, subcommand, '--help'], { cwd: repositoryRoot });
        expect(sub.code, `${commands[index]!} ${subcommand} --help`).toBe(0);
        help.options.push(...readHelp(sub.stdout).options);
      }
      helps.set(commands[index]!, help);
    }
  });

  it('has a subsection for each command `postmortem --help` lists, and for no other', () => {
    expect(commands.length).toBeGreaterThan(0);
    const documented = [...subsections.keys()].flatMap((heading) => /^`postmortem (\w+)`$/.exec(heading)?.[1] ?? []);
    expect(documented.sort()).toEqual([...commands].sort());
  });

  it('shows each command’s usage line and every long option its --help prints', () => {
    for (const [command, help] of helps) {
      const text = subsections.get(`\`postmortem ${command}\``) ?? '';
      expect(text, command).toContain(help.usage);
      const mentioned = longOptions(text);
      expect(
        help.options.filter((option) => !mentioned.has(option)),
        `options of ${command} missing from the README`,
      ).toEqual([]);
    }
  });

  it('mentions no long option a command does not have', () => {
    for (const [command, help] of helps) {
      const text = subsections.get(`\`postmortem ${command}\``) ?? '';
      const known = new Set(help.options);
      expect(
        [...longOptions(text)].filter((option) => !known.has(option)),
        `options the README gives ${command}`,
      ).toEqual([]);
    }
  });
});

describe('README commands', () => {
  it('quick start runs exactly the start and test scripts, and they build, serve and test', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(section('Quick start'))?.[1] ?? '';
    const scripts = block
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .flatMap((line) => [...line.matchAll(/\bpnpm (?:run )?([a-z][\w:-]*)/g)].map((match) => match[1]!))
      .filter((name) => name !== 'install');
    expect(scripts).toEqual(['start', 'test']);
    expect(manifest.scripts.start).toMatch(/--filter \.\/site run build/);
    expect(manifest.scripts.start).toMatch(/--filter \.\/site run preview/);
    expect(manifest.scripts.test).toMatch(/\bvitest run\b/);
  });

  it('serves the site on the port the quick start names', () => {
    const port = /http:\/\/localhost:(\d+)/.exec(section('Quick start'))?.[1];
    expect(port).toBeDefined();
    expect(siteManifest.scripts.preview).toContain(`--port ${port}`);
  });

  it('names only pnpm scripts that package.json defines', () => {
    const builtIns = new Set(['install', 'exec', 'pack', 'add', 'dlx']);
    // Shell comments are prose.
    const code = [...codeBlocks(readme), ...inlineCode(readme)].join('\n').replace(/(^|\s)#.*$/gm, '$1');
    const named = new Set([...code.matchAll(/\bpnpm (?:-s )?(?:run )?([a-z][\w:-]*[\w-])/g)].map((match) => match[1]!).filter((name) => !builtIns.has(name)));
    expect(named).toContain('postmortem');
    expect([...named].filter((name) => manifest.scripts[name] === undefined)).toEqual([]);
  });
});

describe('README site section', () => {
  /** Each page file as the URL pattern Astro serves it at (`[slug]` matches one segment, `[...page]` any, or none). */
  const routes = readdirSync(pagesDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter((file) => /\.(?:astro|ts|js|md)$/.test(file))
    .map((file) => {
      const route = `/${file.replace(/\.(?:astro|ts|js|md)$/, '').replace(/(?:^|\/)index$/, '')}`;
      const pattern = route
        .split(/(\/\[\.\.\.[^\]]+\]|\[[^\]]+\])/)
        .map((part) => {
          if (/^\/\[\.\.\./.test(part)) return '(?:/.*)?';
          if (/^\[[^\]]+\]$/.test(part)) return '[^/]+';
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      return { file, pattern: new RegExp(`^${pattern.replace(/\/$/, '')}/?$`) };
    });
  /** URL paths the Site section names: inline code starting with `/`, query dropped, `<slug>` as a value. */
  const paths = [
    ...new Set(
      inlineCode(section('Site'))
        .flatMap((code) => code.split(/,\s*/))
        .filter((code) => code.startsWith('/'))
        .map((code) => code.replace(/\?.*$/, '').replace(/<[^>]+>/g, 'x')),
    ),
  ];

  it('names URLs at all', () => {
    expect(paths.length).toBeGreaterThan(10);
  });

  it('names only URLs that a page file in packages/astro/src/pages serves', () => {
    expect(paths.filter((path) => !routes.some((route) => route.pattern.test(path)))).toEqual([]);
  });

  it('names a URL for every page file except 404', () => {
    const missing = routes.filter((route) => route.file !== '404.astro' && !paths.some((path) => route.pattern.test(path)));
    expect(missing.map((route) => route.file)).toEqual([]);
  });
});
