/**
 * Printed runs as Word runs: each role in its character style, a label followed by a tab, footnotes
 * as real footnotes (the reference in the text, the note in footnotes.xml), and in a redline each
 * inserted or deleted piece inside `w:ins` / `w:del` with the change's author category and date.
 */
import { DeletedTextRun, InsertedTextRun, Paragraph, Tab, TextRun, XmlAttributeComponent, XmlComponent, type IRunOptions, type ParagraphChild } from 'docx';
import type { PrintedChange, PrintedRun } from '../printed-types.js';
import { xmlSafe } from '../xml-escape.js';
import { STYLE } from './docx-styles.js';

/** One paragraph of a move: its changes' ids (paragraph mark first), from `ids[0]` to `ids[1]`. */
export interface DocxMove {
  kind: 'from' | 'to';
  /** Shared by the deletion and the insertion of one move, so Word links them. */
  name: string;
  ids: [number, number];
  /** The move's first and last paragraph: where its range starts and ends. */
  first: boolean;
  last: boolean;
}

/** What a document's runs share: the ids of tracked changes, footnotes and comments, and who made the changes. */
export class DocxContext {
  private revision = 0;
  readonly footnotes: Record<number, { children: Paragraph[] }> = {};
  private footnoteCount = 0;
  /** Moved paragraphs: the range of their tracked-change ids, turned into Word moves (docx-moves.ts). */
  readonly moves: DocxMove[] = [];

  constructor(
    readonly author: string,
    readonly date: string,
  ) {}

  /** The id the next tracked change gets. */
  nextChange(): number {
    return this.revision + 1;
  }

  /** A tracked change's attributes; ids are unique in the document, as Word requires. */
  change(): { id: number; author: string; date: string } {
    return { id: ++this.revision, author: this.author, date: this.date };
  }

  footnote(text: string): number {
    const id = ++this.footnoteCount;
    this.footnotes[id] = { children: [new Paragraph({ style: 'FootnoteText', children: [new TextRun(xmlSafe(text))] })] };
    return id;
  }
}

class FootnoteReferenceAttributes extends XmlAttributeComponent<{ id: number }> {
  protected override readonly xmlKeys = { id: 'w:id' };
}

/** `<w:footnoteReference w:id="n"/>`, for a run inside `w:ins`/`w:del` (docx's FootnoteReferenceRun is a whole run). */
class FootnoteReference extends XmlComponent {
  constructor(id: number) {
    super('w:footnoteReference');
    this.root.push(new FootnoteReferenceAttributes({ id }));
  }
}

/** How runs of a change look where they are not tracked changes (a compilation's proposals). */
export type ChangeDisplay = 'tracked' | 'styled';

export function docxRuns(runs: readonly PrintedRun[], ctx: DocxContext, display: ChangeDisplay = 'tracked'): ParagraphChild[] {
  return runs.map((run) => docxRun(run, ctx, display));
}

function docxRun(run: PrintedRun, ctx: DocxContext, display: ChangeDisplay): ParagraphChild {
  const options = runOptions(run, ctx);
  if (!run.change) return new TextRun(options);
  if (display === 'styled') return new TextRun({ ...options, style: run.change === 'insert' ? STYLE.proposedInsertion : STYLE.proposedDeletion });
  return tracked(run.change, options, ctx);
}

export function tracked(change: PrintedChange, options: IRunOptions, ctx: DocxContext): ParagraphChild {
  return change === 'insert' ? new InsertedTextRun({ ...options, ...ctx.change() }) : new DeletedTextRun({ ...options, ...ctx.change() });
}

function runOptions(run: PrintedRun, ctx: DocxContext): IRunOptions {
  if (run.kind === 'footnote') return { style: STYLE.footnoteReference, children: [new FootnoteReference(ctx.footnote(run.text))] };
  const text = xmlSafe(run.text);
  switch (run.role) {
    case 'label':
      return { style: STYLE.label, children: [text, new Tab()] };
    case 'bracket':
      return { style: STYLE.bracket, text };
    case 'sponsors':
      return { style: STYLE.sponsors, text };
    case 'status':
      return { style: STYLE.status, text };
    case 'words':
      return { text, ...(run.em ? { italics: true } : {}), ...(run.strong ? { bold: true } : {}) };
  }
}
