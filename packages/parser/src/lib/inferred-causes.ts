/**
 * Prose-only postmortems (a blog post, an email, a status-page update, a one-paragraph
 * summary) state their cause in a sentence rather than under a "Root cause" heading. Those
 * sentences fill `rootCauses`, `trigger` and `resolution` when the document has no section
 * (or labelled paragraph) for them; the caller marks them inferred. Only wording that states
 * a cause counts: nothing is guessed from topic words alone, and a sentence that describes
 * the impact ("the outage caused errors for users") is not a cause.
 *
 * Sentences are ranked by how plainly they say so; only the plainest rank found is kept:
 * 1. the sentence says it names the cause: "the root cause was", "was caused by", "stemmed
 *    from", "this happened because";
 * 2. a cause acting on the system: "a bad config took down …", "X caused Y", "X led to Y",
 *    "…, causing …", "the site went down when/after …" (with a subject that is not the incident);
 * 3. "due to", "because (of)", "as a result of" in a sentence about a failure.
 */
import { proseSentences } from './prose-sentences.js';
import { trimEnd } from './text.js';

export interface InferredFromProse {
  rootCauses: string[];
  trigger: string | null;
  resolution: string | null;
}

// Rank 1. "The root cause was …", "the main reason for the failure was …", "the culprit turned out to be …".
const causeStatement =
  /\b(?:root|underlying|primary|main|proximate|direct|ultimate|core|real|actual|fundamental|technical)?\s?(?:causes?|reasons?)\s(?:(?:of|for|behind)\s[^.;]{1,120}?\s)?(?:was|were|is|are|has been|turned out to be|appears to be|was determined to be|was identified as|was found to be|lies|lay)\b|\b(?:root|underlying|core|real|actual|main|primary|fundamental|central)\s(?:issue|problem|culprit|fault)\s(?:was|is|arose|lay|lies|turned out to be|stemmed)\b|\bthe\sculprit\s(?:was|is|turned out)\b/i;
// "… was caused by …", "were ultimately caused by …"; "an outage caused by …" (a failure noun, so "the inconvenience caused by the new limit" is not one).
const causedBy =
  /\b(?:was|were|is|are|had been|has been|being)\s(?:\w{2,12}ly\s)?caused\s(?:\w{2,12}ly\s)?by\b|\b(?:outages?|incidents?|failures?|errors?|downtime|disruptions?|degradation|crash(?:es)?|issues?|problems?|bugs?|loss|corruption|leaks?|delays?|interruptions?)\s(?:\w{2,12}ly\s)?caused\sby\b/i;
// "… resulted from / stemmed from / was the result of / can be traced to / is attributed to …".
const resultedFrom =
  /\b(?:resulted|results|stemmed|stems|arose|originated)\sfrom\b|\b(?:was|were)\s(?:the\s)?(?:direct\s)?(?:result|consequence)\sof\b|\b(?:was|were|can be|could be)\s(?:traced|attributed|tracked down)\s(?:back\s)?to\b/i;
// "This happened because …", "It was due to …", "The outage was the result of …": the sentence's subject is the incident.
const incidentWasDueTo =
  /^(?:this|that|it|the\s(?:outage|incident|failure|issue|problem|disruption|downtime|degradation|error|crash)s?)\s(?:[\w-]+\s){0,3}?(?:was|were|is|happened|occurred|arose|began|started)\s(?:\w{2,12}ly\s)?(?:due\sto|because|owing\sto)\b/i;

// Rank 2. A verb of causing; what comes before it must be the cause, not the incident (see `subjectIsIncident`).
const causalVerb =
  /\b(?:caused|causes|causing|led\sto|lead\sto|leads\sto|leading\sto|resulted\sin|results\sin|resulting\sin|triggered|triggering|took\sdown|taking\sdown|brought\sdown|bringing\sdown|knocked\s(?:out|over|offline)|broke(?=\s[\w"'(])|overloaded|(?<=,\s)leaving|made\s(?:[\w-]+\s){1,5}?(?:start\sto\s|to\s)?(?:fail|crash|hang|stall|unavailable|unreachable|inaccessible))\b/i;
// "… suffered an outage when …", "the repository became unavailable after …", "the site crashed when …".
const failedWhen =
  /\b(?:(?:ran\sinto|hit|encountered)\s(?:[\w-]+\s){0,3}?(?:problems?|issues?|trouble),?|(?:experienced|suffered|had)\s(?:[\w-]+\s){0,3}?(?:outages?|failures?|downtime),?|became\s(?:unavailable|unreachable|unresponsive)|went\s(?:down|offline)|crashed|stopped\sworking)\s(?:[\w-]+\s){0,3}?(?:when|after)\s/i;
// A subject that is the incident or its effect: "The outage caused …", "This incident led to …", "This critical failure likely caused …".
const incidentSubject =
  /^(?:(?:the|this|that|these|those|our|its|their|an?)\s)?(?:[\w-]+\s){0,2}?(?:outages?|incidents?|disruptions?|disturbances?|blackouts?|downtime|degradation|events?|impact|interruptions?|failures?|problems?|issues?|errors?|delays?)(?:\s(?:\w{2,12}ly|also|then|in\sturn|further|itself))*$/i;
// An effect told before the verb: "Customers experienced errors, leading to …", "… affected the cluster, leading to …".
const impactWords =
  /\b(?:experienc\w*|suffer\w*|outages?|downtime|disruptions?|unavailab\w*|degraded|affect\w*|impact\w*|went\sdown|errors?|restored|resolved|recovered|mitigated|during\s(?:this|that|the)\s(?:time|period|window|incident|outage))\b/i;
// What follows the verb is the recovery, not a failure: "… was distributed, leading to a rapid subsidence of errors".
const recoveryEffect = /^\s?(?:[\w-]+\s){0,3}?(?:subsid\w*|recover\w*|restor\w*|resolv\w*|improv\w*|stabili[sz]\w*)\b/i;
// A pronoun subject points at the sentence before: "A release was made from the wrong branch. This led to …".
const pronounSubject = /^(?:this|that|it|which)(?:\s(?:in\sturn|also|then|ultimately|eventually|subsequently))?$/i;
// Sentence openers that do not change the subject: "However, this deployment led to …".
const openers =
  /^(?:(?:however|consequently|subsequently|ultimately|eventually|additionally|then|in\sturn|unfortunately|initially|first|second|finally),?\s)+/i;
// A sentence about what made things worse names a contributing factor, not the cause.
const contributing = /\b(?:exacerbat\w*|worsen\w*|compounded|made\s(?:it|this|things|matters)\sworse|aggravat\w*|contribut\w*|hamper\w*|prolong\w*)\b/i;

// Rank 3. "… due to …" counts only in a sentence about a failure, so "delayed due to the holidays" does not.
const dueTo = /\b(?:due|owing)\sto\b|\bbecause\b|\bas\sa\s(?:direct\s)?result\sof\b/i;
const failureWords =
  /\b(?:outage|incident|failure|failed|fail(?:ing|s)?|errors?|down(?:time)?|unavailab\w*|degrad\w*|disrupt\w*|crash\w*|broke\w*|latency|timeouts?|timed out|loss|lost|slow\w*|problems?|issues?|bug|unreachable|blocked|stopped|corrupt\w*|5\d\d)\b/i;

// Trigger, plainest first: "… was triggered by …", "the trigger was …"; "the incident began when/with a …"; "after a deploy …".
const triggerStatement =
  /\b(?:was|were)\s(?:\w{2,12}ly\s)?(?:triggered|set off|kicked off|precipitated)\sby\b|\bthe\s(?:initial\s|immediate\s)?trigger\s(?:was|is)\b|\b(?:was|is)\sthe\s(?:initial\s|immediate\s)?trigger\b|\btriggered\sby\b/i;
const triggerBegan =
  /\b(?:incident|outage|issue|problem|disruption|failure|trouble)s?\s(?:[\w-]+\s){0,2}?(?:began|started)\s(?:[\w:,~]+\s){0,4}?(?:when|after|with\san?)\s/i;
// The change opens the sentence ("During a routine upgrade, …", "On 3 May, after a config push, …") or is when something failed ("… went down following scheduled maintenance").
const changeNoun = String.raw`(?:an?\s|the\s|our\s)?(?:(?!\w+ing\b)[\w-]+\s){0,3}?(?:deploy(?:ment)?|release|change|push|upgrade|update|migration|rollout|roll-out|maintenance)s?\b`;
const triggerChange = new RegExp(
  String.raw`^(?:on\s[^,]{3,30},\s)?(?:after|following|during)\s${changeNoun}|\b(?:failed|failing|fails|broke|went\s(?:down|offline)|crashed|outages?|disruptions?|errors?|became\s(?:unavailable|unreachable)|stopped\s\w+ing|began|started)\s(?:[\w-]+\s){0,2}?(?:after|following|during)\s${changeNoun}`,
  'i',
);

// Resolution, plainest first: "… was resolved by/after …" (not "restored by 11:30"), "we rolled back …", "to resolve the issue, …".
const resolutionStatement =
  /\b(?:was|were|has been|have been)\s(?:\w{2,12}ly\s)?(?:resolved|mitigated|fixed|remediated|restored|recovered)\s(?:[^.;]{0,40}?\s)?(?:by|after|when|once)\b(?!\s(?:about\s|around\s|approximately\s|roughly\s|~)?\d)|\b(?:we|engineers|the\steam|they|operators|staff)\s(?:then\s|eventually\s|finally\s|quickly\s|manually\s|immediately\s)?(?:resolved|mitigated|fixed|restored|rolled\sback|reverted|disabled|failed\sover)\b|\b(?:rolling|rolled)\sback\b.{0,80}\b(?:resolved|restored|fixed|mitigated|recovered)\b|\b(?:resolved|mitigated|fixed|remediated)\sthe\s(?:issue|problem|incident|outage|bug|leak)\sby\b|^to\s(?:resolve|mitigate|fix|restore|recover)\b|\bto\s(?:fix|resolve|mitigate)\sthe\s(?:issue|problem|incident|outage|bug)\b/i;
const resolutionEffect =
  /\b(?:restored|resolved|fixed|ended)\s(?:the\s)?(?:[\w-]+\s){0,2}?(?:service|access|connectivity|errors?|issue|problem|incident|outage)\b|\b(?:recovery|mitigation|remediation|resolution)(?:\s(?:efforts?|process|steps?))?\s(?:involved|required|included|consisted\sof|was\sachieved\sby)\b/i;
// A fix still to come is not how the incident was resolved.
const future = /\b(?:will|would|plan(?:s|ned)?\sto|working\s(?:on|to)|intends?\sto|going\sto)\b/i;

// A statement that the cause is not known yet is not a finding: "we do not yet know what caused …".
const unknownCause =
  /\b(?:do(?:es)?\s(?:not|n't)\s(?:yet\s)?know|not\s(?:yet\s)?(?:known|clear|determined|understood)|unclear|unknown|still\s(?:investigating|determining|working\sto\sunderstand)|(?:are|is\sbeing|were)\sinvestigat\w*|whether|if\sit\swas)\b|n't\s(?:yet\s)?(?:known|clear|determined|understood)\b/i;

const clauseEnd = new Set([' ', ',']);
// A verb after these is passive (its cause comes after it) or an adjective ("became overloaded").
const passive = /\s(?:was|were|is|are|be|been|being|became|become|becomes|got|gets|get)(?:\s\w{2,12}ly)?$/i;
const maxRootCauses = 3;
const maxSentenceLength = 600;

/** The sentences of `text` that state a cause, a trigger and a resolution. */
export function inferFromProse(text: string): InferredFromProse {
  const causes: string[][] = [[], [], []];
  const triggers: (string | null)[] = [null, null, null];
  const resolutions: (string | null)[] = [null, null];
  const taken = new Set<string>();
  let previous: string | null = null;
  // A sentence kept with the one before it: a "This caused …" after it goes on the same chain.
  let lastAntecedent: string | null = null;
  for (const sentence of proseSentences(text)) {
    const before = previous;
    previous = sentence;
    if (sentence.length > maxSentenceLength || unknownCause.test(sentence)) continue;
    fillFirst(triggers, triggerRank(sentence), sentence);
    if (!future.test(sentence)) fillFirst(resolutions, resolutionStatement.test(sentence) ? 0 : resolutionEffect.test(sentence) ? 1 : null, sentence);
    if (taken.has(sentence) || contributing.test(sentence)) continue;
    const found = causeOf(sentence, before !== lastAntecedent && before !== null && !taken.has(before) ? before : null);
    if (found === null || causes[found.rank]!.length >= maxRootCauses) continue;
    if (found.text !== sentence) lastAntecedent = sentence;
    taken.add(sentence);
    causes[found.rank]!.push(found.text);
  }
  return {
    rootCauses: causes.find((rank) => rank.length > 0) ?? [],
    trigger: triggers.find((found) => found !== null) ?? null,
    resolution: resolutions.find((found) => found !== null) ?? null,
  };
}

function fillFirst(slots: (string | null)[], rank: number | null, sentence: string): void {
  if (rank !== null && slots[rank] === null) slots[rank] = sentence;
}

/**
 * The rank of a sentence that states a cause, and the text kept for it: the sentence, or for
 * "This led to …" the sentence before it (`antecedent`, when it may be used) with it.
 */
function causeOf(sentence: string, antecedent: string | null): { rank: 0 | 1 | 2; text: string } | null {
  if (causeStatement.test(sentence) || causedBy.test(sentence) || resultedFrom.test(sentence) || incidentWasDueTo.test(sentence))
    return { rank: 0, text: sentence };
  const subject = subjectOfCause(sentence);
  if (subject !== null && !pronounSubject.test(subject)) return { rank: 1, text: sentence };
  // "This led to …": the sentence before names the cause, unless it tells the impact.
  if (subject !== null && antecedent !== null && !impactWords.test(antecedent)) return { rank: 1, text: `${antecedent} ${sentence}` };
  if (dueTo.test(sentence) && failureWords.test(sentence)) return { rank: 2, text: sentence };
  return null;
}

function triggerRank(sentence: string): number | null {
  if (triggerStatement.test(sentence)) return 0;
  if (triggerBegan.test(sentence)) return 1;
  if (triggerChange.test(sentence) && !resolutionStatement.test(sentence)) return 2;
  return null;
}

/**
 * What acts in a sentence with a verb of causing: the words before the verb, openers dropped.
 * Null when they are the incident or its effect ("The outage caused …", "Users experienced
 * errors, leading to …"), or when there are none.
 */
function subjectOfCause(sentence: string): string | null {
  const failed = failedWhen.exec(sentence);
  if (failed !== null) return sentence.slice(0, failed.index).trim() === '' ? null : 'when';
  const verb = causalVerb.exec(sentence);
  if (verb === null) return null;
  const subject = trimEnd(sentence.slice(0, verb.index).replace(openers, ''), clauseEnd);
  const head = subject.split(',', 1)[0]!;
  if (subject === '' || incidentSubject.test(subject) || incidentSubject.test(head)) return null;
  if (recoveryEffect.test(sentence.slice(verb.index + verb[0].length))) return null;
  if (passive.test(subject)) {
    // "The outage was triggered by a bad push" says what "a bad push triggered the outage" does; any other passive has its cause after it.
    return /^triggered$/i.test(verb[0]) && sentence.startsWith(' by', verb.index + verb[0].length) && incidentSubject.test(subject.replace(passive, '').trim())
      ? 'by'
      : null;
  }
  if (pronounSubject.test(subject)) return subject;
  return impactWords.test(subject) ? null : subject;
}
