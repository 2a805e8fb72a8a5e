/**
 * `postmortem site build` and `postmortem site dev`: the static site of the postmortems,
 * through Astro's programmatic API and the `@postmortem-kb/astro` integration, for teams
 * whose repository has no Astro project. Site options come from the `site` key of the
 * configuration; the command-line options win.
 */
import { Command } from 'commander';
import type { RunContext } from '../lib/context.js';
import { examples } from '../lib/options.js';

export interface BuildOptions {
  out: string;
  base?: string;
  strict?: boolean;
}

export interface DevOptions {
  port: string;
  host: string;
  base?: string;
}

export function createSiteCommand(context: RunContext): Command {
  const site = new Command('site').description('Build or preview the static site of the postmortems (needs @postmortem-kb/astro and astro installed).');
  site.addCommand(
    new Command('build')
      .description('Build the site into a directory of static files.')
      .argument('[dir]', "the postmortems (default: the configuration's site.dir, else postmortems/ if it exists, else the current directory)")
      .option('-o, --out <dir>', 'output directory (its old files are replaced)', 'dist')
      .option('--base <path>', "the path the site is served under, such as /kb/ (default: the configuration's site.base, else /)")
      .option('--strict', 'fail (exit code 1) when a postmortem has an error, as in CI; without it the site is built and /problems/ lists them')
      .addHelpText(
        'after',
        examples([
          ['Build postmortems/ into dist/:', 'postmortem site build'],
          ['For a GitHub Pages project site, failing on errors:', 'postmortem site build --base /my-repo/ --strict'],
        ]),
      )
      .action(async (dir: string | undefined, options: BuildOptions) => {
        const { runSiteBuild } = await import('../lib/run-site.js');
        await runSiteBuild(dir, options, context);
      }),
  );
  site.addCommand(
    new Command('dev')
      .description('Serve the site with live reload while you edit postmortems.')
      .argument('[dir]', 'the postmortems (as for build)')
      .option('--port <port>', 'port', '4321')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--base <path>', 'the path the site is served under')
      .addHelpText('after', examples([['Preview while writing a postmortem:', 'postmortem site dev']]))
      .action(async (dir: string | undefined, options: DevOptions) => {
        const { runSiteDev } = await import('../lib/run-site.js');
        await runSiteDev(dir, options, context);
      }),
  );
  return site;
}
