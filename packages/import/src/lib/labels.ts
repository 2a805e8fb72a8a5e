/** Issue labels → fields, by patterns where `*` matches any text (`"service::*": "service"`). */
import type { LabelTarget } from '../formats.js';

/** Used when the configuration has no `import.labels`: GitLab's scoped labels and the common slash forms. */
export const defaultLabelMapping: Readonly<Record<string, LabelTarget>> = {
  'severity::*': 'severity',
  'severity/*': 'severity',
  'service::*': 'service',
  'service/*': 'service',
  'RootCause::*': 'category',
  'root-cause/*': 'category',
  'category::*': 'category',
  'category/*': 'category',
};

export interface LabelMatch {
  target: LabelTarget;
  value: string;
}

export function compileLabelMapping(mapping: Readonly<Record<string, LabelTarget>>): (label: string) => LabelMatch | null {
  const rules = Object.entries(mapping).map(([pattern, target]) => ({
    target,
    regex: new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('(.*)')}$`,
      'is',
    ),
  }));
  return (label) => {
    for (const { target, regex } of rules) {
      const match = regex.exec(label);
      if (match) return { target, value: (match.length > 1 ? match.slice(1).join(' ') : label).trim() };
    }
    return null;
  };
}
