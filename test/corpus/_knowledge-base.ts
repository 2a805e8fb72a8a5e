/** The repository's own postmortems and taxonomy, as the corpus tests read them. */
import { fileURLToPath } from 'node:url';
import { loadPostmortems, loadTaxonomy, type Postmortem, type Taxonomy } from '@postmortem-kb/parser';

const knowledgeBaseDir = fileURLToPath(new URL('../../postmortems/', import.meta.url));

export interface KnowledgeBase {
  corpus: Postmortem[];
  taxonomy: Taxonomy;
  /** The postmortem with that slug; throws when there is none, so a renamed file fails its test by name. */
  bySlug: (slug: string) => Postmortem;
}

/** Parses `postmortems/` in process (no worker pool) and reads its taxonomy. */
export async function loadKnowledgeBase(): Promise<KnowledgeBase> {
  const corpus = await loadPostmortems(knowledgeBaseDir, { workers: false });
  const taxonomy = await loadTaxonomy(`${knowledgeBaseDir}/taxonomy.yaml`);
  const bySlug = (slug: string) => {
    const found = corpus.find((postmortem) => postmortem.slug === slug);
    if (!found) throw new Error(`no postmortem ${slug}`);
    return found;
  };
  return { corpus, taxonomy, bySlug };
}

/** Each timeline entry's time as a UTC ISO string, `null` for an entry without one. */
export const utcTimes = (postmortem: Postmortem) => postmortem.timeline.map((entry) => (entry.at === null ? null : new Date(entry.at).toISOString()));
