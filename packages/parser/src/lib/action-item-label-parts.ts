/**
 * Action-item labels inside a paragraph rather than at its start: "We restarted the pods.
 * **Action item:** add a liveness probe (owner: @sam)." The words before such a label stay
 * prose; the item runs from its label to the end of its sentence, or to the next label. Inside a
 * paragraph a label counts only with its colon, and only in bold or in capitals at the start of
 * a sentence: "we took action: …" and "The action: …" are prose.
 */
import type { Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Where a label starts: a child of the paragraph and, in a text child, the offset in its value. */
interface Cut {
  child: number;
  offset: number;
}

const boldLabel = /^\s*(?:action items?|follow[- ]?up actions?|action|AI)\s?:?\s*$/i;
// Anchored on the sentence end before it, so a scan that fails moves on at once.
const sentenceLabel = /[.!?]["'’)\]]?\s{1,3}((?:Action items?|Follow[- ]?up actions?|Action|AI)\s?:)/g;
const openingLabel = /^\s{0,3}(?:Action items?|Follow[- ]?up actions?|Action|AI)\s?:/;
const sentenceEnded = /[.!?]["'’)\]]?\s*$/;
// The end of an item's sentence: a stop before a capital, unless an annotation follows ("… probe. Owner: @sam").
const sentenceEnd = /[.!?](?=\s{1,4}["'‘“([]?[A-Z])(?!\s{1,4}(?:[Oo]wners?|[Aa]ssignee|DRI|[Dd]ue|[Ss]tatus|[Tt]icket|[Pp]riority)\b)/g;

/**
 * The paragraph cut before each label inside it: the part before the first (the paragraph
 * itself when it has none), then one part per label, up to the end of its sentence. A part that
 * does not open with a label is prose.
 */
export function labelledParts(paragraph: Paragraph): Paragraph[] {
  const children = paragraph.children;
  const cuts = labelCuts(children);
  if (cuts.length === 0) return [paragraph];
  const parts: Paragraph[] = [{ ...paragraph, children: slice(children, { child: 0, offset: 0 }, cuts[0]!) }];
  cuts.forEach((cut, index) => {
    const body = toSentenceEnd(slice(children, cut, cuts[index + 1] ?? { child: children.length, offset: 0 }));
    const start = startOf(children, cut);
    parts.push({ type: 'paragraph', children: body, ...(start ? { position: { start, end: start } } : {}) });
  });
  return parts;
}

function labelCuts(children: readonly PhrasingContent[]): Cut[] {
  const cuts: Cut[] = [];
  children.forEach((child, index) => {
    // A label that opens the paragraph is not a cut: the paragraph is that item.
    if (child.type === 'strong') {
      const text = toString(child);
      const next = children[index + 1];
      if (index > 0 && boldLabel.test(text) && (text.trimEnd().endsWith(':') || (next?.type === 'text' && /^\s?:/.test(next.value)))) {
        cuts.push({ child: index, offset: 0 });
      }
      return;
    }
    if (child.type !== 'text') return;
    const previous = children[index - 1];
    if (previous !== undefined && openingLabel.test(child.value) && (previous.type === 'break' || sentenceEnded.test(toString(previous)))) {
      cuts.push({ child: index, offset: child.value.length - child.value.trimStart().length });
    }
    for (const match of child.value.matchAll(sentenceLabel)) cuts.push({ child: index, offset: match.index + match[0].length - match[1]!.length });
  });
  return cuts;
}

/** The children from one cut up to another, text children cut at their offsets. */
function slice(children: readonly PhrasingContent[], from: Cut, to: Cut): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (let index = from.child; index <= to.child && index < children.length; index++) {
    const child = children[index]!;
    const start = index === from.child ? from.offset : 0;
    const end = index === to.child ? to.offset : undefined;
    if (child.type === 'text') {
      const value = child.value.slice(start, end);
      if (value !== '') out.push(start === 0 && end === undefined ? child : { type: 'text', value });
    } else if (index !== to.child) out.push(child);
  }
  return out;
}

/** The item's children up to the end of its first sentence. */
function toSentenceEnd(children: PhrasingContent[]): PhrasingContent[] {
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'text') continue;
    sentenceEnd.lastIndex = 0;
    const end = sentenceEnd.exec(child.value);
    if (end) return [...children.slice(0, index), { type: 'text', value: child.value.slice(0, end.index + 1) }];
  }
  return children;
}

/** Line and column of a cut, for the item's diagnostics. */
function startOf(children: readonly PhrasingContent[], cut: Cut): { line: number; column: number } | undefined {
  const child = children[cut.child]!;
  const start = child.position?.start;
  if (start === undefined) return undefined;
  if (child.type !== 'text' || cut.offset === 0) return { line: start.line, column: start.column };
  const before = child.value.slice(0, cut.offset);
  const lineBreaks = before.split('\n').length - 1;
  return lineBreaks === 0
    ? { line: start.line, column: start.column + cut.offset }
    : { line: start.line + lineBreaks, column: cut.offset - before.lastIndexOf('\n') };
}
