import { attrText, bracketOf, computeLabels, isParagraphStatus, type Label, N, sameBracket, sponsorNames, statusLabels } from '@accord/text';
import type { Mark, Node } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/**
 * What the rolling text shows beyond its words, drawn as decorations so that nothing of it is ever
 * stored: labels ("Box III", "2bis", "3 Alt 1", "(a)"), paragraph statuses written out, sponsors
 * after a bracket, footnote numbers. Labels are real text in non-editable spans, so screen readers
 * read "2bis" before the paragraph as sighted readers see it.
 *
 * The plan (what goes where) is plain data, computed from the document alone; the plugin turns it
 * into ProseMirror decorations.
 */

/** Attributes added to a node's element. */
export interface NodeMarking {
  from: number;
  to: number;
  attrs: Record<string, string>;
}

/** Visible text drawn at a position: a label, a status, sponsors. */
export interface Drawn {
  pos: number;
  kind: 'boxLabel' | 'paragraphGutter' | 'subparagraphLabel' | 'sponsors';
  text: string;
  /** For a paragraph's gutter, its status in words. */
  status?: { value: string; text: string };
  /** Unchanged keys let the view keep the element it drew before. */
  key: string;
}

export interface DecorationPlan {
  nodes: NodeMarking[];
  drawn: Drawn[];
}

function altClasses(label: Label): string | undefined {
  if (!label.alt) return undefined;
  const edges = [label.alt.index === 1 ? 'rt-alt-first' : '', label.alt.index === label.alt.count ? 'rt-alt-last' : ''];
  return ['rt-alt', ...edges].filter(Boolean).join(' ');
}

function planLabels(doc: Node, plan: DecorationPlan): void {
  for (const label of computeLabels(doc).list) {
    const node = doc.nodeAt(label.pos);
    if (!node) continue;
    const to = label.pos + node.nodeSize;
    if (label.kind === 'box') {
      const text = `Box ${label.short}`;
      plan.nodes.push({ from: label.pos, to, attrs: { 'data-label': text } });
      plan.drawn.push({ pos: label.pos + 2, kind: 'boxLabel', text, key: `box:${text}` });
    } else if (label.kind === 'paragraph') {
      // Any stored value, even an object whose toString is not callable, draws as text rather than throwing.
      const value = attrText(node.attrs.status, '?');
      const status = { value, text: isParagraphStatus(value) ? statusLabels[value] : value };
      const classes = altClasses(label);
      plan.nodes.push({ from: label.pos, to, attrs: { 'data-label': label.short, 'data-citation': label.citation, ...(classes ? { class: classes } : {}) } });
      plan.drawn.push({ pos: label.pos + 2, kind: 'paragraphGutter', text: label.short, status, key: `p:${label.short}:${value}` });
    } else {
      plan.nodes.push({ from: label.pos, to, attrs: { 'data-label': label.short, 'data-citation': label.citation } });
      plan.drawn.push({ pos: label.pos + 1, kind: 'subparagraphLabel', text: label.short, key: `s:${label.short}` });
    }
  }
}

function sponsorsOf(mark: Mark): string[] {
  return sponsorNames(mark.attrs.sponsors);
}

/** Sponsors in superscript after each bracket's closing "]" (a footnote inside does not close it). */
function planSponsors(doc: Node, plan: DecorationPlan): void {
  doc.descendants((block, blockPos) => {
    if (!block.isTextblock) return true;
    // `end` is after the bracket's last words; `reach` also passes footnotes inside it.
    let open: { mark: Mark; end: number; reach: number } | null = null;
    const close = () => {
      const sponsors = open ? sponsorsOf(open.mark) : [];
      if (open && sponsors.length > 0) {
        const text = sponsors.join(', ');
        plan.drawn.push({ pos: open.end, kind: 'sponsors', text, key: `sp:${attrText(open.mark.attrs.id)}:${text}` });
      }
      open = null;
    };
    block.forEach((inline, offset) => {
      const pos = blockPos + 1 + offset;
      const end = pos + inline.nodeSize;
      const mark = bracketOf(inline);
      const continues = open !== null && open.reach === pos && mark !== undefined && sameBracket(mark, open.mark);
      if (!inline.isText && inline.type.name === N.footnote && open && open.reach === pos && (mark === undefined || continues)) {
        open.reach = end;
        return;
      }
      if (continues) {
        open!.end = open!.reach = end;
        return;
      }
      close();
      if (mark && inline.isText) open = { mark, end, reach: end };
    });
    close();
    return false;
  });
}

/** Footnotes numbered in reading order; the note itself is the marker's tooltip and its name. */
function planFootnotes(doc: Node, plan: DecorationPlan): void {
  let number = 0;
  doc.descendants((node, pos) => {
    if (node.type.name !== N.footnote) return true;
    number++;
    const text = attrText(node.attrs.text);
    plan.nodes.push({ from: pos, to: pos + node.nodeSize, attrs: { 'data-number': String(number), role: 'note', 'aria-label': `Footnote ${number}: ${text}` } });
    return false;
  });
}

export function decorationPlan(doc: Node): DecorationPlan {
  const plan: DecorationPlan = { nodes: [], drawn: [] };
  planLabels(doc, plan);
  planSponsors(doc, plan);
  planFootnotes(doc, plan);
  return plan;
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.contentEditable = 'false';
  if (text !== undefined) el.textContent = text;
  return el;
}

function draw(item: Drawn): HTMLElement {
  switch (item.kind) {
    case 'boxLabel':
      return element('span', 'rt-label rt-box-label', item.text);
    case 'subparagraphLabel':
      return element('span', 'rt-label rt-sub-label', item.text);
    case 'sponsors':
      return element('sup', 'rt-sponsors', item.text);
    case 'paragraphGutter': {
      const gutter = element('span', 'rt-gutter');
      const status = item.status!;
      gutter.append(element('span', 'rt-label', item.text), ' ', element('span', `rt-status-badge rt-status-${status.value}`, status.text));
      return gutter;
    }
  }
}

export function textDecorations(doc: Node): DecorationSet {
  const plan = decorationPlan(doc);
  const decorations = [
    ...plan.nodes.map((n) => Decoration.node(n.from, n.to, n.attrs)),
    // side -1: drawn before the cursor at that position, so typing there goes after the label
    // (and after a bracket's sponsors, outside the bracket); `marks: []` keeps them out of marks.
    ...plan.drawn.map((d) => Decoration.widget(d.pos, () => draw(d), { side: -1, key: d.key, marks: [], ignoreSelection: true })),
  ];
  return DecorationSet.create(doc, decorations);
}

export const textDecorationsKey = new PluginKey<DecorationSet>('accordTextDecorations');

export function textDecorationsPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: textDecorationsKey,
    state: {
      init: (_config, state) => textDecorations(state.doc),
      apply: (tr, previous) => (tr.docChanged ? textDecorations(tr.doc) : previous),
    },
    props: {
      decorations: (state) => textDecorationsKey.getState(state),
    },
  });
}
