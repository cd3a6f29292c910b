import { describe, expect, it } from 'vitest';
import { emptyRollingText, fromPlainText, toJSON, validateDocument, type RollingTextJSON, type RollingTextNodeJSON } from '../src/index.js';
import { GGE_TEXT } from './support/fixtures.js';

function gge(): RollingTextJSON {
  return toJSON(fromPlainText(GGE_TEXT));
}

/** box[b].paragraph[p] of a JSON document (paragraph index among the box's paragraphs). */
function paragraph(json: RollingTextJSON, b: number, p: number): RollingTextNodeJSON {
  return json.content[b]!.content!.filter((c) => c.type === 'paragraph')[p]!;
}

function problemsOf(json: unknown): Array<{ path: string; message: string }> {
  const result = validateDocument(json);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('validateDocument', () => {
  it('accepts a stored rolling text and the empty template, returning the document', () => {
    const result = validateDocument(gge());
    expect(result.ok).toBe(true);
    expect(result.ok && result.doc.childCount).toBe(5);
    expect(validateDocument(toJSON(emptyRollingText())).ok).toBe(true);
  });

  it('refuses what is no rolling text at all', () => {
    expect(problemsOf(42)).toEqual([{ path: '', message: expect.stringMatching(/expected an object with type "doc"/) }]);
    expect(problemsOf({ type: 'doc', content: [{ type: 'chapter' }] })[0]!.message).toMatch(/does not parse: Unknown node type: chapter/);
  });

  it('names the node whose content the schema forbids', () => {
    const json = gge();
    json.content[1]!.content!.splice(0, 1);
    expect(problemsOf(json)).toEqual([{ path: 'box[1]', message: expect.stringMatching(/box must contain "boxTitle paragraph\*" but contains \[paragraph/) }]);
  });

  it('refuses marks where the schema allows none (a bracket in a box title)', () => {
    const json = gge();
    json.content[0]!.content![0]!.content![0]!.marks = [{ type: 'bracket', attrs: { id: 'b1', sponsors: [] } }];
    expect(problemsOf(json)).toEqual([{ path: 'box[0].boxTitle', message: 'boxTitle allows no bracket mark' }]);
  });

  it('refuses one bracket id in two paragraphs (a copy, or a split not yet repaired)', () => {
    const json = gge();
    const mark = { type: 'bracket', attrs: { id: 'k1', sponsors: [] } };
    paragraph(json, 0, 0).content![0]!.content = [{ type: 'text', text: 'first', marks: [mark] }];
    paragraph(json, 0, 1).content![0]!.content = [{ type: 'text', text: 'second', marks: [mark] }];
    expect(problemsOf(json)).toEqual([{ path: '', message: 'bracket k1 reaches into more than one paragraph or sub-paragraph' }]);
  });

  it('checks status, num, sfx and alt of paragraphs, reporting every problem with its path', () => {
    const json = gge();
    Object.assign(paragraph(json, 2, 1).attrs!, { status: 'agreed in principle', num: -2, sfx: 1.5 });
    Object.assign(paragraph(json, 0, 0).attrs!, { alt: '' });
    expect(problemsOf(json).map((p) => p.path)).toEqual(['box[0].paragraph[0].alt', 'box[2].paragraph[1].num', 'box[2].paragraph[1].sfx', 'box[2].paragraph[1].status']);
  });

  it('refuses label claims beyond 9999, which would make labels of millions of letters', () => {
    const json = gge();
    Object.assign(paragraph(json, 2, 1).attrs!, { num: 10_000, sfx: 26 * 200_000_000 });
    expect(problemsOf(json).map((p) => p.path)).toEqual(['box[2].paragraph[1].num', 'box[2].paragraph[1].sfx']);
    Object.assign(paragraph(json, 2, 1).attrs!, { num: 9999, sfx: 0 });
    expect(validateDocument(json).ok).toBe(true);
  });

  it('requires a string id on every box, paragraph, sub-paragraph, footnote and bracket', () => {
    const json = gge();
    json.content[4]!.attrs!.id = null;
    paragraph(json, 0, 1).content![1]!.attrs!.id = 7;
    const footnote = paragraph(json, 0, 0).content![0]!.content!.find((c) => c.type === 'footnote')!;
    footnote.attrs!.id = '';
    const bracketed = paragraph(json, 0, 0).content![0]!.content!.find((c) => c.marks)!;
    bracketed.marks![0]!.attrs!.id = null;
    const paths = problemsOf(json).map((p) => p.path);
    expect(paths).toEqual([
      'box[0].paragraph[0].paragraphText.text[1].bracket.id',
      'box[0].paragraph[0].paragraphText.footnote[0].id',
      'box[0].paragraph[1].subparagraph[0].id',
      'box[4].id',
    ]);
  });

  it('refuses sponsors that are not a list of names', () => {
    const json = gge();
    const bracketed = paragraph(json, 0, 0).content![0]!.content!.filter((c) => c.marks)[1]!;
    bracketed.marks![0]!.attrs!.sponsors = ['Arandia', ' '];
    expect(problemsOf(json)).toEqual([{ path: 'box[0].paragraph[0].paragraphText.text[2].bracket.sponsors', message: 'sponsors must be an array of non-empty names' }]);
  });

  it('refuses an id used twice, naming the first holder', () => {
    const json = gge();
    paragraph(json, 3, 0).attrs!.id = paragraph(json, 0, 1).attrs!.id;
    expect(problemsOf(json)).toEqual([{ path: 'box[3].paragraph[0].id', message: expect.stringContaining('already used by box[0].paragraph[1]') }]);
  });

  it('refuses an alternative group of one paragraph', () => {
    const json = gge();
    paragraph(json, 0, 0).attrs!.alt = 'lonely';
    expect(problemsOf(json)).toEqual([{ path: 'box[0].paragraph[0].alt', message: expect.stringMatching(/group lonely has one paragraph/) }]);
  });

  it('refuses alternatives of one group that are not adjacent', () => {
    const json = gge();
    const boxII = json.content[1]!.content!;
    [boxII[1], boxII[2]] = [boxII[2]!, boxII[1]!];
    const problems = problemsOf(json);
    expect(problems).toContainEqual({ path: 'box[1].paragraph[0].alt', message: expect.stringMatching(/are not adjacent \(box\[1\]\.paragraph\[0\], box\[1\]\.paragraph\[2\]\)/) });
    // The two halves are now two slots claiming "2": that is reported too.
    expect(problems).toHaveLength(2);
  });

  it('refuses two paragraphs claiming one label (a copy that kept its claim)', () => {
    const json = gge();
    Object.assign(paragraph(json, 0, 2).attrs!, { num: 2, sfx: 0 });
    expect(problemsOf(json)).toEqual([{ path: 'box[0].paragraph[2].num', message: 'claims the same label (num 2, sfx 0) as box[0].paragraph[1]' }]);
  });

  it('refuses two sub-paragraphs of one paragraph claiming one letter', () => {
    const json = gge();
    paragraph(json, 2, 1).content![2]!.attrs!.num = 1;
    expect(problemsOf(json)).toEqual([{ path: 'box[2].paragraph[1].subparagraph[1].num', message: expect.stringMatching(/as box\[2\]\.paragraph\[1\]\.subparagraph\[0\]/) }]);
  });

  it('accepts paragraphs not yet labelled (num null), as the editor makes them', () => {
    const json = gge();
    paragraph(json, 4, 0).attrs!.num = null;
    expect(validateDocument(json).ok).toBe(true);
  });
});
