/**
 * The recognizer's one pass over the lines, shared by a whole document (recognizeText) and a paste
 * (recognizeFragment). It keeps drafts, not nodes, until the end: an alternative group is only an
 * alternative group once its second member has come.
 */
import type { Node } from 'prosemirror-model';
import { newId } from '../ids.js';
import { isLabelNumber, MAX_LABEL_NUMBER } from '../label-claims.js';
import { romanNumeral } from '../label-format.js';
import { N, schema, type ParagraphStatus } from '../schema.js';
import { classifyLine, trailingStatus, type LineKind } from './classify.js';
import { classifyFront } from './front-matter.js';
import { readInline } from './inline.js';
import { count, emptyReport, quote } from './report.js';
import { displayOf, dropHead, flatOf, headOf, keepFlat, tokensOf, trimEnd, trimStart, type Token } from './tokens.js';
import type { RecognitionReport, SourceLine } from './types.js';

/** A report lists this many unrecognized lines at most: a file of garbage must not make a megabyte of report. */
export const MAX_LISTED = 200;

export interface SubDraft {
  num: number | null;
  sfx: number;
  content: Node[];
}

export interface ParagraphDraft {
  num: number | null;
  sfx: number;
  status: ParagraphStatus;
  alt: string | null;
  content: Node[];
  subs: SubDraft[];
  subLabels: Set<string>;
}

export interface BoxDraft {
  title: string;
  paragraphs: ParagraphDraft[];
  labels: Set<string>;
}

interface AltRun {
  id: string;
  num: number | null;
  sfx: number;
  index: number;
  members: ParagraphDraft[];
  line: number;
  label: string;
}

interface FrontCandidate {
  line: number;
  text: string;
  strong: boolean;
  tokens: Token[];
}

export interface ReadOptions {
  /** A paste: no boxes or front matter, labels read but not kept (the editor labels pasted blocks). */
  fragment: boolean;
}

export class Reader {
  readonly report: RecognitionReport = emptyReport();
  readonly boxes: BoxDraft[] = [];
  /** Fragment mode: the blocks in order (sub-paragraphs before any paragraph stand alone). */
  readonly blocks: Array<ParagraphDraft | SubDraft> = [];
  /** Whether any line read as structure (a label, a bracket, a footnote, a status). */
  structured = false;
  private run: AltRun | null = null;
  private readonly front: FrontCandidate[] = [];
  private lastParagraph: ParagraphDraft | null = null;

  constructor(private readonly options: ReadOptions) {}

  readLine(source: SourceLine): void {
    let tokens = tokensOf(source.runs);
    if (source.numbering && source.numbering.trim() !== '') {
      tokens = [...tokensOf([{ text: `${source.numbering.trim()} ` }]), ...trimStart(tokens)];
    }
    const display = displayOf(tokens);
    if (display.trim() === '') return;
    const head = headOf(tokens);
    const kind = classifyLine(head, source.heading === true);
    const line = source.line;

    if (kind.kind === 'box') {
      if (this.options.fragment) return this.plainParagraph(line, tokens, null);
      return this.openBox(line, kind, tokens);
    }
    if (kind.kind === 'text' && source.heading && !this.options.fragment && this.boxes.length > 0) {
      return this.openBox(line, { kind: 'box', numeral: null, title: display.trim(), consumed: head.length }, tokens);
    }
    if (!this.options.fragment && this.boxes.length === 0) {
      if (kind.kind === 'text') return this.frontLine(line, display, tokens, source.heading === true);
      this.boxes.push({ title: '', paragraphs: [], labels: new Set() });
      this.report.unrecognized.push({ line, text: quote(display), reason: 'no box heading before the first paragraph: the paragraphs are put in a box of their own', keptAs: 'paragraph' });
      count(this.report, 'boxes', 'Box I.');
    }
    if (kind.kind === 'paragraph') return this.paragraph(line, kind, tokens);
    if (kind.kind === 'subparagraph') return this.subparagraph(line, kind, tokens);
    this.plainParagraph(line, tokens, 'no paragraph number or sub-paragraph letter: kept as a paragraph of its own');
  }

  private openBox(line: number, kind: Extract<LineKind, { kind: 'box' }>, tokens: Token[]): void {
    this.closeRun();
    this.lastParagraph = null;
    const rest = dropHead(tokens, kind.consumed);
    let title = kind.title;
    if (rest.length > 0) {
      // A footnote in a heading: the model's box titles are plain text.
      title = `${title}${rest.map((t) => ('footnote' in t ? '' : t.ch)).join('')}`.trim();
      this.report.unrecognized.push({ line, text: quote(displayOf(tokens)), reason: 'a footnote in a box heading, which holds plain text only: the footnote is left out', keptAs: 'paragraph' });
    }
    const expected = this.boxes.length + 1;
    this.boxes.push({ title, paragraphs: [], labels: new Set() });
    if (kind.numeral !== null && kind.numeral !== expected) {
      this.report.unrecognized.push({
        line,
        text: quote(displayOf(tokens)),
        reason: `box numbered ${kind.numeral} where Box ${romanNumeral(expected)} comes: boxes are numbered by position, so it is Box ${romanNumeral(expected)}`,
        keptAs: 'paragraph',
      });
    }
    count(this.report, 'boxes', `Box ${romanNumeral(expected)}.${title === '' ? '' : ` ${title}`}`);
  }

  private frontLine(line: number, display: string, tokens: Token[], heading: boolean): void {
    const front = this.report.front;
    const read = classifyFront(display);
    if (read.kind === 'symbol' && front.symbol === null) {
      front.symbol = read.symbol;
      front.revision ??= read.revision;
    } else if (read.kind === 'revision' && front.revision === null) front.revision = read.revision;
    else if (read.kind === 'date' && front.statusDate === null) front.statusDate = read.date;
    else {
      const strong = heading || tokens.every((t) => 'footnote' in t || t.strong || t.ch.trim() === '');
      this.front.push({ line, text: display.trim(), strong, tokens });
      return;
    }
    front.lines.push(line);
  }

  /** The title: the first heading or bold line before the first box, else the last line there. */
  private settleFront(): void {
    if (this.front.length === 0) return;
    if (this.boxes.length === 0) return this.noStructure();
    const title = this.front.find((c) => c.strong) ?? this.front.at(-1)!;
    this.report.front.title = title.text;
    for (const c of this.front) {
      if (c === title) this.report.front.lines.push(c.line);
      else this.report.unrecognized.push({ line: c.line, text: quote(c.text), reason: 'before the first box, and not the symbol, revision, status date or title', keptAs: 'dropped' });
    }
    this.report.front.lines.sort((a, b) => a - b);
  }

  private body(line: number, tokens: Token[], allowStatus: boolean): { content: Node[]; status: ParagraphStatus | null } {
    let rest = tokens;
    let status: ParagraphStatus | null = null;
    if (allowStatus) {
      const found = trailingStatus(flatOf(rest));
      if (found) {
        status = found.status;
        rest = keepFlat(rest, found.keep);
      }
    }
    const read = readInline(rest);
    if (read.problems.length > 0) {
      this.report.unrecognized.push({ line, text: quote(displayOf(tokens)), reason: read.problems.join('; '), keptAs: 'paragraph' });
    }
    for (const b of read.brackets) {
      this.structured = true;
      count(this.report, 'brackets', `[${b.text}]`);
      if (b.sponsors.length > 0) count(this.report, 'sponsors', `[${quote(b.text)}]{${b.sponsors.join(', ')}}`);
    }
    for (const f of read.footnotes) {
      this.structured = true;
      count(this.report, 'footnotes', f);
    }
    return { content: read.nodes, status };
  }

  private paragraph(line: number, kind: Extract<LineKind, { kind: 'paragraph' }>, tokens: Token[]): void {
    this.structured = true;
    const { content, status } = this.body(line, dropHead(tokens, kind.consumed), true);
    const draft: ParagraphDraft = { num: null, sfx: 0, status: status ?? 'under_negotiation', alt: null, content, subs: [], subLabels: new Set() };
    const example = `${kind.label}. ${displayOf(dropHead(tokens, kind.consumed))}`;
    let num = kind.num;
    if (num !== null && !isLabelNumber(num)) {
      this.report.unrecognized.push({ line, text: quote(example), reason: `paragraph number ${num} is over ${MAX_LABEL_NUMBER}: it gets a new number`, keptAs: 'paragraph' });
      num = null;
    }
    if (kind.alt !== null) {
      const run = this.run;
      const continues = run !== null && kind.alt > run.index && (kind.num === null || (kind.num === run.num && kind.sfx === run.sfx) || run.num === null);
      if (continues && run) {
        run.index = kind.alt;
        run.members.push(draft);
        draft.num = run.num;
        draft.sfx = run.sfx;
        draft.alt = run.id;
      } else {
        this.closeRun();
        const claimed = this.claim(line, num, kind.sfx, example);
        draft.num = claimed?.num ?? null;
        draft.sfx = claimed?.sfx ?? 0;
        draft.alt = newId();
        this.run = { id: draft.alt, num: draft.num, sfx: draft.sfx, index: kind.alt, members: [draft], line, label: kind.label };
      }
    } else {
      this.closeRun();
      const claimed = this.claim(line, num, kind.sfx, example);
      draft.num = claimed?.num ?? null;
      draft.sfx = claimed?.sfx ?? 0;
    }
    count(this.report, 'paragraphs', example);
    if (status !== null && status !== 'under_negotiation') count(this.report, 'statuses', `${this.cite(kind.label)}: ${status === 'agreed' ? 'agreed' : 'agreed ad ref'}`);
    this.push(draft);
  }

  /** A paragraph's label, unless its box already has it (then the paragraph is numbered afresh). */
  private claim(line: number, num: number | null, sfx: number, example: string): { num: number; sfx: number } | null {
    if (num === null) return null;
    if (this.options.fragment) return null;
    const box = this.boxes.at(-1)!;
    const key = `${num}:${sfx}`;
    if (box.labels.has(key)) {
      this.report.unrecognized.push({ line, text: quote(example), reason: 'this paragraph number appears twice in the box: the second gets a new number', keptAs: 'paragraph' });
      return null;
    }
    box.labels.add(key);
    return { num, sfx };
  }

  private push(draft: ParagraphDraft): void {
    this.lastParagraph = draft;
    if (this.options.fragment) this.blocks.push(draft);
    else this.boxes.at(-1)!.paragraphs.push(draft);
  }

  private closeRun(): void {
    const run = this.run;
    this.run = null;
    if (!run) return;
    if (run.members.length < 2) {
      run.members[0]!.alt = null;
      this.report.unrecognized.push({ line: run.line, text: run.label, reason: 'an alternative without a second one: kept as a plain paragraph', keptAs: 'paragraph' });
      return;
    }
    const slot = run.num === null ? null : run.label.replace(/ Alt \d+$/, '');
    const example = `${slot === null ? 'Alternatives' : this.cite(slot)}: ${run.members.map((_, i) => `Alt ${i + 1}`).join(', ')}`;
    run.members.forEach((_, i) => count(this.report, 'alternatives', i === 0 ? example : null));
  }

  /** "Box II(4)": a label as cited in the report, with its box (a fragment has none). */
  private cite(label: string): string {
    return this.options.fragment || this.boxes.length === 0 ? label : `Box ${romanNumeral(this.boxes.length)}(${label})`;
  }

  private subparagraph(line: number, kind: Extract<LineKind, { kind: 'subparagraph' }>, tokens: Token[]): void {
    this.structured = true;
    const rest = dropHead(tokens, kind.consumed);
    const { content } = this.body(line, rest, false);
    const example = `${kind.label} ${displayOf(rest)}`;
    const parent = this.lastParagraph;
    const draft: SubDraft = { num: null, sfx: 0, content };
    if (!parent) {
      if (this.options.fragment) {
        this.blocks.push(draft);
        count(this.report, 'subparagraphs', example);
        return;
      }
      this.report.unrecognized.push({ line, text: quote(example), reason: 'a sub-paragraph before the first paragraph of its box: kept as a paragraph', keptAs: 'paragraph' });
      this.closeRun();
      this.push({ num: null, sfx: 0, status: 'under_negotiation', alt: null, content: this.body(line, tokens, false).content, subs: [], subLabels: new Set() });
      return;
    }
    const key = `${kind.num}:${kind.sfx}`;
    if (this.options.fragment) {
      // labels are left for the editor to give
    } else if (kind.num === null || !isLabelNumber(kind.num) || !isLabelNumber(kind.sfx)) {
      this.report.unrecognized.push({ line, text: quote(example), reason: 'a sub-paragraph letter too far into the alphabet: it gets a new letter', keptAs: 'paragraph' });
    } else if (parent.subLabels.has(key)) {
      this.report.unrecognized.push({ line, text: quote(example), reason: 'this sub-paragraph letter appears twice in the paragraph: the second gets a new letter', keptAs: 'paragraph' });
    } else {
      parent.subLabels.add(key);
      draft.num = kind.num;
      draft.sfx = kind.sfx;
    }
    parent.subs.push(draft);
    count(this.report, 'subparagraphs', example);
  }

  private plainParagraph(line: number, tokens: Token[], reason: string | null): void {
    this.closeRun();
    const trimmed = trimEnd(trimStart(tokens));
    if (reason !== null) this.report.unrecognized.push({ line, text: quote(displayOf(trimmed)), reason, keptAs: 'paragraph' });
    const { content } = this.body(line, trimmed, false);
    this.push({ num: null, sfx: 0, status: 'under_negotiation', alt: null, content, subs: [], subLabels: new Set() });
  }

  /**
   * Nothing in the text read as a box or a paragraph (prose, or a list without numbers): no line is
   * front matter to drop then. A heading or bold line is still the title; every other line is kept, a
   * paragraph of one box.
   */
  private noStructure(): void {
    const title = this.front.find((c) => c.strong);
    if (title) {
      this.report.front.title = title.text;
      this.report.front.lines.push(title.line);
      this.report.front.lines.sort((a, b) => a - b);
    }
    this.boxes.push({ title: '', paragraphs: [], labels: new Set() });
    count(this.report, 'boxes', 'Box I.');
    for (const c of this.front) {
      if (c !== title) this.plainParagraph(c.line, c.tokens, 'no box heading or paragraph number anywhere: kept as a paragraph of a box of its own');
    }
  }

  /** Call once after the last line. */
  finish(): void {
    this.closeRun();
    if (!this.options.fragment) this.settleFront();
    const list = this.report.unrecognized;
    if (list.length > MAX_LISTED) {
      const rest = list.length - MAX_LISTED + 1;
      const first = list[MAX_LISTED - 1]!;
      list.splice(MAX_LISTED - 1, list.length, { line: first.line, text: '', reason: `${rest} more lines from here on were not recognized either (not listed one by one)`, keptAs: first.keptAs });
    }
  }
}

export function paragraphNode(p: ParagraphDraft): Node {
  const { nodes } = schema;
  return nodes[N.paragraph]!.create({ id: newId(), num: p.num, sfx: p.sfx, status: p.status, alt: p.alt }, [
    nodes[N.paragraphText]!.create(null, p.content),
    ...p.subs.map(subparagraphNode),
  ]);
}

export function subparagraphNode(s: SubDraft): Node {
  return schema.nodes[N.subparagraph]!.create({ id: newId(), num: s.num, sfx: s.sfx }, s.content);
}

export function documentNode(boxes: BoxDraft[]): Node {
  const { nodes } = schema;
  const all = boxes.length > 0 ? boxes : [{ title: '', paragraphs: [], labels: new Set<string>() }];
  return nodes[N.doc]!.create(
    null,
    all.map((b) => nodes[N.box]!.create({ id: newId() }, [nodes[N.boxTitle]!.create(null, b.title === '' ? null : schema.text(b.title)), ...b.paragraphs.map(paragraphNode)])),
  );
}
