/**
 * The rolling text as it is printed: the one layout every export renders (DOCX, HTML and so PDF,
 * Markdown, plain text). Labels, brackets, sponsors and statuses are printed characters here, so a
 * redline can mark any of them inserted or deleted, and Accept All / Reject All in Word give exactly
 * the newer and the older printed text. Built from the model by printed.ts (one text) and
 * printed-redline.ts (two texts); renderers never read the ProseMirror model themselves.
 */
import type { ParagraphStatus } from '@accord/text';

/** In a redline: this piece exists only in the newer text (`insert`) or only in the older (`delete`). */
export type PrintedChange = 'insert' | 'delete';

/**
 * What a printed run is, so a renderer can style it ("Accord Label", "Accord Bracket", …):
 * - `label`: "2bis." or "(a)" or "3 Alt 1." (renderers put a tab after it);
 * - `words`: the text itself;
 * - `bracket`: one "[" or "]" character;
 * - `sponsors`: "{Arandia, Veloria}" right after a closing bracket (absent where attribution forbids);
 * - `status`: " {agreed}" or " {agreed ad ref}" at the end of a paragraph (nothing for under negotiation).
 */
export type PrintedRole = 'label' | 'words' | 'bracket' | 'sponsors' | 'status';

export interface PrintedTextRun {
  kind: 'text';
  role: PrintedRole;
  text: string;
  /** Inside a square bracket (the brackets themselves included). */
  inBracket: boolean;
  em?: boolean;
  strong?: boolean;
  change?: PrintedChange;
}

/** A footnote: a real footnote in DOCX, an `authorialNote` in Akoma Ntoso, `^[…]` in plain text. */
export interface PrintedFootnoteRun {
  kind: 'footnote';
  text: string;
  inBracket: boolean;
  change?: PrintedChange;
}

export type PrintedRun = PrintedTextRun | PrintedFootnoteRun;

/** One amendment under its paragraph, in a compilation. */
export interface PrintedProposal {
  /** "Amendment 2: replace. Proposed by Civil society; supported by 2 governments. Submitted." */
  heading: string;
  /** The proposed wording as a redline against the wording now (insert/delete runs), or the plain wording. */
  runs: PrintedRun[];
  /** The justification and any reason, one line each. */
  notes: string[];
}

export interface PrintedBlock {
  /** The permanent id (paragraph or sub-paragraph). */
  id: string;
  kind: 'paragraph' | 'subparagraph';
  /** As printed without punctuation: "2bis", "(a)". */
  label: string;
  /** "Alt 1" when one of an alternative group, else null. */
  alt: string | null;
  /** Paragraphs only; null for a sub-paragraph. */
  status: ParagraphStatus | null;
  /** The label run first, then words, brackets, sponsors, footnotes, and the status run last. */
  runs: PrintedRun[];
  /**
   * Redline: the whole block, paragraph mark included, exists only in one of the two texts. Every run
   * of such a block carries the same `change`, so a renderer may mark runs from their own field alone.
   */
  change?: PrintedChange;
  /** Redline: "Moved from Box III(2)" on the insertion, "Moved to Box II(4)" on the deletion. */
  note?: string;
  /** Compilation: the amendments proposed to this block. */
  proposals?: PrintedProposal[];
}

export interface PrintedBox {
  id: string;
  /** "III". */
  numeral: string;
  /** "Box III. Prohibitions and requirements": the heading as printed. */
  heading: string;
  title: string;
  /**
   * Redline: the heading line alone is in one text only; the blocks carry their own changes. A box
   * renumbered or retitled prints twice: its old heading deleted (no blocks), then its new heading
   * inserted with the blocks. So never hide or strike a box's blocks because of this field.
   */
  change?: PrintedChange;
  blocks: PrintedBlock[];
}

/** What a UN working paper prints above the text. Never a member's name or affiliation. */
export interface FrontMatter {
  /** "CCW/GGE.1/2026/WP.1/Rev.1". */
  symbol: string;
  title: string;
  /** ISO date, printed as "Status: 1 September 2026"; null when none. */
  statusDate: string | null;
  /** "Rev.1" when the text is a named revision. */
  revisionLabel: string | null;
  /** "Redline: Rev.2 (newer) compared with Rev.1 (older)", "Compilation of amendments". */
  subtitle: string | null;
  /** Printed in small type under the title: "Sponsors are not shown: this dialogue is held under the Chatham House Rule." */
  notes: string[];
}

export interface PrintedDocument {
  kind: 'text' | 'redline' | 'compilation';
  front: FrontMatter;
  boxes: PrintedBox[];
  /** Redline only: who the tracked changes are attributed to, a category ("Chair"), never a name. */
  changeAuthor?: string;
  /** Redline only: ISO date-time stamped on each tracked change. */
  changeDate?: string;
}

/** How a text is printed. */
export interface PrintOptions {
  /** Print the sponsors after closing brackets. False under the Chatham House Rule. */
  sponsors: boolean;
}
