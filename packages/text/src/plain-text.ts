/**
 * The rolling text as plain text a diplomat can read in an e-mail, and write:
 *
 *   Box I. Characterisation of lethal autonomous weapons systems
 *
 *   1. Text with [shall][should]{Arandia, Veloria} and a footnote^[Footnote text.].
 *   2. Chapeau text: {agreed ad ref}
 *      (a) sub-paragraph text;
 *   2bis. inserted paragraph {agreed}
 *   3 Alt 1. first alternative
 *   3 Alt 2. second alternative
 *
 * Emphasis is dropped (JSON is the lossless form). Labels are read back into num/sfx, so a text
 * written here and parsed again shows the same labels.
 */
import type { Node } from 'prosemirror-model';
import { TextFormatError } from './errors.js';
import { newId } from './ids.js';
import { isLabelNumber, MAX_LABEL_NUMBER } from './label-claims.js';
import { LATIN_SUFFIXES, parseLetter, parseRomanNumeral, parseSuffix, romanNumeral } from './label-format.js';
import { computeLabels } from './labels.js';
import { InlineSyntaxError, LINE_BREAKS, parseInline, writeInline } from './plain-text-inline.js';
import { isParagraphStatus, N, schema, type ParagraphStatus } from './schema.js';

const STATUS_MARKERS: Record<ParagraphStatus, string> = { under_negotiation: '', agreed_ad_ref: ' {agreed ad ref}', agreed: ' {agreed}' };
/**
 * What a writer may type; the first spelling of each is what toPlainText writes. A Map, not an
 * object: "{constructor}" must not find Object's constructor and pass for a status.
 */
const STATUS_SPELLINGS = new Map<string, ParagraphStatus>([
  ['agreed', 'agreed'],
  ['agreed ad ref', 'agreed_ad_ref'],
  ['agreed ad ref.', 'agreed_ad_ref'],
  ['agreed ad referendum', 'agreed_ad_ref'],
  ['under negotiation', 'under_negotiation'],
]);
const SUB_INDENT = '   ';

/**
 * Writes any document fromYDoc can return. Concurrent edits (or a hostile writer) can leave content
 * the schema's content expressions forbid, such as a paragraph without its text or outside a box:
 * what has no label is left out, rather than making the server's text endpoint fail.
 */
export function toPlainText(doc: Node): string {
  const labels = computeLabels(doc);
  const lines: string[] = [];
  doc.forEach((box, boxPos) => {
    if (box.type.name !== N.box) return;
    if (lines.length > 0) lines.push('');
    const title = box.firstChild?.type.name === N.boxTitle ? oneLine(box.firstChild.textContent) : '';
    lines.push(`Box ${labels.atPos.get(boxPos)!.short}.${withSpace(title)}`, '');
    box.forEach((paragraph, offset) => {
      if (paragraph.type.name !== N.paragraph) return;
      const pos = boxPos + 1 + offset;
      // Checked, not looked up blindly: a status of "constructor" would find Object's.
      const status: unknown = paragraph.attrs.status;
      const marker = isParagraphStatus(status) ? STATUS_MARKERS[status] : '';
      const text = paragraph.firstChild?.type.name === N.paragraphText ? writeInline(paragraph.firstChild) : '';
      lines.push(`${labels.atPos.get(pos)!.short}.${withSpace(text)}${marker}`);
      paragraph.forEach((sub, subOffset) => {
        if (sub.type.name !== N.subparagraph) return;
        lines.push(`${SUB_INDENT}${labels.atPos.get(pos + 1 + subOffset)!.short}${withSpace(writeInline(sub))}`);
      });
    });
  });
  return `${lines.join('\n')}\n`;
}

function withSpace(text: string): string {
  return text === '' ? '' : ` ${text}`;
}

/** Titles are read verbatim to the end of the line, so only line breaks need care. */
function oneLine(title: string): string {
  return title.replace(LINE_BREAKS, ' ');
}

// -- reading ---------------------------------------------------------------------------------------

const SUFFIX = `(?:${LATIN_SUFFIXES.join('|')}|-\\d+)`;
const BOX_LINE = /^Box ([A-Za-z]+)\.(?: (.*))?$/;
const PARAGRAPH_LINE = new RegExp(`^(0|[1-9]\\d*)(${SUFFIX})?(?: Alt ([1-9]\\d*))?\\.(.*)$`);
const SUBPARAGRAPH_LINE = new RegExp(`^(\\s+)\\((0|[a-z]+)(?: (${LATIN_SUFFIXES.join('|')})|(-\\d+))?\\)(.*)$`);

interface ParagraphDraft {
  attrs: { id: string; num: number; sfx: number; status: ParagraphStatus; alt: string | null };
  text: Node[];
  subs: Node[];
  subLabels: Set<string>;
}

interface BoxDraft {
  title: string;
  paragraphs: ParagraphDraft[];
  labels: Set<string>;
}

interface AltRun {
  num: number;
  sfx: number;
  id: string;
  count: number;
  line: number;
  label: string;
}

/**
 * Parse the plain-text format into a document with fresh ids. Anything the format does not allow is
 * a TextFormatError naming the line: text before the first box, a malformed or repeated label, an
 * unclosed bracket, an alternative without a second one.
 */
export function fromPlainText(text: string): Node {
  const boxes: BoxDraft[] = [];
  let run: AltRun | null = null;
  const closeRun = (): void => {
    if (run && run.count < 2) throw new TextFormatError(run.line, `"${run.label} Alt 1" has no "${run.label} Alt 2": an alternative needs at least two`);
    run = null;
  };

  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === '') return;
    const fail = (reason: string): never => {
      throw new TextFormatError(lineNo, reason);
    };
    const inline = (source: string, column: number): Node[] => {
      try {
        return parseInline(source, column);
      } catch (error) {
        if (error instanceof InlineSyntaxError) throw new TextFormatError(lineNo, `column ${error.column}: ${error.message}`);
        throw error;
      }
    };

    const box = BOX_LINE.exec(line);
    if (box) {
      closeRun();
      const expected = romanNumeral(boxes.length + 1);
      if (parseRomanNumeral(box[1]!) !== boxes.length + 1) fail(`expected "Box ${expected}." here, found "Box ${box[1]}."`);
      boxes.push({ title: box[2] ?? '', paragraphs: [], labels: new Set() });
      return;
    }
    const current = boxes.at(-1);
    if (!current) return fail('text before the first box: a rolling text starts with "Box I. <title>"');

    const sub = SUBPARAGRAPH_LINE.exec(line);
    if (sub) {
      const paragraph = current.paragraphs.at(-1);
      if (!paragraph) return fail('a sub-paragraph before the first paragraph of its box');
      const num = parseLetter(sub[2]!);
      if (num === null) return fail(`"(${sub[2]})" is not a sub-paragraph letter: use a, b, … z, aa, bb, …`);
      if (!isLabelNumber(num)) return fail(`"(${sub[2]})" is too far into the alphabet: a label goes up to ${MAX_LABEL_NUMBER}`);
      const sfx = sub[3] ? parseSuffix(sub[3])! : sub[4] ? parseSuffix(sub[4]) : 0;
      if (sfx === null) return fail(`"${sub[4]}" is not a suffix: after decies write -11, -12, …`);
      if (!isLabelNumber(sfx)) return fail(`suffix "${sub[4]}" is too large: a label goes up to ${MAX_LABEL_NUMBER}`);
      const rest = sub[5]!;
      if (rest !== '' && !rest.startsWith(' ')) fail('a space must follow the sub-paragraph label');
      const key = `${num}:${sfx}`;
      if (paragraph.subLabels.has(key)) fail(`sub-paragraph (${sub[2]}${sub[3] ? ` ${sub[3]}` : (sub[4] ?? '')}) appears twice in one paragraph`);
      paragraph.subLabels.add(key);
      const column = line.length - rest.length + 2;
      paragraph.subs.push(schema.nodes[N.subparagraph]!.create({ id: newId(), num, sfx }, inline(rest.slice(1), column)));
      return;
    }
    if (/^\s/.test(line)) return fail('an indented line must be a sub-paragraph "(a) <text>"');

    const para = PARAGRAPH_LINE.exec(line);
    if (!para) return fail('expected "Box <Roman>. <title>", a paragraph "<label>. <text>" or an indented sub-paragraph "(a) <text>"');
    const num = Number(para[1]);
    const sfx = para[2] ? parseSuffix(para[2]) : 0;
    if (!isLabelNumber(num)) return fail(`paragraph number ${para[1]} is too large: a label goes up to ${MAX_LABEL_NUMBER}`);
    if (sfx === null) return fail(`"${para[2]}" is not a suffix: after decies write -11, -12, …`);
    if (!isLabelNumber(sfx)) return fail(`suffix "${para[2]}" is too large: a label goes up to ${MAX_LABEL_NUMBER}`);
    const label = `${para[1]}${para[2] ?? ''}`;
    const altIndex = para[3] ? Number(para[3]) : null;

    let alt: string | null = null;
    if (altIndex === null || altIndex === 1) {
      closeRun();
      if (current.labels.has(`${num}:${sfx}`)) fail(`paragraph ${label} appears twice in this box`);
      current.labels.add(`${num}:${sfx}`);
      if (altIndex === 1) {
        run = { num, sfx, id: newId(), count: 1, line: lineNo, label };
        alt = run.id;
      }
    } else {
      const open = run as AltRun | null;
      if (!open || open.num !== num || open.sfx !== sfx || open.count + 1 !== altIndex) {
        return fail(`"${label} Alt ${altIndex}" must directly follow "${label} Alt ${altIndex - 1}"`);
      }
      open.count++;
      alt = open.id;
    }

    const { body, status } = splitStatus(para[4]!, fail);
    if (body !== '' && !body.startsWith(' ')) fail('a space must follow the paragraph label');
    const column = line.length - para[4]!.length + 2;
    current.paragraphs.push({
      attrs: { id: newId(), num, sfx, status, alt },
      text: inline(body.slice(1), column),
      subs: [],
      subLabels: new Set(),
    });
  });
  if (boxes.length === 0) throw new TextFormatError(1, 'no box: a rolling text starts with "Box I. <title>"');
  closeRun();
  return buildDocument(boxes);
}

/** A trailing " {agreed}" or " {agreed ad ref}" is the paragraph's status. */
function splitStatus(rest: string, fail: (reason: string) => never): { body: string; status: ParagraphStatus } {
  const marker = /(^| )\{([^{}\\]*)\}$/.exec(rest);
  if (!marker) return { body: rest, status: 'under_negotiation' };
  const status = STATUS_SPELLINGS.get(marker[2]!.trim().toLowerCase());
  if (!status) {
    return fail(`"{${marker[2]}}" at the end of the line is neither a status ({agreed}, {agreed ad ref}) nor sponsors (which follow "]" with no space)`);
  }
  return { body: rest.slice(0, marker.index), status };
}

function buildDocument(boxes: BoxDraft[]): Node {
  const { nodes } = schema;
  return nodes[N.doc]!.create(
    null,
    boxes.map((b) =>
      nodes[N.box]!.create({ id: newId() }, [
        nodes[N.boxTitle]!.create(null, b.title === '' ? null : schema.text(b.title)),
        ...b.paragraphs.map((p) => nodes[N.paragraph]!.create(p.attrs, [nodes[N.paragraphText]!.create(null, p.text), ...p.subs])),
      ]),
    ),
  );
}
