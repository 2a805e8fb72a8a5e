import type { Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { SectionNode } from './sections.js';
import { collapse } from './text.js';

export interface Lessons {
  wentWell: string[];
  wentWrong: string[];
  lucky: string[];
  learned: string[];
}

type Bucket = Exclude<keyof Lessons, 'learned'>;

// Phrases naming a bucket, compared as whole words with a normalised heading or lead-in.
// "Wrong" comes first: "what didn't go well" must not land in "went well".
const bucketPhrases: ReadonlyArray<readonly [Bucket, readonly string[]]> = [
  [
    'wentWrong',
    [
      'what went wrong',
      'what went badly',
      'what went poorly',
      'what didnt go well',
      'what did not go well',
      'what didnt go so well',
      'what could have gone better',
      'what could have been better',
      'things that went wrong',
      'things that went poorly',
      'things that went badly',
      'what went less well',
      'challenges',
      'what we missed',
      'what we overlooked',
      'where we fell short',
      'what we could have done better',
    ],
  ],
  ['lucky', ['where we got lucky', 'where we were lucky', 'lucky']],
  ['wentWell', ['what went well', 'what went right', 'things that went well', 'things that went right', 'what worked well', 'what worked']],
];

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The bucket a heading names anywhere in it ("3. Lessons: what went well"), or null. */
function bucketOfHeading(heading: string): Bucket | null {
  const padded = ` ${normalise(heading)} `;
  for (const [bucket, phrases] of bucketPhrases) {
    if (phrases.some((phrase) => padded.includes(` ${phrase} `))) return bucket;
  }
  return null;
}

/**
 * The bucket a lead-in names. Stricter than for headings: the whole lead-in must be the
 * phrase, so that prose which merely mentions "what went well" is not taken as one.
 */
function bucketOfLeadIn(text: string): Bucket | null {
  const normalised = normalise(text);
  for (const [bucket, phrases] of bucketPhrases) {
    if (phrases.includes(normalised)) return bucket;
  }
  return null;
}

/**
 * What went well, what went wrong and where we got lucky, from sections of kind `lessons`.
 * A section is sorted by its heading (or its nearest lessons ancestor's), and within it
 * by lead-in paragraphs such as `**What went well**`; lessons under no such heading or lead-in
 * are `learned`, one per list item or paragraph.
 */
export function extractLessons(sections: readonly SectionNode[]): Lessons {
  const lessons: Lessons = { wentWell: [], wentWrong: [], lucky: [], learned: [] };
  for (const section of sections) {
    if (section.kind !== 'lessons') continue;
    let bucket = inheritedBucket(section, sections);
    for (const node of section.own) bucket = collect(node, bucket, lessons);
  }
  return lessons;
}

/** "#### Alerting" under "### What went wrong" still lists what went wrong. */
function inheritedBucket(section: SectionNode, sections: readonly SectionNode[]): Bucket | null {
  for (let current: SectionNode | undefined = section; current?.kind === 'lessons'; current = sections[current.parent]) {
    const bucket = bucketOfHeading(current.heading);
    if (bucket !== null) return bucket;
  }
  return null;
}

/** Adds a block's lessons to `bucket` and returns the bucket that follows it (a lead-in switches it). */
function collect(node: RootContent, bucket: Bucket | null, lessons: Lessons): Bucket | null {
  switch (node.type) {
    case 'paragraph': {
      const leadIn = readLeadIn(node);
      if (leadIn) {
        if (leadIn.rest !== '') lessons[leadIn.bucket].push(leadIn.rest);
        return leadIn.bucket;
      }
      add(lessons, bucket, toString(node));
      return bucket;
    }
    case 'list':
      for (const item of node.children) {
        const own = item.children.filter((child) => child.type !== 'list');
        const text = own.map((child) => toString(child)).join(' ');
        // "- **What went well**" over a nested list is a lead-in too.
        const leadIn = bucketOfLeadIn(text);
        const itemBucket = leadIn ?? bucket;
        if (leadIn === null) add(lessons, bucket, text);
        for (const child of item.children) if (child.type === 'list') collect(child, itemBucket, lessons);
      }
      return bucket;
    case 'blockquote': {
      let current = bucket;
      for (const child of node.children) current = collect(child, current, lessons);
      return current;
    }
    default:
      // Code, tables and HTML are not lessons we can state in one line.
      return bucket;
  }
}

/**
 * `**What went well**`, `**What went well:** the pager fired` or a plain `What went well:`
 * paragraph; `rest` is what follows a bold lead-in on the same paragraph.
 */
function readLeadIn(paragraph: Paragraph): { bucket: Bucket; rest: string } | null {
  const whole = bucketOfLeadIn(toString(paragraph));
  if (whole !== null) return { bucket: whole, rest: '' };
  const [first, ...others] = paragraph.children;
  if (first?.type !== 'strong') return null;
  const bucket = bucketOfLeadIn(toString(first));
  if (bucket === null) return null;
  const rest = collapse(others.map((child) => toString(child)).join(''));
  // The colon may sit outside the bold: "**What went well**: …".
  return { bucket, rest: rest.startsWith(':') ? rest.slice(1).trim() : rest };
}

function add(lessons: Lessons, bucket: Bucket | null, text: string): void {
  const collapsed = collapse(text);
  if (collapsed !== '') lessons[bucket ?? 'learned'].push(collapsed);
}
