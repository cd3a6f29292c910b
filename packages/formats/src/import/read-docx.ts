/**
 * readDocx: a Word file's text as SourceLines for the recognizer (@accord/text/recognize). It reads
 * word/document.xml itself rather than through mammoth, which cannot reject tracked changes:
 * paragraphs and runs (bold, italic), tabs and breaks, footnotes (word/footnotes.xml) as footnote
 * runs, heading styles, Word's automatic numbering as printed, tracked changes accepted or rejected
 * (and counted), comments counted (never their authors). Hostile files are refused with an
 * ImportRefusal before anything is parsed (docx-container.ts, zip.ts, xml.ts).
 */
import type { SourceLine, SourceRun } from '@accord/text/recognize';
import { openDocx } from './docx-container.js';
import { Numbering } from './docx-numbering.js';
import { Styles } from './docx-styles.js';
import { tooComplex, unreadable } from './refusal.js';
import { child, childrenNamed, findAll, isElement, isOn, parseXml, type XmlElement, type XmlNode } from './xml.js';

export const MAX_DOCX_PARAGRAPHS = 20_000;
/** document.xml itself: Word writes well under 1 KB a paragraph, so 20,000 paragraphs fit. */
const MAX_MAIN_PART_CHARS = 32 * 1024 * 1024;
const EXAMPLES = 5;
const QUOTE = 80;

export interface DocxReadOptions {
  /** Which text a file with tracked changes gives: the newer (accept) or the older (reject). Unset: accepted, and counted. */
  trackedChanges?: 'accept' | 'reject';
}

export interface DocxReading {
  lines: SourceLine[];
  trackedChanges: { insertions: number; deletions: number; moves: number; examples: string[] };
  /** Comments are counted and quoted, never attributed. */
  comments: { count: number; examples: string[] };
  warnings: string[];
}

type Change = 'ins' | 'del' | 'moveTo' | 'moveFrom';
const CHANGE_OF: Record<string, Change> = { 'w:ins': 'ins', 'w:del': 'del', 'w:moveTo': 'moveTo', 'w:moveFrom': 'moveFrom' };
/** Containers whose runs are read as if they stood in the paragraph. */
const TRANSPARENT = new Set(['w:hyperlink', 'w:smartTag', 'w:customXml', 'w:sdt', 'w:sdtContent', 'w:fldSimple', 'w:dir', 'w:bdo']);

function quote(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > QUOTE ? `${t.slice(0, QUOTE - 1)}…` : t;
}

class DocxReader {
  readonly reading: DocxReading = { lines: [], trackedChanges: { insertions: 0, deletions: 0, moves: 0, examples: [] }, comments: { count: 0, examples: [] }, warnings: [] };
  private readonly warned = new Set<string>();
  footnotes = new Map<string, string>();
  /**
   * Word has no escapes, so a backslash in a paragraph is the character, written "\\\\" for the
   * recognizer. Footnote texts and headings (box titles) are taken verbatim by it, so not there.
   */
  private escaping = true;

  constructor(
    private readonly choice: 'accept' | 'reject' | undefined,
    private readonly styles: Styles,
    private readonly numbering: Numbering,
  ) {}

  warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.reading.warnings.push(message);
  }

  /** Whether content inside this change survives the choice (none chosen: as accepted). */
  private keeps(change: Change): boolean {
    const removed: readonly Change[] = this.choice === 'reject' ? ['ins', 'moveTo'] : ['del', 'moveFrom'];
    return !removed.includes(change);
  }

  private count(change: Change, text: string): void {
    const tc = this.reading.trackedChanges;
    if (change === 'ins') tc.insertions++;
    else if (change === 'del') tc.deletions++;
    else if (change === 'moveTo') tc.moves++;
    const verb = { ins: 'Inserted', del: 'Deleted', moveTo: 'Moved', moveFrom: null }[change];
    if (verb && text.trim() !== '' && tc.examples.length < EXAMPLES) tc.examples.push(`${verb}: "${quote(text)}"`);
  }

  /** The runs of a paragraph (or any container of runs), tracked changes applied. */
  runs(nodes: readonly XmlNode[], out: SourceRun[] = []): SourceRun[] {
    // Word splits one change into a w:ins (or w:del) per run of formatting: "[", the words, "]".
    // Adjacent ones of one kind are one change, counted and quoted once.
    const open: { pending: { change: Change; text: string } | null } = { pending: null };
    const settle = (): void => {
      if (open.pending) this.count(open.pending.change, open.pending.text);
      open.pending = null;
    };
    for (const node of nodes) {
      if (!isElement(node)) continue;
      const change = CHANGE_OF[node.name];
      if (change) {
        const inner = this.runs(node.children);
        const text = inner.map((r) => ('text' in r ? r.text : '')).join('');
        if (open.pending?.change === change) open.pending.text += text;
        else {
          settle();
          open.pending = { change, text };
        }
        if (this.keeps(change)) out.push(...inner);
        continue;
      }
      if (node.name === 'w:r') {
        settle();
        this.run(node, out);
      } else if (TRANSPARENT.has(node.name)) this.runs(node.children, out);
      else if (node.name === 'm:oMath' || node.name === 'm:oMathPara') this.warn('An equation was left out: equations are not part of a rolling text.');
    }
    settle();
    return out;
  }

  private run(r: XmlElement, out: SourceRun[]): void {
    const rPr = child(r, 'w:rPr');
    if (rPr && isOn(child(rPr, 'w:vanish'))) {
      this.warn('Hidden text was left out.');
      return;
    }
    const em = rPr ? isOn(child(rPr, 'w:i')) : false;
    const strong = rPr ? isOn(child(rPr, 'w:b')) : false;
    const push = (text: string): void => {
      if (text === '') return;
      const last = out.at(-1);
      if (last && 'text' in last && (last.em ?? false) === em && (last.strong ?? false) === strong) last.text += text;
      else out.push(em || strong ? { text, em, strong } : { text });
    };
    for (const node of r.children) {
      if (!isElement(node)) continue;
      switch (node.name) {
        case 'w:t':
        case 'w:delText':
          {
            const text = node.children.map((c) => ('text' in c ? c.text : '')).join('');
            push(this.escaping ? text.replace(/\\/g, '\\\\') : text);
          }
          break;
        case 'w:tab':
        case 'w:ptab':
          push('\t');
          break;
        case 'w:br':
        case 'w:cr':
          push(' ');
          break;
        case 'w:noBreakHyphen':
          push('-');
          break;
        case 'w:footnoteReference':
        case 'w:endnoteReference': {
          const note = this.footnotes.get(`${node.name === 'w:endnoteReference' ? 'e' : 'f'}${node.attrs['w:id'] ?? ''}`);
          if (note !== undefined) out.push({ footnote: note });
          break;
        }
        case 'w:drawing':
        case 'w:pict':
        case 'w:object':
          this.warn('Pictures and objects were left out.');
          break;
        default:
          break;
      }
    }
  }

  /** A footnote's text: its paragraphs joined by a space, the reference mark left out; its changes counted too. */
  noteText(note: XmlElement): string {
    this.escaping = false;
    try {
      return childrenNamed(note, 'w:p')
        .map((p) => this.runs(p.children).map((r) => ('text' in r ? r.text : '')).join(''))
        .join(' ')
        .replace(/\t/g, ' ');
    } finally {
      this.escaping = true;
    }
  }

  /** The paragraphs of the body in reading order, tables and content controls included. */
  paragraphs(nodes: readonly XmlNode[], out: XmlElement[] = []): XmlElement[] {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      if (node.name === 'w:p') out.push(node);
      else if (node.name === 'w:tbl') {
        this.warn('A table was read cell by cell, each cell paragraph as a line.');
        this.paragraphs(node.children, out);
      } else if (['w:tr', 'w:tc', 'w:sdt', 'w:sdtContent', 'w:customXml'].includes(node.name)) this.paragraphs(node.children, out);
      else if (node.name === 'w:altChunk') this.warn('An embedded document (altChunk) was left out.');
    }
    return out;
  }

  readBody(body: XmlElement): void {
    const paragraphs = this.paragraphs(body.children);
    if (paragraphs.length > MAX_DOCX_PARAGRAPHS) throw tooComplex(`This document has ${paragraphs.length} paragraphs; a text to negotiate is read up to ${MAX_DOCX_PARAGRAPHS}.`);
    let carried: SourceRun[] = [];
    paragraphs.forEach((p, index) => {
      const pPr = child(p, 'w:pPr');
      const styleId = pPr ? child(pPr, 'w:pStyle')?.attrs['w:val'] : undefined;
      const heading = this.styles.isHeading(styleId) || (pPr !== undefined && Number(child(pPr, 'w:outlineLvl')?.attrs['w:val'] ?? 9) < 9);
      this.escaping = !heading;
      const runs = [...carried, ...this.runs(p.children)];
      this.escaping = true;
      carried = [];
      // A paragraph mark inserted or deleted: when the choice removes it, this paragraph's words run on
      // into the next one (as Word joins them), taking the next paragraph's style and numbering.
      const markPr = pPr ? child(pPr, 'w:rPr') : undefined;
      const markChange = markPr ? (['w:ins', 'w:del', 'w:moveTo', 'w:moveFrom'].map((n) => (child(markPr, n) ? CHANGE_OF[n]! : null)).find((c) => c !== null) ?? null) : null;
      if (markChange && !p.children.some((c) => isElement(c) && CHANGE_OF[c.name])) this.count(markChange, '');
      if (markChange && !this.keeps(markChange) && index < paragraphs.length - 1) {
        carried = runs;
        return;
      }
      // Word files often end a paragraph with stray spaces; a text never needs them.
      for (let last = runs.at(-1); last && 'text' in last; last = runs.at(-1)) {
        last.text = last.text.trimEnd();
        if (last.text !== '') break;
        runs.pop();
      }
      const line: SourceLine = { line: index + 1, runs };
      if (heading) line.heading = true;
      const numPr = pPr ? child(pPr, 'w:numPr') : undefined;
      const own = numPr ? { numId: child(numPr, 'w:numId')?.attrs['w:val'], ilvl: Number(child(numPr, 'w:ilvl')?.attrs['w:val'] ?? 0) } : undefined;
      const num = own?.numId !== undefined ? { numId: own.numId, ilvl: own.ilvl } : this.styles.numbering(styleId);
      if (num) {
        const printed = this.numbering.next(num.numId, Number.isFinite(num.ilvl) ? num.ilvl : 0);
        if (printed !== undefined) line.numbering = printed;
      }
      // An empty paragraph is nothing to recognize, even where Word prints a number before it.
      if (runs.some((r) => 'footnote' in r || r.text.trim() !== '')) this.reading.lines.push(line);
    });
  }
}

/** Part names from the main part's relationships: footnotes, endnotes, numbering, styles, comments. */
function relatedParts(zip: ReturnType<typeof openDocx>['zip'], main: string): Map<string, string> {
  const dir = main.includes('/') ? main.slice(0, main.lastIndexOf('/') + 1) : '';
  const relsName = `${dir}_rels/${main.slice(dir.length)}.rels`;
  const parts = new Map<string, string>();
  const xml = zip.readText(relsName);
  if (xml !== null) {
    for (const rel of findAll(parseXml(xml, relsName), 'Relationship')) {
      const kind = /\/([A-Za-z]+)$/.exec(rel.attrs.Type ?? '')?.[1];
      const target = rel.attrs.Target ?? '';
      if (!kind || rel.attrs.TargetMode === 'External' || parts.has(kind)) continue;
      parts.set(kind, target.startsWith('/') ? target.slice(1) : normalize(dir + target));
    }
  }
  for (const kind of ['footnotes', 'endnotes', 'numbering', 'styles', 'comments']) if (!parts.has(kind)) parts.set(kind, `${dir}${kind}.xml`);
  return parts;
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** Refuses with ImportRefusal (FILE_UNREADABLE, FILE_ENCRYPTED, FILE_HAS_MACROS, FILE_TOO_COMPLEX); never anything else for a bad file. */
export function readDocx(bytes: Uint8Array, opts: DocxReadOptions = {}): DocxReading {
  const { zip, main } = openDocx(bytes);
  const mainXml = zip.readText(main)!;
  if (mainXml.length > MAX_MAIN_PART_CHARS) throw tooComplex(`This document's text part is over ${MAX_MAIN_PART_CHARS / 1024 / 1024} MB: too large to be a text to negotiate.`);
  // Counted before parsing: 10^5 paragraphs must be refused without building their tree.
  const paragraphCount = (mainXml.match(/<w:p[\s>/]/g) ?? []).length;
  if (paragraphCount > MAX_DOCX_PARAGRAPHS) throw tooComplex(`This document has ${paragraphCount} paragraphs; a text to negotiate is read up to ${MAX_DOCX_PARAGRAPHS}.`);
  const parts = relatedParts(zip, main);
  const root = (name: string): XmlElement | undefined => {
    const part = parts.get(name)!;
    const xml = zip.readText(part);
    return xml === null ? undefined : parseXml(xml, part)[0];
  };
  const reader = new DocxReader(opts.trackedChanges, new Styles(root('styles')), new Numbering(root('numbering')));
  for (const [kind, prefix, tag] of [
    ['footnotes', 'f', 'w:footnote'],
    ['endnotes', 'e', 'w:endnote'],
  ] as const) {
    const notes = root(kind);
    if (!notes) continue;
    for (const note of childrenNamed(notes, tag)) {
      const type = note.attrs['w:type'];
      if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
      reader.footnotes.set(`${prefix}${note.attrs['w:id'] ?? ''}`, reader.noteText(note));
    }
  }
  const comments = root('comments');
  if (comments) {
    for (const comment of childrenNamed(comments, 'w:comment')) {
      reader.reading.comments.count++;
      const text = childrenNamed(comment, 'w:p')
        .map((p) => findAll(p.children, 'w:t').map((t) => t.children.map((c) => ('text' in c ? c.text : '')).join('')).join(''))
        .join(' ');
      if (reader.reading.comments.examples.length < EXAMPLES && text.trim() !== '') reader.reading.comments.examples.push(quote(text));
    }
  }
  const document = parseXml(mainXml, main)[0];
  const body = document ? child(document, 'w:body') : undefined;
  if (!body) throw unreadable('This file is not a complete .docx: its document has no body.');
  reader.readBody(body);
  return reader.reading;
}
