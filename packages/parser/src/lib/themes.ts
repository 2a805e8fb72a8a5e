/**
 * Themes: contributing factors, lessons and action items grouped across incidents by the
 * phrases they share. A phrase is two or three consecutive meaningful words (stop words — those
 * of `related` and of the search index —, single letters and numbers break a phrase; the search
 * index's word splitter and light stemmer decide,
 * so "certificate renewals" and "certificate renewal" are one phrase). A theme is a phrase
 * written in at least `minIncidents` incidents. Pure and deterministic; the result is plain JSON.
 *
 * A phrase is left out when a longer phrase containing it has exactly the same incidents
 * ("feature flag" inside "stale feature flag"), and when more than half of a corpus of at
 * least 10 incidents write it (it says nothing about any of them).
 */
import { stopWords } from './related.js';
import type { Postmortem } from './schema.js';
import { isIndexable, stem, words } from './search-text.js';
import { toUrlSlug } from './url-slug.js';
import { compareStrings } from './text.js';

export type ThemeSource = 'contributingFactor' | 'lesson' | 'actionItem';

export interface ThemeMention {
  source: ThemeSource;
  text: string;
}

export interface ThemeIncident {
  slug: string;
  title: string;
  date: string | null;
  /** The texts of this incident that contain the phrase, in the order sources are listed above. */
  mentions: ThemeMention[];
}

export interface Theme {
  /** URL-safe, from the label. */
  id: string;
  /** The phrase as most often written (lower case). */
  label: string;
  /** Newest first, undated last, then by slug. */
  incidents: ThemeIncident[];
  /** Mentions per source, over all incidents. */
  sources: Record<ThemeSource, number>;
}

export interface ThemeOptions {
  /** Fewest incidents that make a theme; 3 by default (at least 2). */
  minIncidents?: number;
}

const minWords = 2;
const maxWords = 3;

/** Themes, most incidents first, then longer phrases, then by label. */
export function themes(postmortems: readonly Postmortem[], options: ThemeOptions = {}): Theme[] {
  const minIncidents = Math.max(2, Math.floor(options.minIncidents ?? 3));
  if (!Number.isFinite(minIncidents)) throw new RangeError(`Unexpected minIncidents ${options.minIncidents}, expected a number >= 2`);

  // Phrase key (stems joined by spaces) → incident → indexes of its texts; and surface forms.
  const postings = new Map<string, Map<number, number[]>>();
  const surfaces = new Map<string, Map<string, number>>();
  const texts = postmortems.map(textsOf);
  texts.forEach((mentions, incident) => {
    mentions.forEach((mention, index) => {
      for (const { key, surface } of phrasesOf(mention.text)) {
        let byIncident = postings.get(key);
        if (byIncident === undefined) postings.set(key, (byIncident = new Map<number, number[]>()));
        const list = byIncident.get(incident);
        if (list === undefined) byIncident.set(incident, [index]);
        else if (list[list.length - 1] !== index) list.push(index);
        const forms = surfaces.get(key) ?? new Map<string, number>();
        forms.set(surface, (forms.get(surface) ?? 0) + 1);
        surfaces.set(key, forms);
      }
    });
  });

  const tooCommon = postmortems.length >= 10 ? Math.floor(postmortems.length / 2) : Infinity;
  const kept = new Map<string, Map<number, number[]>>();
  for (const [key, byIncident] of postings) {
    if (byIncident.size >= minIncidents && byIncident.size <= tooCommon) kept.set(key, byIncident);
  }
  // A phrase inside a longer kept phrase with the same incidents adds nothing.
  const dropped = new Set<string>();
  for (const [key, byIncident] of kept) {
    const parts = key.split(' ');
    for (let length = minWords; length < parts.length; length++) {
      for (let start = 0; start + length <= parts.length; start++) {
        const inner = parts.slice(start, start + length).join(' ');
        const innerIncidents = kept.get(inner);
        if (innerIncidents !== undefined && sameKeys(innerIncidents, byIncident)) dropped.add(inner);
      }
    }
  }

  const order = incidentOrder(postmortems);
  const used = new Set<string>();
  return [...kept]
    .filter(([key]) => !dropped.has(key))
    .map(([key, byIncident]) => {
      const label = mostFrequent(surfaces.get(key)!);
      const sources: Record<ThemeSource, number> = { contributingFactor: 0, lesson: 0, actionItem: 0 };
      const incidents = [...byIncident]
        .sort(([a], [b]) => order[a]! - order[b]!)
        .map(([incident, indexes]) => {
          const postmortem = postmortems[incident]!;
          const mentions = indexes.map((index) => texts[incident]![index]!);
          for (const mention of mentions) sources[mention.source]++;
          return { slug: postmortem.slug, title: postmortem.title, date: postmortem.date, mentions };
        });
      return { key, label, incidents, sources, words: key.split(' ').length };
    })
    .sort((a, b) => b.incidents.length - a.incidents.length || b.words - a.words || compareStrings(a.label, b.label) || compareStrings(a.key, b.key))
    .map(({ label, incidents, sources }) => {
      const base = toUrlSlug(label);
      let id = base;
      for (let suffix = 2; used.has(id); suffix++) id = `${base}-${suffix}`;
      used.add(id);
      return { id, label, incidents, sources };
    });
}

/** The texts themes are drawn from, in a fixed order of sources. */
function textsOf(postmortem: Postmortem): ThemeMention[] {
  return [
    ...postmortem.contributingFactors.map((factor) => ({ source: 'contributingFactor' as const, text: factor.text })),
    ...[...postmortem.lessons.wentWrong, ...postmortem.lessons.learned, ...postmortem.lessons.wentWell, ...postmortem.lessons.lucky].map((text) => ({
      source: 'lesson' as const,
      text,
    })),
    ...postmortem.actionItems.map((item) => ({ source: 'actionItem' as const, text: item.text })),
  ];
}

const number = /^\p{N}+$/u;

/** Every run of 2–3 consecutive meaningful words of `text`: its key (stems) and how it is written. */
function phrasesOf(text: string): Array<{ key: string; surface: string }> {
  const out: Array<{ key: string; surface: string }> = [];
  const seen = new Set<string>();
  let run: string[] = [];
  const flush = () => {
    for (let length = minWords; length <= maxWords; length++) {
      for (let start = 0; start + length <= run.length; start++) {
        const surfaceWords = run.slice(start, start + length);
        const key = surfaceWords.map(stem).join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ key, surface: surfaceWords.join(' ') });
      }
    }
    run = [];
  };
  for (const word of words(text)) {
    if (isIndexable(word) && !stopWords.has(word) && !number.test(word) && word.length > 1) run.push(word);
    else flush();
  }
  flush();
  return out;
}

function sameKeys(a: ReadonlyMap<number, unknown>, b: ReadonlyMap<number, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

function mostFrequent(forms: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [form, count] of forms) {
    if (count > bestCount || (count === bestCount && compareStrings(form, best) < 0)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

/** Position of each postmortem when listed newest first, undated last, then by slug. */
function incidentOrder(postmortems: readonly Postmortem[]): number[] {
  const order = new Array<number>(postmortems.length);
  [...postmortems.keys()]
    .sort((a, b) => {
      const x = postmortems[a]!;
      const y = postmortems[b]!;
      if (x.date !== y.date) {
        if (x.date === null) return 1;
        if (y.date === null) return -1;
        return x.date < y.date ? 1 : -1;
      }
      return compareStrings(x.slug, y.slug) || a - b;
    })
    .forEach((index, rank) => (order[index] = rank));
  return order;
}
