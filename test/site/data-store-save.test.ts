/**
 * Astro 5's content data store (patched in `patches/astro@5.18.2.patch`, withastro/astro#15453):
 * when its debounced save started before the content sync asked for the final one, the final
 * one returned at once and the build read the data store file before it was written. A 10 000
 * postmortem cold build on a loaded machine (a 0.7 s garbage collection after the loader's last
 * entry) then built a site with no incidents. With the patch a save waits for the one in flight.
 */
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface ScopedStore {
  set(entry: { id: string; data: Record<string, unknown> }): boolean;
}
interface DataStore {
  scopedStore(collection: string): ScopedStore;
  waitUntilSaveComplete(): Promise<void>;
}
interface DataStoreClass {
  fromFile(file: URL): Promise<DataStore>;
}

// The class is not exported by the package: loaded from its file, as the content layer loads it.
const astroRoot = dirname(createRequire(join(process.cwd(), 'site', 'package.json')).resolve('astro/package.json'));
const { MutableDataStore } = (await import(pathToFileURL(join(astroRoot, 'dist', 'content', 'mutable-data-store.js')).href)) as {
  MutableDataStore: DataStoreClass;
};

/** The debounce of the data store's saves (`SAVE_DEBOUNCE_MS`), and a little more. */
const afterDebounce = 520;

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'pm-data-store-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the content data store (patched Astro)', () => {
  it('waits for a debounced save in flight before saying the store is saved', async () => {
    const file = pathToFileURL(join(work, 'data-store.json'));
    const store = await MutableDataStore.fromFile(file);
    store.scopedStore('postmortems').set({ id: 'first', data: { title: 'First' } });
    await store.waitUntilSaveComplete();

    // Big enough that writing it takes a while: the debounced save is still writing when the final save is asked for.
    const text = 'An incident with a long summary. '.repeat(2_000);
    const scoped = store.scopedStore('postmortems');
    for (let n = 0; n < 500; n++) scoped.set({ id: `entry-${n}`, data: { title: `Entry ${n}`, text: `${n} ${text}` } });
    // This timer fires right after the store's debounced save started (same timers phase, later expiry).
    await new Promise((resume) => setTimeout(resume, afterDebounce));
    await store.waitUntilSaveComplete();

    const saved = await readFile(file, 'utf8');
    expect(saved).toContain('"entry-499"');
  });
});
