import { attrText, computeLabels, effectiveBrackets, isParagraphStatus, type Labels, M, N, type ParagraphStatus, sameBracket, sponsorNames, writeInline } from '@accord/text';
import { type DOMOutputSpec, DOMSerializer, type Fragment, type Mark, type Node, type Schema, type Slice } from '@tiptap/pm/model';

/**
 * What a copy puts on the clipboard. The editor shows brackets, labels and footnotes with CSS and
 * decorations, so the browser's own copy lost them ("engage targetsmilitary objectives"). Here the
 * selection is written twice:
 *
 * - text/plain in the rolling-text format of @accord/text: a selection inside one paragraph gives its
 *   words with "[..]{sponsors}" and "^[..]"; a wider one gives labelled lines, and box headings when
 *   it spans boxes;
 * - text/html that Word and Google Docs paste with the brackets, sponsors, labels and statuses as
 *   characters and the footnotes as superscript numbers with their notes at the end, in plain
 *   elements with inline styles. The same HTML keeps ProseMirror's structure and attributes, so a
 *   paste back into Accord is exact: what is printed only for other programs is marked
 *   `data-accord-clip` and removed before Accord reads it (`stripClipText`).
 */

/** Marks an element that is printed for other programs only. */
export const CLIP_ATTRIBUTE = 'data-accord-clip';

const STATUS_MARKERS: Record<ParagraphStatus, string> = { under_negotiation: '', agreed_ad_ref: ' {agreed ad ref}', agreed: ' {agreed}' };
const SUB_INDENT = '   ';

/** What the serializers need to know of the document the slice was copied from. */
export interface CopySource {
  labels: Labels;
  /** Box id → title, for the heading of a box whose title was not selected. */
  boxTitles: Map<string, string>;
}

export function copySource(doc: Node): CopySource {
  const boxTitles = new Map<string, string>();
  doc.forEach((box) => {
    if (box.type.name === N.box && typeof box.attrs.id === 'string') boxTitles.set(box.attrs.id, box.firstChild?.type.name === N.boxTitle ? box.firstChild.textContent : '');
  });
  return { labels: computeLabels(doc), boxTitles };
}

function statusMarker(paragraph: Node): string {
  const status: unknown = paragraph.attrs.status;
  return isParagraphStatus(status) ? STATUS_MARKERS[status] : '';
}

function labelOf(source: CopySource, node: Node | undefined): string {
  const id: unknown = node?.attrs.id;
  return (typeof id === 'string' && source.labels.byId.get(id)?.short) || '';
}

function boxHeading(source: CopySource, box: Node): string {
  const title = box.firstChild?.type.name === N.boxTitle ? box.firstChild.textContent : (source.boxTitles.get(attrText(box.attrs.id)) ?? '');
  const label = labelOf(source, box);
  return `Box ${label}.${title ? ` ${title.replace(/\s+/g, ' ')}` : ''}`;
}

/**
 * The nodes a slice is wrapped in that hold all of it (ProseMirror copies a selection with every
 * ancestor, open on both sides), and the content inside them.
 */
function innermost(slice: Slice): { ancestors: Node[]; content: Fragment } {
  const ancestors: Node[] = [];
  let content = slice.content;
  let depth = 0;
  while (content.childCount === 1 && depth < slice.openStart && depth < slice.openEnd && !content.firstChild!.isInline) {
    ancestors.push(content.firstChild!);
    content = content.firstChild!.content;
    depth++;
  }
  return { ancestors, content };
}

/** An empty paragraph at an open edge is where a selection began or ended, not something copied. */
function emptyEdge(node: Node, index: number, count: number, openStart: boolean, openEnd: boolean): boolean {
  if (node.type.name === N.paragraph && (node.childCount > 1 || node.firstChild?.content.size)) return false;
  if (node.type.name !== N.paragraph && node.content.size > 0) return false;
  return (index === 0 && openStart) || (index === count - 1 && openEnd);
}

// -- text/plain ------------------------------------------------------------------------------------

export function copiedPlainText(slice: Slice, source: CopySource): string {
  const { ancestors, content } = innermost(slice);
  const parent = ancestors.at(-1);
  if (parent?.isTextblock) return writeInline(parent.copy(content));
  const lines: string[] = [];
  const depth = ancestors.length;
  const open = (index: number, count: number): [boolean, boolean] => [index === 0 && slice.openStart > depth, index === count - 1 && slice.openEnd > depth];

  const paragraphLines = (paragraph: Node, textNode: Node | null): void => {
    const text = textNode ? writeInline(textNode) : '';
    lines.push(`${labelOf(source, paragraph)}.${text ? ` ${text}` : ''}${statusMarker(paragraph)}`);
  };
  const subLine = (sub: Node): void => {
    const text = writeInline(sub);
    lines.push(`${SUB_INDENT}(${labelOf(source, sub).replace(/^\(|\)$/g, '')})${text ? ` ${text}` : ''}`);
  };
  const paragraphChildren = (paragraph: Node, children: Fragment, edges: [boolean, boolean]): void => {
    children.forEach((child, _offset, index) => {
      if (emptyEdge(child, index, children.childCount, edges[0], edges[1])) return;
      if (child.type.name === N.paragraphText) paragraphLines(paragraph, child);
      else if (child.type.name === N.subparagraph) subLine(child);
    });
  };
  const boxChildren = (box: Node, children: Fragment, edges: [boolean, boolean]): void => {
    children.forEach((child, _offset, index) => {
      if (emptyEdge(child, index, children.childCount, edges[0] && index === 0, edges[1] && index === children.childCount - 1)) return;
      if (child.type.name === N.boxTitle) lines.push(boxHeading(source, box), '');
      else if (child.type.name === N.paragraph) paragraphChildren(child, child.content, [edges[0] && index === 0, edges[1] && index === children.childCount - 1]);
    });
  };

  if (!parent) {
    content.forEach((box, _offset, index) => {
      if (box.type.name !== N.box) return;
      if (lines.length > 0) lines.push('');
      lines.push(boxHeading(source, box), '');
      boxChildren(box, box.firstChild?.type.name === N.boxTitle ? box.content.cut(box.firstChild.nodeSize) : box.content, open(index, content.childCount));
    });
  } else if (parent.type.name === N.box) {
    boxChildren(parent, content, [slice.openStart > depth, slice.openEnd > depth]);
  } else if (parent.type.name === N.paragraph) {
    paragraphChildren(parent, content, [slice.openStart > depth, slice.openEnd > depth]);
  }
  while (lines.at(-1) === '') lines.pop();
  return lines.join('\n');
}

// -- text/html -------------------------------------------------------------------------------------

const STYLES = {
  heading: 'font-weight:bold;font-size:13pt;margin:12pt 0 6pt 0',
  paragraph: 'margin:0 0 6pt 0',
  subparagraph: 'margin:0 0 6pt 2.5em',
  note: 'font-size:9pt;margin:0',
} as const;

/**
 * ProseMirror's clipboard serializer: it is handed the slice's content without the ancestors it
 * moved into the `data-pm-slice` context, so the plugin tells it the ancestors first (`prepare`).
 */
export class ClipboardSerializer extends DOMSerializer {
  private source: CopySource | null = null;
  private sliceAncestors: Node[] = [];
  private withinOneBlock = false;

  constructor(schema: Schema) {
    const base = DOMSerializer.fromSchema(schema);
    super(base.nodes, base.marks);
  }

  /** Called with the slice about to be serialized (transformCopied runs just before). */
  prepare(slice: Slice, source: CopySource): void {
    this.source = source;
    // The same unwrapping as ProseMirror's serializeForClipboard, which names these in data-pm-slice.
    const ancestors: Node[] = [];
    let { content, openStart, openEnd } = slice;
    while (openStart > 1 && openEnd > 1 && content.childCount === 1 && content.firstChild!.childCount === 1) {
      openStart--;
      openEnd--;
      ancestors.push(content.firstChild!);
      content = content.firstChild!.content;
    }
    this.sliceAncestors = ancestors;
    // Words from inside one paragraph are words: no label, no status (as in text/plain).
    this.withinOneBlock = innermost(slice).ancestors.at(-1)?.isTextblock ?? false;
  }

  override serializeFragment(fragment: Fragment, options: { document?: Document } = {}, target?: HTMLElement | DocumentFragment): HTMLElement | DocumentFragment {
    const doc = options.document ?? window.document;
    const out = target ?? doc.createDocumentFragment();
    const source = this.source ?? { labels: { list: [], byId: new Map(), atPos: new Map() }, boxTitles: new Map() };
    const writer = new HtmlWriter(doc, source, this, !this.withinOneBlock);
    writer.children(fragment, this.sliceAncestors.at(-1) ?? null, out);
    writer.notes(out);
    this.source = null;
    this.sliceAncestors = [];
    this.withinOneBlock = false;
    return out;
  }
}

class HtmlWriter {
  private readonly footnotes: string[] = [];

  constructor(
    private readonly doc: Document,
    private readonly source: CopySource,
    private readonly serializer: DOMSerializer,
    private readonly labelled: boolean,
  ) {}

  /** The element the schema renders for a node or mark (its data attributes), without classes. */
  private element(spec: DOMOutputSpec): { dom: HTMLElement; contentDOM: HTMLElement } {
    const { dom, contentDOM } = DOMSerializer.renderSpec(this.doc, spec);
    const element = dom as HTMLElement;
    element.removeAttribute('class');
    return { dom: element, contentDOM: (contentDOM as HTMLElement | undefined) ?? element };
  }

  private clip(tag: string, text: string, style?: string): HTMLElement {
    const element = this.doc.createElement(tag);
    element.setAttribute(CLIP_ATTRIBUTE, '');
    if (style) element.setAttribute('style', style);
    element.textContent = text;
    return element;
  }

  private node(node: Node): { dom: HTMLElement; contentDOM: HTMLElement } {
    const toDOM = this.serializer.nodes[node.type.name];
    return this.element(toDOM ? toDOM(node) : ['div', 0]);
  }

  children(fragment: Fragment, parent: Node | null, out: HTMLElement | DocumentFragment): void {
    if (parent?.isTextblock || (fragment.firstChild?.isInline ?? false)) {
      this.inline(fragment, out);
      return;
    }
    // Box headings only when the copy spans boxes, as in text/plain.
    const headings = fragment.childCount > 1;
    fragment.forEach((child) => out.appendChild(this.block(child, parent, headings)));
  }

  private block(node: Node, parent: Node | null, headings: boolean): HTMLElement {
    const { dom, contentDOM } = this.node(node);
    switch (node.type.name) {
      case N.box:
        if (headings && node.firstChild?.type.name !== N.boxTitle) contentDOM.appendChild(this.clip('p', boxHeading(this.source, node), STYLES.heading));
        break;
      case N.boxTitle:
        dom.setAttribute('style', STYLES.heading);
        if (parent) contentDOM.appendChild(this.clip('span', `Box ${labelOf(this.source, parent)}. `));
        break;
      case N.paragraphText:
        dom.setAttribute('style', STYLES.paragraph);
        if (parent && this.labelled) contentDOM.appendChild(this.clip('span', `${labelOf(this.source, parent)}.\u00a0`));
        break;
      case N.subparagraph:
        dom.setAttribute('style', STYLES.subparagraph);
        if (this.labelled) contentDOM.appendChild(this.clip('span', `(${labelOf(this.source, node).replace(/^\(|\)$/g, '')})\u00a0`));
        break;
    }
    this.children(node.content, node, contentDOM);
    if (node.type.name === N.paragraphText && parent && this.labelled) {
      const marker = statusMarker(parent);
      if (marker) contentDOM.appendChild(this.clip('span', marker));
    }
    return dom;
  }

  /** Inline content: one element per bracket (as writeInline groups them), "[" and "]{sponsors}" as text. */
  private inline(fragment: Fragment, out: HTMLElement | DocumentFragment): void {
    const children: Node[] = [];
    fragment.forEach((child) => children.push(child));
    const brackets = effectiveBrackets(children);
    let open: { mark: Mark; content: HTMLElement } | null = null;
    const close = (): void => {
      if (!open) return;
      const names = sponsorNames(open.mark.attrs.sponsors);
      open.content.appendChild(this.clip('span', names.length > 0 ? `]{${names.join(', ')}}` : ']'));
      open = null;
    };
    children.forEach((child, i) => {
      const bracket = brackets[i] ?? null;
      if (open && (!bracket || !sameBracket(open.mark, bracket))) close();
      if (bracket && !open) {
        const { dom, contentDOM } = this.element(this.serializer.marks[M.bracket]!(bracket, true));
        out.appendChild(dom);
        contentDOM.appendChild(this.clip('span', '['));
        open = { mark: bracket, content: contentDOM };
      }
      const target: HTMLElement | DocumentFragment = open ? (open as { content: HTMLElement }).content : out;
      if (child.isText) target.appendChild(this.text(child));
      else if (child.type.name === N.footnote) target.appendChild(this.footnote(child));
    });
    close();
  }

  private text(node: Node): globalThis.Node {
    let dom: globalThis.Node = this.doc.createTextNode(node.text ?? '');
    for (const mark of node.marks.toReversed()) {
      if (mark.type.name !== M.em && mark.type.name !== M.strong) continue;
      const wrapper = this.doc.createElement(mark.type.name);
      wrapper.appendChild(dom);
      dom = wrapper;
    }
    return dom;
  }

  private footnote(node: Node): HTMLElement {
    const { dom } = this.node(node);
    this.footnotes.push(attrText(node.attrs.text));
    const n = this.footnotes.length;
    // A link to the note, as Word and Google Docs write theirs, so the note reads back as a footnote.
    dom.appendChild(this.noteLink(`ftn${n}`, `ftnref${n}`, n, true));
    return dom;
  }

  private noteLink(to: string, name: string, n: number, clip: boolean): HTMLElement {
    const link = this.doc.createElement('a');
    if (clip) link.setAttribute(CLIP_ATTRIBUTE, '');
    link.setAttribute('href', `#${to}`);
    link.setAttribute('name', name);
    link.setAttribute('id', name);
    const number = this.doc.createElement('sup');
    number.textContent = String(n);
    link.appendChild(number);
    return link;
  }

  /** The footnotes' words, after the copied text, as a document prints them. */
  notes(out: HTMLElement | DocumentFragment): void {
    this.footnotes.forEach((text, i) => {
      const note = this.clip('p', '', STYLES.note);
      note.append(this.noteLink(`ftnref${i + 1}`, `ftn${i + 1}`, i + 1, false), ` ${text}`);
      out.appendChild(note);
    });
  }
}

/** Accord's own clipboard HTML, which ProseMirror reads back exactly once the printed extras are gone. */
export function isAccordHtml(html: string): boolean {
  return html.includes(CLIP_ATTRIBUTE) || (html.includes('data-pm-slice') && /data-(paragraph|subparagraph|box|bracket|footnote)/.test(html));
}

export function stripClipText(html: string): string {
  if (!html.includes(CLIP_ATTRIBUTE)) return html;
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const element of parsed.querySelectorAll(`[${CLIP_ATTRIBUTE}]`)) element.remove();
  return parsed.body.innerHTML;
}
