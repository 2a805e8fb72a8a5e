/**
 * `postmortem site build` and `postmortem site dev`: the static site of the postmortems,
 * through Astro's programmatic API and the `@postmortem-kb/astro` integration, for teams
 * whose repository has no Astro project. Site options come from the `site` key of the
 * configuration; the command-line options win.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Command } from 'commander';
import type { RunContext } from '../lib/context.js';
import { defaultCorpusDir } from '../lib/corpus.js';
import { examples } from '../lib/options.js';
import { generatedAstroRoot, loadSiteRuntime, type SiteRuntime } from '../lib/site-runtime.js';
import { CommandFailure, UsageError } from '../lib/usage-error.js';

interface BuildOptions {
  out: string;
  base?: string;
  strict?: boolean;
}

interface DevOptions {
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
        const runtime = await loadSiteRuntime(context.cwd);
        const outDir = resolve(context.cwd, options.out);
        try {
          await runtime.astro.build(await astroConfig(context, runtime, dir, { ...options, outDir }));
        } catch (error) {
          throw siteError(error);
        }
        context.stderr.line(`Site written to ${relative(context.cwd, outDir) || '.'}`);
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
        const runtime = await loadSiteRuntime(context.cwd);
        let server: Awaited<ReturnType<SiteRuntime['astro']['dev']>>;
        try {
          server = await runtime.astro.dev({
            ...(await astroConfig(context, runtime, dir, options)),
            server: { port: Number(options.port), host: options.host },
          });
        } catch (error) {
          throw siteError(error);
        }
        await new Promise<void>((done) => {
          const stop = () => void server.stop().then(done, done);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
  );
  return site;
}

async function astroConfig(
  context: RunContext,
  runtime: SiteRuntime,
  dir: string | undefined,
  options: { outDir?: string; base?: string; strict?: boolean },
): Promise<Record<string, unknown>> {
  const config = await context.config();
  const configured = typeof config.site?.['dir'] === 'string' ? resolve(config.baseDir ?? context.cwd, config.site['dir']) : undefined;
  const postmortems =
    dir !== undefined
      ? resolve(context.cwd, dir)
      : (configured ?? (existsSync(resolve(context.cwd, defaultCorpusDir)) ? resolve(context.cwd, defaultCorpusDir) : context.cwd));
  if (!existsSync(postmortems)) throw new UsageError(`no such directory: ${dir ?? postmortems}`);
  // Astro's telemetry is opt-out; a command that only builds files makes no network requests.
  process.env['ASTRO_TELEMETRY_DISABLED'] ??= '1';
  return {
    root: await generatedAstroRoot(context.cwd, runtime.integration),
    configFile: false,
    logLevel: 'warn',
    ...(options.outDir === undefined ? {} : { outDir: options.outDir }),
    integrations: [
      runtime.integration.default({
        dir: postmortems,
        ...(options.base === undefined ? {} : { base: options.base }),
        ...(options.strict ? { strict: true } : {}),
      }),
    ],
  };
}

/** Content errors under --strict are problems found (exit 1); anything else is a configuration or usage error (exit 2). */
function siteError(error: unknown): Error {
  const messages: string[] = [];
  for (let cause: unknown = error; cause instanceof Error && messages.length < 5; cause = cause.cause) messages.push(cause.message);
  const content = messages.find((message) => /^\d+ problems? in postmortems:/.test(message));
  // Each problem was printed on its own line before the build stopped; the failure is one line.
  if (content !== undefined) return new CommandFailure(`${content.split('\n', 1)[0]!.replace(/:$/, '')} (listed above): the site was not built`);
  const ours = messages.find((message) => message.startsWith('@postmortem-kb/astro: ') || message.startsWith('postmortemLoader: '));
  return new UsageError(ours ?? messages.join(': ') ?? String(error));
}
