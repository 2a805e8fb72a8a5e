/**
 * Durations a report states in words rather than as timeline markers: "Time to detection:
 * 54 minutes", "Time to recovery: 148 minutes", "Duration: 2h 15m", "Total downtime: 3 hours",
 * "Outage length - 45 min", "Detection delay | 12 minutes" in a table. Read one line at a time; `?`,
 * `N/A` or words give nothing.
 */
import type { Position } from './frontmatter.js';

export type StatedMetric = 'timeToDetectMinutes' | 'timeToMitigateMinutes' | 'timeToResolveMinutes';
export type StatedDurations = Partial<Record<StatedMetric, { minutes: number } & Position>>;

// Cheap filter first: most lines of a report name none of these.
const mentionsDuration =
  /time to|downtime|duration|delay|outage length|length of (?:the )?outage|(?:detection|mitigation|resolution|recovery) time|\bMTT[DMR]\b|\bTT[DMR]\b/i;
const labels: ReadonlyArray<readonly [StatedMetric, RegExp]> = [
  [
    'timeToDetectMinutes',
    /^(?:(?:mean )?time to (?:detection|detect|discovery|acknowledge(?:ment)?|identify|identification)|detection (?:time|delay)|delay (?:in|to|before) detection|m?ttd)$/i,
  ],
  ['timeToMitigateMinutes', /^(?:(?:mean )?time to (?:mitigation|mitigate|contain|containment)|mitigation (?:time|delay)|m?ttm)$/i],
  [
    'timeToResolveMinutes',
    /^(?:(?:mean )?time to (?:full )?(?:recovery|recover|resolution|resolve|restore|restoration|repair|fix)(?: of)?(?: the)?(?: service)?|(?:resolution|recovery) time|(?:total |outage |incident |impact )?duration(?: of (?:the )?(?:impact|incident|outage))?|(?:total )?downtime|outage length|length of (?:the )?outage|m?ttr)$/i,
  ],
];
// `**Time to detection**: 54 minutes`, `- Duration - 2h 15m`, `Time to detect (TTD): 12 min`, a table row
// `| Detection delay | 12 minutes |`; the label is at most 40 characters, an abbreviation in parentheses
// after it is dropped.
const labelledLine = /^[\s>|-]*([A-Za-z][A-Za-z ]{1,40}?)\s*(?:\([A-Za-z ]{1,12}\)\s*)?[:=|\u2013\u2014-](.*)$/;
const unitMinutes: Record<string, number> = { d: 1440, day: 1440, h: 60, hr: 60, hour: 60, m: 1, min: 1, minute: 1, s: 1 / 60, sec: 1 / 60, second: 1 / 60 };
const durationPart = /^(\d{1,5}(?:\.\d{1,3})?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b[.,]?\s*(?:and\s+|,\s*)?/i;
const approximately = /^(?:about|around|approximately|approx\.?|roughly|nearly|almost|~|≈)\s*/i;

/** Reads the first stated figure for each metric from the body (file line numbers). */
export function readStatedDurations(body: string): StatedDurations {
  const found: StatedDurations = {};
  const lines = body.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.length > 300 || !mentionsDuration.test(line)) continue;
    const match = labelledLine.exec(line.replace(/[*_]/g, ''));
    if (!match) continue;
    const label = match[1]!.trim();
    const metric = labels.find(([, pattern]) => pattern.test(label))?.[0];
    if (metric === undefined || found[metric]) continue;
    const minutes = parseDuration(match[2]!);
    if (minutes !== null) found[metric] = { minutes, line: index + 1, column: line.length - line.trimStart().length + 1 };
  }
  return found;
}

/** `54 minutes`, `2h 15m`, `1 hour and 30 minutes`, `2.5 hours` → minutes (rounded); null otherwise. */
function parseDuration(text: string): number | null {
  let rest = text.trim().replace(approximately, '');
  let total = 0;
  let parts = 0;
  for (let match = durationPart.exec(rest); match; match = durationPart.exec(rest)) {
    const written = match[2]!.toLowerCase();
    const unit = written.length > 1 ? written.replace(/s$/, '') : written;
    const perUnit = unitMinutes[unit] ?? unitMinutes[unit.slice(0, 1)]!;
    total += Number(match[1]) * perUnit;
    parts++;
    rest = rest.slice(match[0].length);
  }
  return parts > 0 ? Math.round(total) : null;
}
