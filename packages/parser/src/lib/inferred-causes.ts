/**
 * Prose-only postmortems (a blog post, an email, a status-page update) state their cause in
 * a sentence rather than under a "Root cause" heading: "The root cause was …", "… was caused
 * by …", "… due to …". Those sentences fill `rootCauses`, `trigger` and `resolution` when the
 * document has no section (or labelled paragraph) for them; the caller marks them inferred.
 * Only sentences with the wording below count: nothing is guessed from topic words alone.
 */

// "The root cause was/is …", "the underlying cause of the outage was …", "the cause turned out to be …".
const causeStatement =
  /\b(?:root|underlying|primary|main|proximate|direct|ultimate)?\s?causes?\s(?:of\s[^.;]{1,120}?\s)?(?:was|were|is|are|has been|turned out to be|appears to be|was determined to be|was identified as|was found to be|lies|lay)\b/i;
// "… was caused by …", "… were ultimately caused by …", "caused by a bad config push".
const causedBy = /\b(?:was|were|is|are|had been|has been|being)\s(?:\w{2,12}ly\s)?caused\sby\b|\bcaused\sby\b/i;
// "… resulted from / stemmed from / was the result of / can be traced to / is attributed to …".
const resultedFrom =
  /\b(?:resulted|stemmed|arose|originated)\sfrom\b|\b(?:was|were)\s(?:the\s)?(?:direct\s)?result\sof\b|\b(?:was|were|can be|could be)\s(?:traced|attributed)\s(?:back\s)?to\b/i;
// "… due to …" counts only in a sentence about a failure, so "delayed due to the holidays" does not.
const dueTo = /\b(?:due|owing)\sto\b|\bbecause\sof\b/i;
const failureWords =
  /\b(?:outage|incident|failure|failed|fail(?:ing|s)?|errors?|down(?:time)?|unavailab\w*|degrad\w*|disrupt\w*|crash\w*|broke\w*|latency|timeouts?|timed out|loss|lost|slow\w*|problems?|issues?|bug|unreachable|5\d\d)\b/i;

// "… was triggered by …", "the trigger was …", "… was the trigger", "… was set off by …".
const triggerStatement =
  /\b(?:was|were)\s(?:\w{2,12}ly\s)?(?:triggered|set off|kicked off|precipitated)\sby\b|\bthe\s(?:initial\s|immediate\s)?trigger\s(?:was|is)\b|\b(?:was|is)\sthe\s(?:initial\s|immediate\s)?trigger\b|\btriggered\sby\b/i;

// "… was resolved/mitigated/fixed by …", "we rolled back …", "service was restored after/when/by …".
const resolutionStatement =
  /\b(?:was|were|has been|have been)\s(?:\w{2,12}ly\s)?(?:resolved|mitigated|fixed|remediated|restored|recovered)\s(?:by|after|when|once)\b|\bwe\s(?:then\s|eventually\s|finally\s|quickly\s)?(?:resolved|mitigated|fixed|restored|rolled\sback|reverted|disabled|failed\sover)\b|\b(?:rolling|rolled)\sback\b.{0,80}\b(?:resolved|restored|fixed|mitigated|recovered)\b|\bto\s(?:resolve|mitigate|fix)\sthe\s(?:issue|problem|incident|outage),\s?we\b/i;

// A statement that the cause is not known yet is not a finding: "we do not yet know what caused …".
const unknownCause =
  /\b(?:do(?:es)?\s(?:not|n't)\s(?:yet\s)?know|not\s(?:yet\s)?(?:known|clear|determined|understood)|unclear|unknown|still\s(?:investigating|determining|working\sto\sunderstand)|(?:are|is\sbeing|were)\sinvestigat\w*|whether|if\sit\swas)\b/i;

export interface InferredFromProse {
  rootCauses: string[];
  trigger: string | null;
  resolution: string | null;
}

const maxRootCauses = 3;
const maxSentenceLength = 600;

/** The sentences of `text` that state a cause, a trigger and a resolution. */
export function inferFromProse(text: string): InferredFromProse {
  const stated: string[] = [];
  const weak: string[] = [];
  let trigger: string | null = null;
  let resolution: string | null = null;
  for (const sentence of sentences(text)) {
    if (sentence.length > maxSentenceLength || unknownCause.test(sentence)) continue;
    if (trigger === null && triggerStatement.test(sentence)) trigger = sentence;
    if (resolution === null && resolutionStatement.test(sentence)) resolution = sentence;
    if (causeStatement.test(sentence) || causedBy.test(sentence) || resultedFrom.test(sentence)) {
      if (!stated.includes(sentence)) stated.push(sentence);
    } else if (dueTo.test(sentence) && failureWords.test(sentence) && !weak.includes(sentence)) {
      weak.push(sentence);
    }
  }
  // "… due to …" is weaker wording: used only when no sentence names a cause outright.
  const rootCauses = (stated.length > 0 ? stated : weak).slice(0, maxRootCauses);
  return { rootCauses, trigger, resolution };
}

/**
 * Sentences of plain text: split at `.`, `!` or `?` followed by a space and a capital, a
 * digit or a quote, and at blank lines; list markers are dropped. Abbreviations such as
 * "e.g." or "U.S." may split a sentence early, which only shortens what is kept.
 */
function sentences(text: string): string[] {
  const found: string[] = [];
  for (const paragraph of text.split(/\n{2,}/)) {
    const flat = paragraph
      .replace(/^\s{0,3}[-*+]\s/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (flat === '') continue;
    let start = 0;
    for (const match of flat.matchAll(/[.!?]["')\]]?\s(?=["'(]?[A-Z0-9])/g)) {
      const end = match.index + match[0].length;
      const sentence = flat.slice(start, end).trim();
      if (!/\b(?:e\.g|i\.e|etc|vs|approx|incl)\.\s$/i.test(flat.slice(start, end))) {
        found.push(sentence);
        start = end;
      }
    }
    const rest = flat.slice(start).trim();
    if (rest !== '') found.push(rest);
  }
  return found;
}
