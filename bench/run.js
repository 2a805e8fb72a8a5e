/**
 * `pnpm bench`: parse, site build, search and lint over a deterministic synthetic corpus,
 * each figure next to its baseline measured in the same run. A script, not a test.
 *
 *   node bench/run.js            1k/2.5k/5k/10k files, 1k/10k/50k search records, site at 1k and 10k
 *   node bench/run.js --quick    as above, but the site only at 1k
 *   node bench/run.js --smoke    20 files, 200 search records, no site build (for the smoke test)
 *   --no-site                    skip the site builds
 *   --only=parse,site,search,lint,precedents,import,cli  run only these sections (to split a long run)
 *
 * Every measurement runs in its own process; peak RSS comes from /usr/bin/time when
 * present, otherwise from polling `ps`. Writes only below .bench/ (gitignored).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate-corpus.js';
import { generateImports } from './generate-imports.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bench = join(root, '.bench');
const flags = new Set(process.argv.slice(2));
const smoke = flags.has('--smoke');
const quick = flags.has('--quick');
const onlyFlag = [...flags].find((flag) => flag.startsWith('--only='));
const only = onlyFlag ? new Set(onlyFlag.slice('--only='.length).split(',')) : null;
const wanted = (section) => only === null || only.has(section);
const siteWanted = !smoke && !flags.has('--no-site') && wanted('site');

const parseSizes = smoke ? [20] : [1000, 2500, 5000, 10000];
const recordCounts = smoke ? [200] : [1000, 10000, 50000];
const siteSizes = quick ? [1000] : [1000, 10000];
const out = smoke ? join(bench, 'smoke') : bench;
const workers = availableParallelism();

const rows = [];
const row = (section, name, size, ours, baseline, unit, target = '', extra = {}) => {
  const ratio = Number.isFinite(ours) && Number.isFinite(baseline) && baseline !== 0 ? ours / baseline : NaN;
  rows.push({ section, name, size, ours, baseline, ratio, unit, target, ...extra });
  console.error(`  ${section} ${name} @${size}: ${fmt(ours)} ${unit} vs ${fmt(baseline)}`);
};

function fmt(value, digits = 2) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (typeof value === 'string') return value;
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toFixed(digits);
}

const hasGnuTime = existsSync('/usr/bin/time');

/** Runs a command, returning stdout, wall seconds and peak RSS in MB (the process and its waited-for children). */
function measured(command, args, { env = {}, cwd = root } = {}) {
  return new Promise((resolve, reject) => {
    const timeFile = join(tmpdir(), `pmkb-bench-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const [file, argv] = hasGnuTime ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, command, ...args]] : [command, args];
    const started = performance.now();
    const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const poll = hasGnuTime
      ? null
      : setInterval(() => {
          const ps = spawn('ps', ['-o', 'rss=', '--ppid', String(child.pid), '-p', String(child.pid)]);
          let text = '';
          ps.stdout.on('data', (chunk) => (text += chunk));
          ps.on(
            'close',
            () =>
              (polledKb = Math.max(
                polledKb,
                text.split('\n').reduce((sum, line) => sum + (Number(line) || 0), 0),
              )),
          );
        }, 100);
    child.on('error', reject);
    child.on('close', async (code) => {
      if (poll) clearInterval(poll);
      const wallS = (performance.now() - started) / 1000;
      let peakKb = polledKb;
      if (hasGnuTime) {
        peakKb = Number((await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').pop()) || NaN;
        await rm(timeFile, { force: true });
      }
      resolve({ code, stdout, stderr, wallS, peakMb: peakKb / 1024 });
    });
  });
}

async function measure(mode, ...args) {
  const result = await measured(process.execPath, [join(root, 'bench', 'measure.js'), mode, ...args]);
  if (result.code !== 0) throw new Error(`measure.js ${mode} failed (${result.code}):\n${result.stderr}`);
  return { ...JSON.parse(result.stdout.trim().split('\n').pop()), peakMb: result.peakMb };
}

// ---------------------------------------------------------------------------------------------

console.error(`generating corpus in ${out} …`);
const corpusSizes = wanted('parse') || wanted('lint') ? parseSizes : wanted('precedents') ? [parseSizes[0]] : [];
const sizes = [...new Set([...corpusSizes, ...(siteWanted ? siteSizes : [])])];
const { corpora, search } = await generate({ out, sizes, records: wanted('search') ? recordCounts : [], queries: smoke ? 10 : 50 });

if (wanted('parse')) console.error('parse …');
for (const size of wanted('parse') ? parseSizes : []) {
  const naive = await measure('parse-naive', corpora[size]);
  const single = await measure('parse-ours', corpora[size], 'false');
  const pool = await measure('parse-ours', corpora[size], String(workers));
  row('parse', 'ours 1 thread vs naive floor (ms)', size, single.ms, naive.ms, 'ms', '≤ 1.0×', { oursMb: single.peakMb, baselineMb: naive.peakMb });
  row('parse', `ours pool (${workers} workers) vs ours 1 thread (ms)`, size, pool.ms, single.ms, 'ms', 'speed-up ≥ 1.8×', {
    oursMb: pool.peakMb,
    baselineMb: single.peakMb,
    speedup: single.ms / pool.ms,
  });
}

if (siteWanted) {
  console.error('site build …');
  for (const size of siteSizes) await siteRows(size, corpora[size]);
}

if (wanted('search')) console.error('search …');
for (const count of wanted('search') ? recordCounts : []) {
  const ours = await measure('search-ours', search[count]);
  const fuse = await measure('search-fuse', search[count]);
  row('search', 'first-search payload, gzip (KB)', count, ours.payloadGzipBytes / 1024, fuse.payloadGzipBytes / 1024, 'KB', '', {
    oursMb: ours.peakMb,
    baselineMb: fuse.peakMb,
  });
  row('search', 'index load (ms)', count, ours.loadMs, fuse.loadMs, 'ms');
  row('search', 'query median (ms)', count, ours.medianMs, fuse.medianMs, 'ms');
  row('search', 'query p95 (ms)', count, ours.p95Ms, fuse.p95Ms, 'ms');
  row('search', 'relevance: expected in top 5', count, ours.top5, fuse.top5, 'share', '≥ fuse.js');
  row('search', 'index build at site build (ms)', count, ours.buildMs, NaN, 'ms');
}

if (wanted('lint')) console.error('lint …');
for (const size of wanted('lint') ? parseSizes : []) {
  const result = await measured(process.execPath, [join(root, 'packages', 'cli', 'bin', 'postmortem.js'), 'lint', '--quiet', corpora[size]], { cwd: out });
  if (result.code !== 0 && result.code !== 1) throw new Error(`lint failed (${result.code}):\n${result.stderr}`);
  row('lint', 'postmortem lint (s)', size, result.wallS, NaN, 's', '', { oursMb: result.peakMb });
}

if (wanted('cli')) await cliRows();

if (wanted('precedents')) console.error('precedents …');
if (wanted('precedents')) {
  const { loadPostmortems } = await import('@postmortem-kb/parser');
  const { replayPrecedents } = await import('./precedents.js');
  const replays = [['postmortems/', await loadPostmortems(join(root, 'postmortems'), { workers: false })]];
  const generated = corpora[parseSizes[0]];
  if (generated) replays.push([`generated ${parseSizes[0]}`, await loadPostmortems(generated)]);
  for (const [name, postmortems] of replays) {
    const result = replayPrecedents(postmortems);
    row(
      'precedents',
      `${name}: same-category precedent in top 5 (ours: service + text; baseline: 5 most recent of the category)`,
      result.queries,
      result.category.ours,
      result.category.baseline,
      'share',
    );
    row(
      'precedents',
      `${name}: same category and service/organization in top 5 (ours: + category)`,
      result.recurrenceQueries,
      result.recurrence.ours,
      result.recurrence.baseline,
      'share',
    );
  }
}

if (wanted('import') && !smoke) {
  console.error('import …');
  const count = 1000;
  const inputs = await generateImports({ fixtures: join(root, 'test', 'fixtures', 'import'), out: join(out, 'import-inputs'), count });
  const cli = join(root, 'packages', 'cli', 'bin', 'postmortem.js');
  // markdown last: it imports again what the html import wrote (the round trip).
  for (const format of ['html', 'docx', 'notion', 'github-issues', 'gitlab-issues', 'csv', 'markdown']) {
    const target = join(out, 'import-out', format);
    await rm(target, { recursive: true, force: true });
    const input = format === 'markdown' ? join(out, 'import-out', 'html') : inputs[format];
    const result = await measured(process.execPath, [cli, 'import', input, '--from', format, '--out', target, '--json']);
    const written = JSON.parse(result.stdout).filter((report) => report.written).length;
    if (written !== count) throw new Error(`import --from ${format} wrote ${written} of ${count} files:\n${result.stderr}`);
    // The baseline is linting what was written: parsing every file is part of an import.
    const lint = await measured(process.execPath, [cli, 'lint', '--quiet', target], { cwd: out });
    row('import', `postmortem import --from ${format} vs lint of the output (s)`, count, result.wallS, lint.wallS, 's', '< 60 s', {
      oursMb: result.peakMb,
      baselineMb: lint.peakMb,
    });
  }
}

printTable();

// ---------------------------------------------------------------------------------------------

/**
 * CLI start-up: `postmortem --version`, `--help` and `lint` of one postmortem against
 * `node -e 0`, the floor of any Node program, each the median of interleaved runs (so load
 * from elsewhere on the machine falls on both sides alike).
 */
async function cliRows() {
  console.error('cli start-up …');
  const runs = smoke ? 3 : 15;
  const cli = join(root, 'packages', 'cli', 'bin', 'postmortem.js');
  const file = join(root, 'postmortems', (await readdir(join(root, 'postmortems'))).filter((name) => name.endsWith('.md') && name !== 'README.md').sort()[0]);
  const commands = {
    node: ['-e', '0'],
    version: [cli, '--version'],
    help: [cli, '--help'],
    lint: [cli, 'lint', file],
  };
  const results = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, args] of Object.entries(commands)) {
      const result = await measured(process.execPath, args);
      if (result.code !== 0) throw new Error(`node ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
      results[name].push(result);
    }
  }
  const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
  const ms = (name) => median(results[name].map((result) => result.wallS * 1000));
  const mb = (name) => median(results[name].map((result) => result.peakMb));
  const measures = [
    ['version', 'postmortem --version vs node -e 0 (median ms)', '≤ 2×'],
    ['help', 'postmortem --help vs node -e 0 (median ms)', ''],
    ['lint', 'postmortem lint one file vs node -e 0 (median ms)', '≤ 4×'],
  ];
  for (const [name, measure, target] of measures) row('cli', measure, runs, ms(name), ms('node'), 'ms', target, { oursMb: mb(name), baselineMb: mb('node') });
}

/** Our site (a copy of site/ building `dir`) against a throwaway Astro project with the plain glob loader. */
async function siteRows(size, dir) {
  const astroBin = join(root, 'site', 'node_modules', 'astro', 'astro.js');
  const baseline = await baselineProject();
  const ours = existsSync(join(root, 'site', 'astro.config.mjs')) && existsSync(astroBin) ? await siteCopy() : null;
  const change = join(
    dir,
    (await readdir(dir)).find((name) => name.endsWith('.md')),
  );
  const original = await readFile(change, 'utf8');
  const build = async (project) => {
    const env = { POSTMORTEMS_DIR: dir, ASTRO_CACHE_DIR: join(project, '.astro-cache'), ASTRO_TELEMETRY_DISABLED: '1' };
    const result = await measured(process.execPath, [astroBin, 'build', '--root', project], { env, cwd: project });
    if (result.code !== 0) return { wallS: NaN, peakMb: NaN, error: result.stderr.slice(-2000) };
    // Exit 0 is not enough: a build can publish no incident (Astro 5's data store save race, RESULTS.md).
    const pages = await publishedIncidents(project, project === baseline);
    console.error(`  site build (${project === baseline ? 'baseline' : 'ours'}) @${size}: ${pages} incidents published`);
    if (pages === 0) return { wallS: NaN, peakMb: NaN, error: `exit 0 but no incident published in ${join(project, 'dist')}` };
    return { ...result, pages };
  };
  const cold = async (project) => {
    for (const cache of ['.astro', '.astro-cache', 'dist']) await rm(join(project, cache), { recursive: true, force: true });
    return build(project);
  };
  const results = {};
  for (const [name, project] of [
    ['baseline', baseline],
    ['ours', ours],
  ]) {
    if (!project) {
      results[name] = { cold: { wallS: NaN, peakMb: NaN }, warm: { wallS: NaN, peakMb: NaN } };
      continue;
    }
    const coldRun = await cold(project);
    await appendFile(change, '\nOne more line for the warm build.\n');
    const warmRun = await build(project);
    await writeFile(change, original);
    if (coldRun.error || warmRun.error) console.error(`site build (${name}) failed:\n${coldRun.error ?? warmRun.error}`);
    results[name] = { cold: coldRun, warm: warmRun };
  }
  row('site', 'build cold (s)', size, results.ours.cold.wallS, results.baseline.cold.wallS, 's', size >= 10000 ? '≤ 60 s' : '', {
    oursMb: results.ours.cold.peakMb,
    baselineMb: results.baseline.cold.peakMb,
  });
  row('site', 'build warm, one file changed (s)', size, results.ours.warm.wallS, results.baseline.warm.wallS, 's', size >= 10000 ? '≤ 15 s' : '', {
    oursMb: results.ours.warm.peakMb,
    baselineMb: results.baseline.warm.peakMb,
  });
}

/**
 * How many incidents a build published: our site's incident pages (`dist/incidents/<slug>/index.html`,
 * the paged lists under `incidents/page/` aside), or the baseline page's list items.
 */
async function publishedIncidents(project, isBaseline) {
  const dist = join(project, 'dist');
  if (isBaseline) return ((await readFile(join(dist, 'index.html'), 'utf8').catch(() => '')).match(/<li>/g) ?? []).length;
  const names = await readdir(join(dist, 'incidents'), { withFileTypes: true }).catch(() => []);
  return names.filter((entry) => entry.isDirectory() && entry.name !== 'page' && existsSync(join(dist, 'incidents', entry.name, 'index.html'))).length;
}

/** site/ copied below .bench/ (its node_modules linked), so cold builds never touch the real site's caches. */
async function siteCopy() {
  const project = join(bench, 'site-copy');
  await rm(project, { recursive: true, force: true });
  await cp(join(root, 'site'), project, {
    recursive: true,
    filter: (source) => !/[\\/](?:node_modules|dist|\.astro)(?:[\\/]|$)/.test(source.slice(join(root, 'site').length)),
  });
  await symlink(join(root, 'site', 'node_modules'), join(project, 'node_modules'), 'dir');
  return project;
}

/** A minimal Astro project: `glob({ pattern: '**\/*.md', base })` and one page listing the entries. */
async function baselineProject() {
  const project = join(bench, 'astro-baseline');
  await mkdir(join(project, 'src', 'pages'), { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'astro-baseline', private: true, type: 'module' }));
  // Its own cache directory: node_modules is a link to site/'s, whose .astro/ the site copy would share.
  await writeFile(
    join(project, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nexport default defineConfig(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {});\n",
  );
  await writeFile(
    join(project, 'src', 'content.config.ts'),
    [
      "import { defineCollection } from 'astro:content';",
      "import { glob } from 'astro/loaders';",
      "export const collections = { postmortems: defineCollection({ loader: glob({ pattern: '**/*.md', base: process.env.POSTMORTEMS_DIR ?? '../../postmortems' }) }) };",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(project, 'src', 'pages', 'index.astro'),
    [
      '---',
      "import { getCollection } from 'astro:content';",
      "const entries = await getCollection('postmortems');",
      '---',
      '<html><body><h1>Postmortems</h1><ul>{entries.map((entry) => <li>{String(entry.data.title ?? entry.id)}</li>)}</ul></body></html>',
      '',
    ].join('\n'),
  );
  if (!existsSync(join(project, 'node_modules'))) await symlink(join(root, 'site', 'node_modules'), join(project, 'node_modules'), 'dir');
  return project;
}

function printTable() {
  const cpu = cpus()[0]?.model ?? 'unknown';
  console.log(
    `\nMachine: ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}${smoke ? ' — SMOKE MODE (tiny corpus, figures meaningless)' : ''}\n`,
  );
  console.log('| section | measure | size | ours | baseline | ratio ours/baseline | peak RSS ours (MB) | peak RSS baseline (MB) | target |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const ratio = r.speedup !== undefined ? `${fmt(r.ratio)} (speed-up ${fmt(r.speedup)}×)` : fmt(r.ratio);
    console.log(
      `| ${r.section} | ${r.name} | ${r.size} | ${fmt(r.ours)} | ${fmt(r.baseline)} | ${ratio} | ${fmt(r.oursMb, 0)} | ${fmt(r.baselineMb, 0)} | ${r.target} |`,
    );
  }
}
