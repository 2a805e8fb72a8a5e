/**
 * One measurement, run by bench/run.js in its own process (so peak RSS is its own):
 *
 *   node bench/measure.js parse-naive <dir>
 *   node bench/measure.js parse-ours <dir> <workers|false>
 *   node bench/measure.js search-ours <records.json>
 *   node bench/measure.js search-fuse <records.json>
 *
 * Prints one JSON object of figures on stdout.
 */
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The markdown stack and fuse.js are the parser's dependencies, resolved from there (pnpm is strict).
const fromParser = createRequire(join(root, 'packages', 'parser', 'package.json'));
const load = async (name) => import(pathToFileURL(fromParser.resolve(name)).href);
const fromRoot = createRequire(join(root, 'package.json'));

const [mode, target, extra] = process.argv.slice(2);
const ms = (start) => performance.now() - start;

async function markdownFiles(dir) {
  return (await readdir(dir, { recursive: true }))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(dir, name))
    .sort();
}

/** The naive floor: gray-matter + remark-parse + remark-gfm, parse only, one file after another. */
async function parseNaive(dir) {
  const matter = fromRoot('gray-matter');
  const { unified } = await load('unified');
  const remarkParse = (await load('remark-parse')).default;
  const remarkGfm = (await load('remark-gfm')).default;
  const processor = unified().use(remarkParse).use(remarkGfm).freeze();
  const start = performance.now();
  const files = await markdownFiles(dir);
  let nodes = 0;
  for (const file of files) {
    const { content } = matter(await readFile(file, 'utf8'));
    nodes += processor.parse(content).children.length;
  }
  return { files: files.length, ms: ms(start), nodes };
}

/** Ours: loadPostmortems, full model + sanitized HTML + corpus checks. */
async function parseOurs(dir, workers) {
  const { loadPostmortems } = await import(pathToFileURL(join(root, 'packages', 'parser', 'dist', 'index.js')).href);
  const start = performance.now();
  const postmortems = await loadPostmortems(dir, { workers: workers === 'false' ? false : Number(workers), cwd: dir });
  return {
    files: postmortems.length,
    ms: ms(start),
    errors: postmortems.filter((p) => p.diagnostics.some((d) => d.ruleId === 'timeout' || d.ruleId === 'parse-failure')).length,
  };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** A fixed query set: the labelled queries (typos included) plus topic queries. */
function querySet(labelled) {
  return [
    ...labelled.map((entry) => entry.query),
    'dns',
    'certifcate expiry',
    'databse failover',
    'load balncer',
    'disk full',
    'leap second',
    'replication lag',
    'rollback deploy',
  ];
}

async function timeQueries(queries, run) {
  const times = [];
  for (const query of queries) run(query); // warm-up pass
  for (const query of queries) {
    const start = performance.now();
    run(query);
    times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  return { medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95) };
}

async function timeAsyncQueries(queries, run) {
  const times = [];
  for (const query of queries) await run(query); // warm-up pass: fetches the query's files
  for (const query of queries) {
    const start = performance.now();
    await run(query);
    times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  return { medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95) };
}

/**
 * Ours: the split index as the site serves it. Each query of the set runs in a fresh client
 * (`openSearchIndex` over the files in memory, parsed from JSON text on each fetch), so its
 * payload is that of a visitor's first query: the manifest, the term shards, the word list when a
 * word needs correcting, the document chunks of the hits. Query latency is timed once a client has
 * its files (as before the split, with the whole index loaded); the first query's time, parsing
 * included, is reported too. No network time.
 */
async function searchOurs(file) {
  const { records, queries } = JSON.parse(await readFile(file, 'utf8'));
  const { buildSearchIndex, openSearchIndex, searchBundleFiles, splitSearchIndex } = await import(
    pathToFileURL(join(root, 'packages', 'parser', 'dist', 'search.js')).href
  );
  let start = performance.now();
  const index = buildSearchIndex(records);
  const texts = new Map([...searchBundleFiles(splitSearchIndex(index))].map(([name, value]) => [name, JSON.stringify(value)]));
  const buildMs = ms(start);
  const gzipped = new Map();
  const gzipBytes = (name) => {
    if (!gzipped.has(name)) gzipped.set(name, gzipSync(texts.get(name)).length);
    return gzipped.get(name);
  };
  const open = (fetched) =>
    openSearchIndex(async (name) => {
      fetched.add(name);
      return JSON.parse(texts.get(name));
    });
  start = performance.now();
  await open(new Set());
  const loadMs = ms(start);
  const queriesRun = querySet(queries);
  const firstQuery = async (query) => {
    const fetched = new Set();
    const began = performance.now();
    await (await open(fetched)).query(query, { limit: 5 });
    return { ms: ms(began), bytes: [...fetched].reduce((sum, name) => sum + gzipBytes(name), 0) };
  };
  for (const query of queriesRun) await firstQuery(query); // warm-up pass
  const runs = [];
  for (const query of queriesRun) runs.push(await firstQuery(query));
  const firstTimes = runs.map((run) => run.ms).sort((a, b) => a - b);
  const payloads = runs.map((run) => run.bytes).sort((a, b) => a - b);
  const searcher = await open(new Set());
  // Queries once their files are in: a visitor's later queries (the latency the search box shows while typing).
  const latency = await timeAsyncQueries(queriesRun, (query) => searcher.query(query, { limit: 5 }));
  let found = 0;
  for (const { query, expected } of queries) if ((await searcher.query(query, { limit: 5 })).hits.some((hit) => hit.slug === expected)) found++;
  return {
    records: records.length,
    // The largest first query of the set: what a visitor's first search fetches at most.
    payloadGzipBytes: payloads[payloads.length - 1],
    payloadMedianGzipBytes: quantile(payloads, 0.5),
    wholeIndexGzipBytes: gzipSync(JSON.stringify(index)).length,
    files: texts.size,
    buildMs,
    loadMs,
    ...latency,
    firstQueryMedianMs: quantile(firstTimes, 0.5),
    firstQueryP95Ms: quantile(firstTimes, 0.95),
    top5: found / queries.length,
  };
}

/** Baseline: plain fuse.js over whole records, the records themselves as the payload. */
async function searchFuse(file) {
  const { records, queries } = JSON.parse(await readFile(file, 'utf8'));
  const Fuse = (await load('fuse.js')).default;
  const payload = JSON.stringify(records);
  const start = performance.now();
  const fuse = new Fuse(JSON.parse(payload), { keys: ['title', 'organization', 'services', 'tags', 'categories', 'summary', 'rootCauses.text'] });
  const loadMs = ms(start);
  const latency = await timeQueries(querySet(queries), (query) => fuse.search(query, { limit: 5 }));
  const found = queries.filter(({ query, expected }) => fuse.search(query, { limit: 5 }).some((hit) => hit.item.slug === expected)).length;
  return { records: records.length, payloadGzipBytes: gzipSync(payload).length, buildMs: 0, loadMs, ...latency, top5: found / queries.length };
}

const modes = {
  'parse-naive': () => parseNaive(target),
  'parse-ours': () => parseOurs(target, extra ?? 'false'),
  'search-ours': () => searchOurs(target),
  'search-fuse': () => searchFuse(target),
};
if (!modes[mode]) {
  console.error(`measure.js: unknown mode ${mode}; expected one of ${Object.keys(modes).join(', ')}`);
  process.exit(2);
}
console.log(JSON.stringify(await modes[mode]()));
