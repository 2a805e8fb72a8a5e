/**
 * Confluence pages, both as "Export to HTML" writes them (status lozenges as
 * `span.status-macro`, `ul.inline-task-list`, `div.confluence-information-macro`) and in
 * the storage format the REST API returns (`ac:structured-macro`, `ac:task-list`,
 * `ri:attachment`, …). Everything becomes plain HTML that rehype-remark understands:
 * lozenges → bold words (`**DONE**`, which the action-item reader knows), tasks →
 * checkbox list items, panels → block quotes with their label.
 */
import type { Element, ElementContent, Root } from 'hast';
import { attribute, classes, element, rewrite, text, textOf } from './hast-tools.js';

const panelLabels: Record<string, string> = {
  info: 'Info',
  information: 'Info',
  note: 'Note',
  warning: 'Warning',
  tip: 'Tip',
  success: 'Success',
  error: 'Error',
  panel: '',
};

/**
 * Storage format is XML: `<ri:attachment … />` self-closes and code sits in CDATA, neither
 * of which an HTML parser honours. Rewritten to HTML before parsing.
 */
export function prepareStorageFormat(html: string): string {
  if (!/<(?:ac|ri):/i.test(html)) return html;
  return html
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_match, body: string) => body.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'))
    .replace(
      /<((?:ac|ri|at):[\w-]+|time)(\s[^<>]*?)?\/>/gi,
      (_match, name: string, attributes: string | undefined) => `<${name}${attributes ?? ''}></${name}>`,
    );
}

function childElements(node: Element, tagName: string): Element[] {
  return node.children.filter((child): child is Element => child.type === 'element' && child.tagName === tagName);
}

function parameter(node: Element, name: string): string | undefined {
  const found = childElements(node, 'ac:parameter').find((child) => attribute(child, 'ac:name') === name);
  return found ? textOf(found).trim() : undefined;
}

function macro(node: Element, notes: string[]): ElementContent | ElementContent[] | null {
  const name = (attribute(node, 'ac:name') ?? '').toLowerCase();
  const richBody = childElements(node, 'ac:rich-text-body')[0];
  const plainBody = childElements(node, 'ac:plain-text-body')[0];
  const body: ElementContent[] = richBody ? richBody.children : [];
  switch (name) {
    case 'status': {
      const title = parameter(node, 'title') ?? '';
      return title === '' ? null : element('strong', {}, [text(title.toUpperCase())]);
    }
    case 'info':
    case 'note':
    case 'warning':
    case 'tip':
    case 'panel': {
      const label = parameter(node, 'title') || panelLabels[name];
      return element('blockquote', {}, [...(label ? [element('p', {}, [element('strong', {}, [text(`${label}:`)])])] : []), ...body]);
    }
    case 'expand': {
      const label = parameter(node, 'title');
      return [...(label ? [element('p', {}, [element('strong', {}, [text(label)])])] : []), ...body];
    }
    case 'code':
    case 'noformat': {
      const language = parameter(node, 'language');
      return element('pre', {}, [element('code', language ? { className: [`language-${language}`] } : {}, [text(plainBody ? textOf(plainBody) : '')])]);
    }
    case 'jira':
      return text(parameter(node, 'key') ?? '');
    case 'toc':
    case 'anchor':
    case 'children':
    case 'pagetree':
      return null;
    default: {
      // Unknown macros keep their content; only their parameters are dropped.
      if (body.length === 0 && !plainBody) {
        notes.push(`Confluence macro "${name || '?'}" has no content to keep; dropped`);
        return null;
      }
      return plainBody ? element('pre', {}, [element('code', {}, [text(textOf(plainBody))])]) : body;
    }
  }
}

function task(node: Element): Element {
  const status = childElements(node, 'ac:task-status')[0];
  const body = childElements(node, 'ac:task-body')[0];
  const done = status !== undefined && textOf(status).trim().toLowerCase() === 'complete';
  return element('li', {}, [element('input', { type: 'checkbox', checked: done, disabled: true }, []), text(' '), ...(body ? body.children : [])]);
}

function link(node: Element): ElementContent | ElementContent[] {
  const body = childElements(node, 'ac:link-body')[0] ?? childElements(node, 'ac:plain-text-link-body')[0];
  if (body && textOf(body).trim() !== '') return body.children;
  const user = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ri:user');
  if (user) return text(`@${attribute(user, 'ri:username') ?? attribute(user, 'ri:userkey') ?? attribute(user, 'ri:account-id') ?? 'user'}`);
  const target = node.children.find((child): child is Element => child.type === 'element' && /^ri:(?:page|blog-post|attachment|space)$/.test(child.tagName));
  const label = target ? (attribute(target, 'ri:content-title') ?? attribute(target, 'ri:filename') ?? attribute(target, 'ri:space-key')) : undefined;
  return text(label ?? '');
}

function image(node: Element): ElementContent | null {
  const attachment = node.children.find(
    (child): child is Element => child.type === 'element' && (child.tagName === 'ri:attachment' || child.tagName === 'ri:url'),
  );
  const src = attachment ? (attribute(attachment, 'ri:filename') ?? attribute(attachment, 'ri:value')) : undefined;
  if (src === undefined) return null;
  return element('img', { src, alt: attribute(node, 'ac:alt') ?? attribute(node, 'ac:title') ?? src }, []);
}

function exportPanelLabel(node: Element): string | null {
  const kind = classes(node)
    .map((name) => /^confluence-information-macro-(\w+)$/.exec(name)?.[1])
    .find((name) => name !== undefined && name in panelLabels);
  return kind === undefined ? null : (panelLabels[kind] ?? null);
}

/** Rewrites Confluence markup in place; returns notes about what could not be kept. */
export function normaliseConfluence(tree: Root): string[] {
  const notes: string[] = [];
  rewrite(tree, (node) => {
    if (node.type !== 'element') return node;
    const tag = node.tagName;
    if (tag === 'ac:structured-macro' || tag === 'ac:macro') return macro(node, notes);
    if (tag === 'ac:task-list') return element('ul', {}, childElements(node, 'ac:task').map(task));
    if (tag === 'ac:link') return link(node);
    if (tag === 'ac:image') return image(node);
    if (tag === 'ac:emoticon') return text(attribute(node, 'ac:emoji-fallback') ?? `:${attribute(node, 'ac:name') ?? ''}:`);
    if (tag === 'ac:placeholder') return null;
    if (tag === 'time' && node.children.length === 0) return text(attribute(node, 'dateTime') ?? '');
    const names = classes(node);
    if (tag === 'span' && names.includes('status-macro')) return element('strong', {}, [text(textOf(node).trim().toUpperCase())]);
    if (tag === 'span' && names.includes('aui-icon')) return null;
    if (tag === 'ul' && names.includes('inline-task-list')) {
      for (const item of node.children) {
        if (item.type !== 'element' || item.tagName !== 'li') continue;
        item.children.unshift(element('input', { type: 'checkbox', checked: classes(item).includes('checked'), disabled: true }, []), text(' '));
      }
      return node;
    }
    if (tag === 'div' && names.includes('confluence-information-macro')) {
      const label = exportPanelLabel(node);
      const title = node.children.find((child): child is Element => child.type === 'element' && classes(child).includes('title'));
      const heading = title ? textOf(title).trim() : label;
      const body = node.children.filter((child) => child !== title);
      return element('blockquote', {}, [...(heading ? [element('p', {}, [element('strong', {}, [text(`${heading}:`)])])] : []), ...body]);
    }
    return node;
  });
  return notes;
}
