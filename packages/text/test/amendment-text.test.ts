/** The amendment text model's reading side: blocks, block text, word diffs and three-way merges. */
import { describe, expect, it } from 'vitest';
import { findBlock, listBlocks, mergeProposal, parseBlockText, wordDiff } from '../src/amendments/index.js';
import { computeLabels, fromPlainText, M, N, TextFormatError, toPlainText } from '../src/index.js';
import { DEMO_TEXT } from './support/demo-text.js';

const doc = fromPlainText(DEMO_TEXT);
const labels = computeLabels(doc);
const idOf = (citation: string): string => labels.list.find((l) => l.citation === citation)!.id!;

function formatError(run: () => unknown): TextFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof TextFormatError) return error;
    throw error;
  }
  throw new Error('expected a TextFormatError');
}

describe('findBlock', () => {
  it('finds a paragraph: its own text line, status and citation', () => {
    const id = idOf('Box I(3)');
    expect(findBlock(doc, id)).toEqual({
      kind: 'paragraph',
      id,
      paragraphId: id,
      citation: 'Box I(3)',
      text: 'Any characterisation should be technology-neutral and should not hamper the peaceful uses of autonomy in civilian research, industry and trade.^[The Chair understands "peaceful uses" to include dual-use research conducted under national export controls.]',
      status: 'agreed_ad_ref',
      boxLabel: 'I',
    });
  });

  it('gives a paragraph with sub-paragraphs only its chapeau', () => {
    expect(findBlock(doc, idOf('Box III(2)'))!.text).toBe('In particular, [High Contracting Parties][States] [shall][should] not employ weapon systems that:');
  });

  it("finds a sub-paragraph, with its paragraph's id and status", () => {
    const block = findBlock(doc, idOf('Box II(3)(c)'))!;
    expect(block).toMatchObject({ kind: 'subparagraph', paragraphId: idOf('Box II(3)'), citation: 'Box II(3)(c)', status: 'under_negotiation', boxLabel: 'II' });
    expect(block.text).toBe('the ability to [intervene and deactivate the system][supervise the system and intervene]{Veloria} [in a timely manner]{Arandia};');
  });

  it('cites an alternative with its Alt number', () => {
    expect(findBlock(doc, idOf('Box II(4, Alt 2)'))).toMatchObject({ citation: 'Box II(4, Alt 2)', text: '[Meaningful human control]{Arandia, Solmar} shall be retained over every use of force, irrespective of the characteristics of the weapon system or of its operational environment.' });
  });

  it('finds nothing for a box id, a footnote id or an unknown id', () => {
    expect(findBlock(doc, labels.list[0]!.id!)).toBeNull();
    let footnoteId = '';
    doc.descendants((node) => {
      if (node.type.name === N.footnote) footnoteId = node.attrs.id as string;
    });
    expect(findBlock(doc, footnoteId)).toBeNull();
    expect(findBlock(doc, 'no-such-id')).toBeNull();
  });
});

describe('listBlocks', () => {
  it('lists every paragraph and sub-paragraph in reading order', () => {
    const blocks = listBlocks(doc);
    expect(blocks.slice(0, 7).map((b) => b.citation)).toEqual(['Box I(1)', 'Box I(2)', 'Box I(2bis)', 'Box I(2bis)(a)', 'Box I(2bis)(b)', 'Box I(2bis)(c)', 'Box I(3)']);
    expect(blocks).toHaveLength(labels.list.filter((l) => l.kind !== 'box').length);
    // The text lines of the plain-text format are the blocks' texts.
    const lines = toPlainText(doc).split('\n');
    for (const block of blocks) expect(lines.some((line) => line.includes(block.text))).toBe(true);
  });
});

describe('parseBlockText', () => {
  it('reads brackets with sponsors and footnotes, with fresh ids', () => {
    const nodes = parseBlockText('States [shall][should]{Arandia, Veloria} act.^[A note.]');
    expect(nodes.map((n) => n.text ?? `^${n.attrs.text}`)).toEqual(['States ', 'shall', 'should', ' act.', '^A note.']);
    const [shall, should] = [nodes[1]!.marks[0]!, nodes[2]!.marks[0]!];
    expect(shall.type.name).toBe(M.bracket);
    expect(should.attrs.sponsors).toEqual(['Arandia', 'Veloria']);
    expect(shall.attrs.id).not.toBe(should.attrs.id);
    expect(nodes[4]!.attrs.id).toMatch(/^[0-9A-Za-z_-]{12}$/);
  });

  it('refuses an unclosed bracket, naming the column', () => {
    const error = formatError(() => parseBlockText('States [shall not'));
    expect(error.line).toBe(1);
    expect(error.message).toBe('line 1: column 8: a "[" that is never closed');
  });

  it('refuses a line break, a status marker and a nested bracket', () => {
    expect(formatError(() => parseBlockText('one\ntwo')).message).toContain('column 4: a line break');
    expect(formatError(() => parseBlockText('text {agreed}')).message).toContain('column 6: unexpected "{"');
    expect(formatError(() => parseBlockText('[a [b]]')).message).toContain('brackets do not nest');
  });

  it('refuses what the schema refuses: too long a footnote', () => {
    expect(formatError(() => parseBlockText(`a^[${'x'.repeat(10_001)}]`)).message).toContain('a footnote must be a string of at most 10000 characters');
  });
});

describe('wordDiff', () => {
  it('marks the changed words, deletion before insertion, and merges runs', () => {
    expect(wordDiff('States shall not develop', 'States should not ever develop')).toEqual([
      { op: 'equal', text: 'States ' },
      { op: 'delete', text: 'shall' },
      { op: 'insert', text: 'should' },
      { op: 'equal', text: ' not ' },
      { op: 'insert', text: 'ever ' },
      { op: 'equal', text: 'develop' },
    ]);
  });

  it('gives texts that rebuild both sides', () => {
    const from = findBlock(doc, idOf('Box II(2)'))!.text;
    const to = from.replace('[cannot be transferred to machines]', '[can never be transferred]{Solmar}').replace('whole life cycle', 'life cycle');
    const parts = wordDiff(from, to);
    expect(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe(from);
    expect(parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(to);
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.op).not.toBe(parts[i - 1]!.op);
  });

  it('is one equal part for equal texts, none for two empty ones', () => {
    expect(wordDiff('same', 'same')).toEqual([{ op: 'equal', text: 'same' }]);
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'new')).toEqual([{ op: 'insert', text: 'new' }]);
  });
});

describe('mergeProposal', () => {
  const base = 'Decisions on the use of force remain human decisions at all times.';

  it('takes the proposal when the text has not changed, and the text when the proposal changes nothing', () => {
    expect(mergeProposal(base, base, 'new')).toEqual({ ok: true, text: 'new' });
    expect(mergeProposal(base, 'current', base)).toEqual({ ok: true, text: 'current' });
  });

  it('merges changes to different words', () => {
    const current = 'Decisions on the use of [force][lethal force]{Veloria} remain human decisions at all times.';
    const proposal = 'Decisions on the use of force remain human decisions at all times and in all places.';
    expect(mergeProposal(base, current, proposal)).toEqual({ ok: true, text: 'Decisions on the use of [force][lethal force]{Veloria} remain human decisions at all times and in all places.' });
  });

  it('merges the same change made on both sides', () => {
    const both = base.replace('at all times', 'always');
    expect(mergeProposal(base, both, both.replace('Decisions', 'All decisions'))).toEqual({ ok: true, text: 'All decisions on the use of force remain human decisions always.' });
  });

  it('reports a conflict where both changed the same words, marked in a preview', () => {
    const result = mergeProposal(base, base.replace('remain', 'shall remain'), base.replace('remain', 'should remain'));
    expect(result).toEqual({ ok: false, preview: 'Decisions on the use of force <<<< shall ==== should >>>> remain human decisions at all times.' });
  });

  it('reports a conflict when the merge would not be a valid text', () => {
    const current = 'Decisions on the use of [force remain human decisions at all times.]';
    const proposal = 'Decisions on the use of force remain [human decisions at all] times.';
    const result = mergeProposal(base, current, proposal);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.preview).toBe(`<<<< ${current} ==== ${proposal} >>>>`);
  });
});
