import type { SourceLine, SourceRun } from '@accord/text/recognize';

/**
 * Pasted HTML from other programs (Word, Google Docs, a web page, an e-mail) as the source lines
 * the recognizer reads, the shape the DOCX reader gives it: one line per paragraph, its emphasis,
 * Word's automatic numbering apart ("5.", "(a)" in an `mso-list:Ignore` span, or a list's number),
 * and footnotes as footnote runs, with their words taken from the notes at the end of the HTML.
 *
 * It reads a minimal DOM (below) so that it is tested without a browser.
 */

/** The little of a DOM node this reads: a browser's, or a test's stand-in. */
export interface HtmlNode {
  /** 1 element, 3 text; anything else (comments) is skipped. */
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<HtmlNode>;
  getAttribute?(name: string): string | null;
}

const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TR', 'DT', 'DD', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'TABLE', 'UL', 'OL', 'DL', 'HR', 'ADDRESS', 'CENTER', 'FIGURE', 'FIGCAPTION', 'MAIN', 'NAV', 'ASIDE']);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const SKIPPED = new Set(['HEAD', 'STYLE', 'SCRIPT', 'TITLE', 'META', 'LINK', 'TEMPLATE', 'NOSCRIPT', 'XML', 'SVG', 'IMG', 'OBJECT', 'IFRAME', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);
/** A footnote or endnote reference's target: Word's "_ftn1"/"_edn1", Google Docs' "ftnt1". */
const NOTE_TARGET = /^(?:_?ftn|_?edn|ftnt|fn)\d+$/i;
/** Word's notes as a whole, printed after the text. */
const NOTE_LIST = /mso-element:\s*(?:footnote|endnote)-list/i;

function attr(node: HtmlNode, name: string): string | null {
  return node.nodeType === 1 && node.getAttribute ? node.getAttribute(name) : null;
}

function styleOf(node: HtmlNode): string {
  return (attr(node, 'style') ?? '').toLowerCase();
}

function hidden(node: HtmlNode): boolean {
  const style = styleOf(node).replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('mso-hide:all') || NOTE_LIST.test(style);
}

function children(node: HtmlNode): HtmlNode[] {
  return Array.from(node.childNodes);
}

function plainText(node: HtmlNode, leaveOut?: HtmlNode): string {
  if (node === leaveOut) return '';
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1 || SKIPPED.has(node.nodeName.toUpperCase())) return '';
  const block = BLOCKS.has(node.nodeName.toUpperCase()) || node.nodeName.toUpperCase() === 'BR';
  return (block ? ' ' : '') + children(node).map((c) => plainText(c, leaveOut)).join('') + (block ? ' ' : '');
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ');
}

interface Notes {
  /** A reference's target name → the note's words. */
  words: Map<string, string>;
  /** The elements holding notes: not lines of the text. */
  bodies: Set<HtmlNode>;
}

/** Every footnote and endnote the HTML carries, found from the references to them. */
function findNotes(root: HtmlNode): Notes {
  const named = new Map<string, HtmlNode>();
  const parent = new Map<HtmlNode, HtmlNode>();
  const references: string[] = [];
  const walk = (node: HtmlNode): void => {
    for (const child of children(node)) {
      if (child.nodeType !== 1) continue;
      parent.set(child, node);
      for (const name of [attr(child, 'id'), attr(child, 'name')]) if (name && !named.has(name)) named.set(name, child);
      const target = referenceTarget(child);
      if (target) references.push(target);
      walk(child);
    }
  };
  walk(root);
  const words = new Map<string, string>();
  const bodies = new Set<HtmlNode>();
  for (const target of references) {
    const anchor = named.get(target);
    if (!anchor || words.has(target)) continue;
    // The note is the block around its anchor, or Word's <div id=ftn1> holding its paragraphs.
    let body: HtmlNode | undefined = anchor;
    let block: HtmlNode | undefined;
    while (body && body !== root) {
      const name = body.nodeName.toUpperCase();
      if (name === 'DIV' && /^(?:ftn|edn)\d+$/i.test(attr(body, 'id') ?? '')) {
        block = body;
        break;
      }
      if (!block && BLOCKS.has(name) && name !== 'TABLE') block = body;
      body = parent.get(body);
    }
    if (!block) continue;
    bodies.add(block);
    words.set(target, collapse(plainText(block, anchor)).trim());
  }
  return { words, bodies };
}

/** The note a reference points at ("#_ftn1"), or null for any other link or a note's way back ("#_ftnref1"). */
function referenceTarget(node: HtmlNode): string | null {
  if (node.nodeName.toUpperCase() !== 'A') return null;
  const href = attr(node, 'href') ?? '';
  const hash = href.lastIndexOf('#');
  if (hash < 0) return null;
  const target = href.slice(hash + 1);
  return NOTE_TARGET.test(target) ? target : null;
}

interface Emphasis {
  em: boolean;
  strong: boolean;
}

function emphasisOf(node: HtmlNode, outer: Emphasis): Emphasis {
  const name = node.nodeName.toUpperCase();
  const style = styleOf(node).replace(/\s+/g, '');
  let { em, strong } = outer;
  if (name === 'I' || name === 'EM') em = true;
  if (name === 'B' || name === 'STRONG') strong = true;
  if (/font-style:(italic|oblique)/.test(style)) em = true;
  if (/font-style:normal/.test(style)) em = false;
  if (/font-weight:(bold|bolder|[6-9]00)/.test(style)) strong = true;
  if (/font-weight:(normal|lighter|[1-5]00)/.test(style)) strong = false;
  return { em, strong };
}

/** A list item's number as printed: "5." for a decimal list, "(a)" for a lettered one. */
function listNumber(list: HtmlNode, item: HtmlNode, index: number): string | undefined {
  const start = Number(attr(list, 'start') ?? '1');
  const n = (Number.isSafeInteger(start) ? start : 1) + index;
  const type = attr(list, 'type') ?? '';
  // Google Docs writes the kind of number on each item.
  const style = /list-style-type:\s*([a-z-]+)/.exec(`${styleOf(item)} ${styleOf(list)}`)?.[1] ?? '';
  const kind = style || (type === 'a' ? 'lower-alpha' : type === '' || type === '1' ? 'decimal' : type);
  if (kind === 'lower-alpha' || kind === 'lower-latin') return n >= 1 && n <= 26 ? `(${String.fromCharCode(96 + n)})` : undefined;
  if (kind === 'decimal') return `${n}.`;
  return undefined;
}

/** The lines of a pasted HTML document's body. */
export function linesFromDom(root: HtmlNode): SourceLine[] {
  const notes = findNotes(root);
  const lines: SourceLine[] = [];
  let current: SourceLine | null = null;
  const line = (): SourceLine => (current ??= { line: 0, runs: [] });
  const flush = (): void => {
    // A list item's number waits for its words, which Google Docs puts in a <p> inside the <li>.
    if (current && current.runs.length === 0 && current.numbering) return;
    if (current) lines.push(current);
    current = null;
  };
  const push = (run: SourceRun): void => {
    const runs = line().runs;
    const last = runs.at(-1);
    if ('text' in run && last && 'text' in last && !!last.em === !!run.em && !!last.strong === !!run.strong) last.text += run.text;
    else runs.push(run);
  };

  const walk = (node: HtmlNode, emphasis: Emphasis, pre: boolean): void => {
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      const pieces = pre ? value.split(/\r\n|\r|\n/) : [collapse(value)];
      pieces.forEach((piece, i) => {
        if (i > 0) flush();
        if (piece) push({ text: piece, ...(emphasis.em ? { em: true } : {}), ...(emphasis.strong ? { strong: true } : {}) });
      });
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIPPED.has(name) || hidden(node) || notes.bodies.has(node)) return;
    if (name === 'BR') {
      flush();
      return;
    }
    const target = referenceTarget(node);
    if (target) {
      const words = notes.words.get(target);
      if (words) push({ footnote: words });
      return;
    }
    // Word's automatic number, printed in a span it tells other readers to ignore.
    if (/mso-list:\s*ignore/.test(styleOf(node))) {
      const number = collapse(plainText(node)).trim();
      if (number) line().numbering = number;
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    if (HEADINGS.has(name)) line().heading = true;
    if (name === 'TD' || name === 'TH') push({ text: ' ' });
    const inner = emphasisOf(node, emphasis);
    let item = 0;
    for (const child of children(node)) {
      if ((name === 'OL' || name === 'UL') && child.nodeType === 1 && child.nodeName.toUpperCase() === 'LI') {
        flush();
        current = null;
        const number = name === 'OL' ? listNumber(node, child, item++) : undefined;
        if (number) line().numbering = number;
        walkChildren(child, emphasisOf(child, inner), pre);
        flush();
        continue;
      }
      walk(child, inner, pre || name === 'PRE');
    }
    if (block) flush();
  };
  const walkChildren = (node: HtmlNode, emphasis: Emphasis, pre: boolean): void => {
    if (/mso-list:\s*ignore/.test(styleOf(node))) return;
    for (const child of children(node)) walk(child, emphasis, pre);
  };

  walk(root, { em: false, strong: false }, false);
  if (current) lines.push(current);
  return lines
    .map((l) => ({ ...l, runs: trimRuns(l.runs) }))
    .filter((l) => l.runs.length > 0 || l.numbering)
    .map((l, i) => ({ ...l, line: i + 1 }));
}

/** Spaces at a line's ends are layout, not words. */
function trimRuns(runs: SourceRun[]): SourceRun[] {
  const out = runs.map((r) => ({ ...r }));
  const first = out.find((r) => 'text' in r);
  if (first && 'text' in first) first.text = first.text.replace(/^\s+/, '');
  const last = out.findLast((r) => 'text' in r);
  if (last && 'text' in last) last.text = last.text.replace(/\s+$/, '');
  return out.filter((r) => !('text' in r) || r.text !== '');
}

/** A clipboard's text/html as source lines, parsed by the browser. */
export function linesFromHtml(html: string): SourceLine[] {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  return linesFromDom(parsed.body as unknown as HtmlNode);
}
