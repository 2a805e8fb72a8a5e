import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPostmortems } from '@postmortem-kb/parser';
import { HeldPostmortems } from '../../packages/parser/src/lib/held-postmortems.js';
import { parseFile } from '../../packages/parser/src/lib/parse-file.js';
import { parsePostmortem } from '../../packages/parser/src/lib/parse.js';
import type { Postmortem } from '../../packages/parser/src/lib/schema.js';

const source = (title: string, extra = '') =>
  `---\ntitle: ${title}\ndate: 2024-03-01\n${extra}---\n\n## Summary\n\nThe cache served stale keys — every region.\n\n## Timeline\n\n- 10:00 UTC the deploy started\n- 10:40 UTC the cache was flushed\n`;

describe('HeldPostmortems', () => {
  it('gives back what it holds, in order, as equal plain data, and is empty afterwards', () => {
    const held = new HeldPostmortems();
    const first = parsePostmortem(source('First'), { path: 'a.md' });
    const second = parsePostmortem(source('Second'), { path: 'b.md' });
    const third = parsePostmortem(source('Third'), { path: 'c.md' });
    held.hold(first);
    held.add([second]);
    held.hold(third);
    const released = held.release();
    expect(released.map((p) => p.title)).toEqual(['First', 'Second', 'Third']);
    expect(released).toEqual([first, second, third]);
    // Held as bytes, given back as new objects with the same JSON; added ones are the same objects.
    expect(released[0]).not.toBe(first);
    expect(JSON.stringify(released[0])).toBe(JSON.stringify(first));
    expect(released[1]).toBe(second);
    expect(held.release()).toEqual([]);
  });

  it('keeps a `__proto__` key of `extra` an own key, never a prototype', () => {
    const held = new HeldPostmortems();
    held.hold(parsePostmortem(source('x', '__proto__: { polluted: true }\n'), { path: 'x.md' }));
    const [released] = held.release() as [Postmortem];
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(released.extra)).toBe(Object.prototype);
    expect(Object.keys(released.extra)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(released.extra, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('holds a value that cannot be cloned as it is', () => {
    const held = new HeldPostmortems();
    const postmortem = parsePostmortem(source('x'), { path: 'x.md' });
    const odd = { ...postmortem, extra: { hook: () => 1 } } as unknown as Postmortem;
    held.hold(odd);
    expect(held.release()[0]).toBe(odd);
  });
});

describe('loadPostmortems in this thread', () => {
  it('returns for each file what parsing that file alone returns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pmkb-held-'));
    try {
      const names = ['2024-01-01-a.md', '2024-02-01-b.md', '2024-03-01-c.md'];
      for (const [index, name] of names.entries()) await writeFile(join(dir, name), source(`Incident ${index}`, 'extra_key: [1, 2]\n'));
      const loaded = await loadPostmortems(dir, { cwd: dir, workers: false, taxonomy: false, today: '2026-12-03' });
      const alone = names.map((name) => parseFile(join(dir, name), name, { taxonomy: null, maxBytes: 1_000_000, today: '2026-12-03' }));
      // All three dated 2024-03-01 by their frontmatter: sorted by slug, as parsed alone.
      expect(loaded.map((p) => p.slug)).toEqual(['2024-01-01-a', '2024-02-01-b', '2024-03-01-c']);
      expect(JSON.stringify(loaded)).toBe(JSON.stringify(alone));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
