import { attrText, bracketOf, computeLabels, isParagraphStatus, type Label, N, sameBracket, sponsorNames, statusLabels } from '@accord/text';
import type { Mark, Node } from '@tiptap/pm/model';
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

function planLabels(doc: Node, labels: readonly Label[], plan: DecorationPlan): void {
  for (const label of labels) {
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

/** Sponsors in superscript after each bracket's closing "]" (a footnote inside does not close it), in one text block. */
function planBlockSponsors(block: Node, blockPos: number, plan: DecorationPlan): void {
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
}

/** Each text block in `node` (at `pos`; the document is at -1) and the node itself if it is one. */
function eachTextblock(node: Node, pos: number, visit: (block: Node, blockPos: number) => void): void {
  if (node.isTextblock) return visit(node, pos);
  node.descendants((block, offset) => {
    if (!block.isTextblock) return true;
    visit(block, pos + 1 + offset);
    return false;
  });
}

/** Footnotes in `node` (at `pos`) numbered in reading order from `first`; answers how many there are. */
function planFootnotes(node: Node, pos: number, first: number, plan: DecorationPlan): number {
  let number = first - 1;
  node.descendants((inner, offset) => {
    if (inner.type.name !== N.footnote) return true;
    number++;
    const at = pos + 1 + offset;
    const text = attrText(inner.attrs.text);
    plan.nodes.push({ from: at, to: at + inner.nodeSize, attrs: { 'data-number': String(number), role: 'note', 'aria-label': `Footnote ${number}: ${text}` } });
    return false;
  });
  return number - first + 1;
}

/** The footnotes in a node, counted as planFootnotes counts them. */
export function footnoteCount(node: Node): number {
  return planFootnotes(node, 0, 1, { nodes: [], drawn: [] });
}

export function decorationPlan(doc: Node): DecorationPlan {
  const plan: DecorationPlan = { nodes: [], drawn: [] };
  planLabels(doc, computeLabels(doc).list, plan);
  eachTextblock(doc, -1, (block, pos) => planBlockSponsors(block, pos, plan));
  planFootnotes(doc, -1, 1, plan);
  return plan;
}

/**
 * What one block of a box (its title or a paragraph, at `pos` in `doc`) draws inside itself: the
 * same items decorationPlan gives for it, given the labels of its box and the number of its first
 * footnote. The box's own element (which holds the block) is not the block's.
 */
export function blockPlan(doc: Node, block: Node, pos: number, labels: readonly Label[], firstFootnote: number): DecorationPlan {
  const end = pos + block.nodeSize;
  const plan: DecorationPlan = { nodes: [], drawn: [] };
  const box = labels.find((label) => label.kind === 'box');
  // The box's label is drawn at the start of its title: inside the title block.
  const mine = labels.filter((label) => (label.pos >= pos && label.pos < end) || (label === box && label.pos + 2 >= pos && label.pos + 2 < end));
  planLabels(doc, mine, plan);
  eachTextblock(block, pos, (inner, innerPos) => planBlockSponsors(inner, innerPos, plan));
  planFootnotes(block, pos, firstFootnote, plan);
  plan.nodes = plan.nodes.filter((n) => n.from >= pos && n.to <= end);
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

/** Footnote decorations carry their number here, so an edit beside them need not count the ones before. */
export interface FootnoteSpec {
  footnote: number;
}

export function decorationsOf(plan: DecorationPlan): Decoration[] {
  return [
    ...plan.nodes.map((n) => {
      const footnote = n.attrs['data-number'];
      return Decoration.node(n.from, n.to, n.attrs, footnote === undefined ? undefined : ({ footnote: Number(footnote) } satisfies FootnoteSpec));
    }),
    // side -1: drawn before the cursor at that position, so typing there goes after the label
    // (and after a bracket's sponsors, outside the bracket); `marks: []` keeps them out of marks.
    ...plan.drawn.map((d) => Decoration.widget(d.pos, () => draw(d), { side: -1, key: d.key, marks: [], ignoreSelection: true })),
  ];
}

export function textDecorations(doc: Node): DecorationSet {
  return DecorationSet.create(doc, decorationsOf(decorationPlan(doc)));
}
