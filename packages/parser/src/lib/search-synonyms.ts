/**
 * Synonyms for search: groups of words and phrases that stand for one another in a query
 * (`k8s` finds `kubernetes`, `oom` finds `out of memory`). The default table covers common
 * operations vocabulary; a team adds groups in its configuration (`search.synonyms`).
 * No imports but `./search-text.js`: this module ships to the browser.
 */
import { pairKey, stem, tokenize } from './search-text.js';

/** Operations vocabulary every index starts with. Each group lists interchangeable expressions. */
export const defaultSynonyms: readonly (readonly string[])[] = [
  ['tls', 'ssl', 'certificate', 'cert', 'x509'],
  ['k8s', 'kubernetes'],
  ['oom', 'out of memory', 'oomkilled', 'oom killer'],
  ['db', 'database'],
  ['lb', 'load balancer', 'elb', 'alb'],
  ['ddos', 'denial of service'],
  ['bgp', 'border gateway protocol'],
  ['cdn', 'content delivery network'],
  ['dns', 'domain name system'],
  ['rollback', 'roll back', 'revert'],
  ['config', 'configuration', 'misconfiguration'],
  ['postgres', 'postgresql', 'pg'],
  ['az', 'availability zone'],
  ['vm', 'virtual machine'],
  ['ha', 'high availability'],
  ['ttl', 'time to live'],
  ['auth', 'authentication', 'authn'],
  ['authz', 'authorization'],
  ['mq', 'message queue'],
  ['ci', 'continuous integration'],
  ['iam', 'identity and access management'],
  ['expiry', 'expiration', 'expire'],
  ['ratelimit', 'rate limit', 'rate limiting', 'throttling'],
  ['downtime', 'outage'],
  ['cpu', 'processor'],
  ['ntp', 'network time protocol'],
  ['raid', 'disk array'],
  ['s3', 'object storage'],
  ['typo', 'fat finger', 'mistyped'],
  ['split brain', 'network partition'],
  ['datacenter', 'data center', 'datacentre', 'data centre'],
  ['aws', 'amazon web services'],
  ['gcp', 'google cloud', 'google cloud platform'],
  ['2fa', 'mfa', 'two factor', 'multi factor'],
  ['deploy', 'deployment'],
  ['data loss', 'data lost', 'lost data'],
  ['loss', 'lost', 'lose'],
  ['power outage', 'power failure', 'power loss', 'power cut'],
];

/**
 * The index form of an expression: one stemmed word (`databas`), a pair key
 * (`load balanc`), or for three or more words the pair keys of each adjacent pair.
 */
function synonymKeys(expression: string): string[] {
  const words = tokenize(expression);
  if (words.length === 0) return [];
  if (words.length === 1) return [stem(words[0]!)];
  const keys: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) keys.push(pairKey(words[i]!, words[i + 1]!));
  return keys;
}

/** An expression a query word or pair may also be read as: one key, or pair keys that must all match. */
export type Alternative = readonly string[];

/** Looks up the alternatives of a stemmed word or a pair key. */
export class SynonymTable {
  private readonly byKey = new Map<string, Alternative[]>();

  /** `groups`: each a list of expressions as people write them (`["k8s", "kubernetes"]`). */
  constructor(groups: readonly (readonly string[])[]) {
    for (const group of groups) {
      const expressions = group.map(synonymKeys).filter((keys) => keys.length > 0);
      for (const expression of expressions) {
        // Only one-word and two-word expressions are looked up; longer ones are only alternatives.
        if (expression.length !== 1) continue;
        const key = expression[0]!;
        const list = this.byKey.get(key) ?? [];
        for (const other of expressions) {
          if (other.length === 1 && other[0] === key) continue;
          if (!list.some((known) => known.join('\n') === other.join('\n'))) list.push(other);
        }
        this.byKey.set(key, list);
      }
    }
  }

  /** Alternatives of `key` (a stem or a pair key), never including itself. */
  alternatives(key: string): readonly Alternative[] {
    return this.byKey.get(key) ?? [];
  }
}

/** Checks a synonyms option: a list of groups, each a list of at least two non-empty strings. */
export function normaliseSynonyms(groups: unknown): string[][] {
  if (!Array.isArray(groups)) throw new TypeError('search synonyms: expected a list of groups such as [["k8s", "kubernetes"]]');
  return groups.map((group, i) => {
    if (!Array.isArray(group) || group.length < 2 || group.some((item) => typeof item !== 'string' || item.trim() === '')) {
      throw new TypeError(`search synonyms: group ${i + 1} is not a list of at least two words or phrases`);
    }
    return group.map((item: string) => item.trim().slice(0, 100));
  });
}
