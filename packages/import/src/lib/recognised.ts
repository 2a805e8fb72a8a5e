/**
 * What the parser made of an imported file: the report `postmortem import` prints per
 * document, and the fields a round trip must preserve.
 */
import type { Diagnostic, Postmortem, SectionKind } from '@postmortem-kb/parser';

export interface Recognised {
  title: string | null;
  date: string | null;
  severity: string | null;
  status: Postmortem['status'];
  services: string[];
  categories: string[];
  /** Top-level sections by kind, in document order, with how many of each. */
  sections: Array<{ kind: SectionKind; count: number }>;
  timelineEntries: number;
  actionItems: number;
}

export interface Unrecognised {
  /** Headings that map to no section kind (their text is kept in the body). */
  headings: string[];
  /** The parser's warnings and errors for the written file. */
  diagnostics: Diagnostic[];
}

export function describeImport(postmortem: Postmortem): { recognised: Recognised; unrecognised: Unrecognised } {
  const sections: Recognised['sections'] = [];
  postmortem.sections.forEach((section, index) => {
    if (section.kind === null) return;
    // A sub-section of its own kind ("Immediate" under "Action items") is part of its parent.
    const parent = postmortem.sections.slice(0, index).findLast((candidate) => candidate.depth < section.depth);
    if (parent?.kind === section.kind) return;
    const known = sections.find((entry) => entry.kind === section.kind);
    if (known) known.count++;
    else sections.push({ kind: section.kind, count: 1 });
  });
  const hasTitle = !postmortem.diagnostics.some((d) => d.ruleId === 'missing-title');
  return {
    recognised: {
      title: hasTitle ? postmortem.title : null,
      date: postmortem.date,
      severity: postmortem.severity,
      status: postmortem.status,
      services: postmortem.services,
      categories: postmortem.categories,
      sections,
      timelineEntries: postmortem.timeline.length,
      actionItems: postmortem.actionItems.length,
    },
    unrecognised: {
      headings: postmortem.sections.filter((section) => section.kind === null).map((section) => section.heading),
      diagnostics: postmortem.diagnostics.filter((d) => d.severity !== 'info'),
    },
  };
}
