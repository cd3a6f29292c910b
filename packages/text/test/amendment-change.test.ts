/** amendmentChange: what accepting an amendment does to the rolling text, as proposed and in brackets. */
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { amendmentChange, findBlock, type AmendmentChange } from '../src/amendments/index.js';
import { computeLabels, fromPlainText, labelRepairs, loneAlternatives, M, TextFormatError, TextModelError, toJSON, toPlainText, validateDocument } from '../src/index.js';
import { DEMO_TEXT } from './support/demo-text.js';

const doc = fromPlainText(DEMO_TEXT);
const labels = computeLabels(doc);
const idOf = (citation: string): string => labels.list.find((l) => l.citation === citation)!.id!;
const textOf = (d: Node, citation: string): string => findBlock(d, computeLabels(d).list.find((l) => l.citation === citation)!.id!)!.text;

function change(citation: string, a: Partial<AmendmentChange> & Pick<AmendmentChange, 'kind'>): Node {
  const next = amendmentChange(doc, { targetId: idOf(citation), text: null, mode: 'as_proposed', sponsors: [], ...a });
  const validation = validateDocument(toJSON(next));
  expect(validation.ok ? [] : validation.problems).toEqual([]);
  return next;
}

/** The lines of one box in the plain-text format, labels included. */
function boxLines(d: Node, roman: string): string[] {
  const boxes = toPlainText(d).split(/\n(?=Box )/);
  return boxes
    .find((b) => b.startsWith(`Box ${roman}.`))!
    .split('\n')
    .filter((l) => l !== '')
    .slice(1);
}

/** Every block other than those named kept its id and text. */
function othersUnchanged(next: Node, except: string[]): void {
  const before = computeLabels(doc).list.filter((l) => l.kind !== 'box' && !except.includes(l.citation));
  for (const label of before) expect(findBlock(next, label.id!)?.text, label.citation).toBe(findBlock(doc, label.id!)!.text);
}

/** The bracket ids in Box III(3bis), in order. */
function bracketIds(d: Node): string[] {
  const out: string[] = [];
  d.nodeAt(computeLabels(d).byId.get(idOf('Box III(3bis)'))!.pos)!.descendants((n) => {
    for (const m of n.marks) if (m.type.name === M.bracket) out.push(m.attrs.id as string);
  });
  return [...new Set(out)];
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('replace as proposed', () => {
  it("makes the block's content the new wording, brackets and footnotes included", () => {
    const text = 'States [shall]{Arandia} not develop or use such systems.^[As agreed on 3 March.]';
    const next = change('Box III(1)', { kind: 'replace', text });
    expect(textOf(next, 'Box III(1)')).toBe(text);
    expect(findBlock(next, idOf('Box III(1)'))!.citation).toBe('Box III(1)');
    othersUnchanged(next, ['Box III(1)']);
  });

  it('changes only the chapeau of a paragraph with sub-paragraphs', () => {
    const next = change('Box III(2)', { kind: 'replace', text: 'In particular, States shall not employ weapon systems that:' });
    expect(boxLines(next, 'III').slice(1, 6)).toEqual([
      '2. In particular, States shall not employ weapon systems that:',
      '   (a) are designed to operate without [any] human control over their critical functions;',
      '   (b) have effects that cannot be [anticipated][reasonably foreseen] and limited as required by international humanitarian law;',
      '   (c) [are designed to select and engage human beings as targets]{Arandia, Solmar};',
      '   (d) [cannot be deactivated once activated]{Kestria}.',
    ]);
  });

  it('keeps the status of an agreed paragraph (the server decides whether it may change)', () => {
    const before = textOf(doc, 'Box I(3)');
    const next = change('Box I(3)', { kind: 'replace', text: before.replace('technology-neutral', 'technology neutral') });
    expect(textOf(next, 'Box I(3)')).toBe(before.replace('technology-neutral', 'technology neutral'));
    expect(findBlock(next, idOf('Box I(3)'))!.status).toBe('agreed_ad_ref');
  });
});

describe('replace in brackets', () => {
  it('writes "[shall][should]{Arandia}" next to an existing bracket it does not touch', () => {
    const next = change('Box II(4, Alt 2)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], text: textOf(doc, 'Box II(4, Alt 2)').replace(' shall ', ' should ') });
    expect(textOf(next, 'Box II(4, Alt 2)')).toBe(
      '[Meaningful human control]{Arandia, Solmar} [shall][should]{Arandia} be retained over every use of force, irrespective of the characteristics of the weapon system or of its operational environment.',
    );
  });

  it('puts a changed word beside the old one: "[shall][should]{Arandia}"', () => {
    const next = change('Box III(3bis)', {
      kind: 'replace',
      mode: 'bracketed',
      sponsors: ['Arandia'],
      text: 'The requirements in paragraph 3 [should be reviewed][shall be reviewed]{Arandia} regularly in the light of technological developments.',
    });
    expect(textOf(next, 'Box III(3bis)')).toBe('The requirements in paragraph 3 [should be reviewed][shall be reviewed]{Arandia} [periodically][regularly]{Arandia} in the light of technological developments.');
  });

  it('brackets each hunk on its own, an insertion alone as "[new]{sponsors}"', () => {
    const next = change('Box II(2)', {
      kind: 'replace',
      mode: 'bracketed',
      sponsors: ['Arandia', 'Solmar'],
      text: textOf(doc, 'Box II(2)').replace('force remain human decisions', 'force must remain human decisions').replace('. Responsibility', ' at all times. Responsibility'),
    });
    expect(textOf(next, 'Box II(2)')).toBe(
      'Decisions on the use of force [must]{Arandia, Solmar} remain human decisions [at all times]{Arandia, Solmar}. Responsibility for them [cannot be transferred to machines][rests with human beings at all times] and extends across the whole life cycle of a weapon system.',
    );
    othersUnchanged(next, ['Box II(2)']);
  });

  it('keeps the old words, their footnote and the paragraph status; a deleted stretch gets a footnote', () => {
    const next = change('Box I(3)', {
      kind: 'replace',
      mode: 'bracketed',
      sponsors: ['Kestria'],
      text: 'Any characterisation should be technology-neutral and should not hamper the peaceful uses of autonomy.^[The Chair understands "peaceful uses" to include dual-use research conducted under national export controls.]',
    });
    expect(textOf(next, 'Box I(3)')).toBe(
      'Any characterisation should be technology-neutral and should not hamper the peaceful uses of autonomy [in civilian research, industry and trade]^[Proposed for deletion by Kestria].^[The Chair understands "peaceful uses" to include dual-use research conducted under national export controls.]',
    );
    expect(boxLines(next, 'I').at(-1)).toMatch(/\{agreed ad ref\}$/);
  });

  it('makes several changed words one option when only spaces lie between them', () => {
    const next = change('Box III(4)', { kind: 'replace', mode: 'bracketed', sponsors: ['Solmar'], text: textOf(doc, 'Box III(4)').replace('The Group notes the value', 'States recognise the importance') });
    // "The Group notes" → "States recognise" shares two spaces: one option. "the" is kept between two.
    expect(textOf(next, 'Box III(4)')).toMatch(/^\[The Group notes\]\[States recognise\]\{Solmar\} the \[value\]\[importance\]\{Solmar\} of confidence-building/);
  });

  it('keeps the ids of the brackets it did not touch', () => {
    const next = change('Box III(3bis)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], text: textOf(doc, 'Box III(3bis)').replace('periodically', 'regularly') });
    expect(bracketIds(next).slice(0, 2)).toEqual(bracketIds(doc));
    expect(bracketIds(next)).toHaveLength(4);
  });

  it('changes nothing when the wording is the same', () => {
    const next = change('Box I(2)', { kind: 'replace', mode: 'bracketed', sponsors: ['Veloria'], text: textOf(doc, 'Box I(2)') });
    expect(next.eq(doc)).toBe(true);
  });

  it('falls back to an Alt 2 paragraph when the change touches existing brackets', () => {
    const text = 'States [shall]{Arandia} not develop, produce, acquire, deploy or use lethal autonomous weapons systems that cannot be used in compliance with international humanitarian law.';
    const next = change('Box III(1)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia', 'Solmar'], text });
    expect(boxLines(next, 'III').slice(0, 3)).toEqual([
      '1 Alt 1. [High Contracting Parties][States] [shall][should] not develop, produce, acquire, deploy or use lethal autonomous weapons systems that cannot be used in compliance with international humanitarian law.',
      '1 Alt 2. [States]{Arandia, Solmar} [shall]{Arandia} [not develop, produce, acquire, deploy or use lethal autonomous weapons systems that cannot be used in compliance with international humanitarian law.]{Arandia, Solmar}',
      '2. In particular, [High Contracting Parties][States] [shall][should] not employ weapon systems that:',
    ]);
    expect(findBlock(next, idOf('Box III(1)'))!.citation).toBe('Box III(1, Alt 1)');
    othersUnchanged(next, ['Box III(1)']);
  });

  it('adds a third alternative after the group when the target already is one', () => {
    const next = change('Box II(4, Alt 1)', { kind: 'replace', mode: 'bracketed', sponsors: ['Veloria'], text: '[Appropriate human judgement]{Veloria} shall be exercised over the use of force.' });
    expect(boxLines(next, 'II').filter((l) => l.startsWith('4 '))).toEqual([
      '4 Alt 1. The type and degree of human control required depend on the characteristics of the weapon system, its operational environment and the military task it performs.',
      '4 Alt 2. [Meaningful human control]{Arandia, Solmar} shall be retained over every use of force, irrespective of the characteristics of the weapon system or of its operational environment.',
      '4 Alt 3. [Appropriate human judgement]{Veloria} [shall be exercised over the use of force.]{Veloria}',
    ]);
  });

  it('falls back to a new sub-paragraph after a sub-paragraph', () => {
    const next = change('Box III(2)(a)', { kind: 'replace', mode: 'bracketed', sponsors: ['Veloria'], text: 'are designed to operate without human control over their critical functions;' });
    expect(boxLines(next, 'III').slice(2, 4)).toEqual([
      '   (a) are designed to operate without [any] human control over their critical functions;',
      '   (a bis) [are designed to operate without human control over their critical functions;]{Veloria}',
    ]);
    expect(boxLines(next, 'III')[4]).toMatch(/^ {3}\(b\) have effects/);
  });

  it('adds the note as a footnote after the new wording', () => {
    const next = change('Box III(3bis)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], note: 'Proposed by civil society.', text: textOf(doc, 'Box III(3bis)').replace('periodically', 'regularly') });
    expect(textOf(next, 'Box III(3bis)')).toContain('[periodically][regularly]{Arandia}^[Proposed by civil society.] in the light');
  });
});

describe('insert after', () => {
  it('inserts a paragraph right after the target; labels stay stable (2bis is taken, so 2ter) and the new one is stored', () => {
    const next = change('Box III(2)', { kind: 'insert_after', text: 'States shall ensure human control over every weapon system.' });
    const lines = boxLines(next, 'III');
    expect(lines.filter((l) => /^\d/.test(l)).map((l) => l.split('.')[0])).toEqual(['1', '2', '2ter', '2bis', '3', '3bis', '4']);
    expect(lines).toContain('2ter. States shall ensure human control over every weapon system.');
    // The label is stored: nothing to repair, and another paragraph inserted before it does not take it.
    expect(labelRepairs(next)).toEqual([]);
  });

  it('labels a paragraph inserted after 2 "2bis" when no 2bis exists yet', () => {
    const next = change('Box II(2)', { kind: 'insert_after', text: 'New text.' });
    expect(boxLines(next, 'II').map((l) => l.split('.')[0]!).filter((l) => /^\d/.test(l))).toEqual(['1', '2', '2bis', '3', '4 Alt 1', '4 Alt 2', '5']);
    expect(boxLines(next, 'II')[2]).toBe('2bis. New text.');
    expect(labelRepairs(next)).toEqual([]);
  });

  it('goes after the whole alternative group when the target is an alternative', () => {
    const next = change('Box II(4, Alt 1)', { kind: 'insert_after', text: 'New text.' });
    expect(boxLines(next, 'II').filter((l) => /^(4|5)/.test(l)).map((l) => l.split('.')[0])).toEqual(['4 Alt 1', '4 Alt 2', '4bis', '5']);
  });

  it('inserts a sub-paragraph after a sub-paragraph: (b bis)', () => {
    const next = change('Box III(2)(b)', { kind: 'insert_after', text: 'are [indiscriminate]{Solmar} by nature;' });
    expect(boxLines(next, 'III').slice(3, 6).map((l) => l.trim())).toEqual([
      '(b) have effects that cannot be [anticipated][reasonably foreseen] and limited as required by international humanitarian law;',
      '(b bis) are [indiscriminate]{Solmar} by nature;',
      '(c) [are designed to select and engage human beings as targets]{Arandia, Solmar};',
    ]);
  });

  it('in brackets: the whole new wording in one bracket with the sponsors', () => {
    const next = change('Box I(1)', { kind: 'insert_after', mode: 'bracketed', sponsors: ['Arandia', 'Veloria'], text: 'The characterisation applies to every domain.' });
    expect(boxLines(next, 'I')[1]).toBe('1bis. [The characterisation applies to every domain.]{Arandia, Veloria}');
  });
});

describe('delete', () => {
  it('removes a paragraph with its sub-paragraphs', () => {
    const next = change('Box III(2)', { kind: 'delete' });
    const paragraphs = boxLines(next, 'III').filter((l) => /^\d/.test(l));
    expect(paragraphs.map((l) => l.split('.')[0])).toEqual(['1', '2bis', '3', '3bis', '4']);
    expect(boxLines(next, 'III')).toHaveLength(boxLines(doc, 'III').length - 5);
    othersUnchanged(next, ['Box III(2)', 'Box III(2)(a)', 'Box III(2)(b)', 'Box III(2)(c)', 'Box III(2)(d)']);
  });

  it('turns the other of two alternatives into a plain paragraph', () => {
    const next = change('Box II(4, Alt 1)', { kind: 'delete' });
    expect(boxLines(next, 'II').filter((l) => l.startsWith('4'))).toEqual([
      '4. [Meaningful human control]{Arandia, Solmar} shall be retained over every use of force, irrespective of the characteristics of the weapon system or of its operational environment.',
    ]);
    expect(loneAlternatives(next)).toEqual([]);
  });

  it('removes one sub-paragraph; the others keep their letters', () => {
    const next = change('Box III(2)(b)', { kind: 'delete' });
    expect(boxLines(next, 'III').slice(2, 5).map((l) => l.trim().split(' ')[0])).toEqual(['(a)', '(c)', '(d)']);
  });

  it('in brackets: the unbracketed wording bracketed, existing brackets kept, and a footnote', () => {
    const next = change('Box II(2)', { kind: 'delete', mode: 'bracketed', sponsors: ['Kestria'] });
    expect(textOf(next, 'Box II(2)')).toBe(
      '[Decisions on the use of force remain human decisions. Responsibility for them] [cannot be transferred to machines][rests with human beings at all times] [and extends across the whole life cycle of a weapon system.]^[Proposed for deletion by Kestria]',
    );
  });

  it('in brackets, a paragraph with sub-paragraphs: they are bracketed too', () => {
    const next = change('Box II(3)', { kind: 'delete', mode: 'bracketed', sponsors: [] });
    expect(textOf(next, 'Box II(3)')).toMatch(/\^\[Proposed for deletion\]$/);
    expect(textOf(next, 'Box II(3)(a)')).toBe("[a sufficient understanding of the system's functions, capabilities and limitations in its intended environment of use;]");
    expect(textOf(next, 'Box II(3)(d)')).toBe('[context-appropriate human judgement and control]{Arandia, Kestria}[appropriate levels of human judgement]{Veloria} [over the use of force.]');
  });
});

describe('refusals', () => {
  it('names paragraphId for an unknown block', () => {
    const error = thrown(() => amendmentChange(doc, { targetId: 'nope', kind: 'delete', text: null, mode: 'as_proposed', sponsors: [] }));
    expect(error).toBeInstanceOf(TextModelError);
    expect((error as TextModelError).field).toBe('paragraphId');
    expect(error.message).toBe('paragraphId: no paragraph or sub-paragraph with id "nope" in this document');
  });

  it('names text for a missing, empty or superfluous wording', () => {
    for (const a of [
      { kind: 'replace', text: null },
      { kind: 'insert_after', text: '   ' },
      { kind: 'delete', text: 'words' },
    ] as const) {
      const error = thrown(() => amendmentChange(doc, { targetId: idOf('Box I(2)'), mode: 'as_proposed', sponsors: [], ...a }));
      expect(error).toBeInstanceOf(TextModelError);
      expect((error as TextModelError).field).toBe('text');
    }
  });

  it('gives a TextFormatError with the column for wording that does not parse', () => {
    const error = thrown(() => amendmentChange(doc, { targetId: idOf('Box I(2)'), kind: 'replace', text: 'States [shall', mode: 'as_proposed', sponsors: [] }));
    expect(error).toBeInstanceOf(TextFormatError);
    expect(error.message).toBe('line 1: column 8: a "[" that is never closed');
  });

  it('names sponsors the schema would refuse', () => {
    const error = thrown(() => amendmentChange(doc, { targetId: idOf('Box I(2)'), kind: 'replace', text: 'x', mode: 'bracketed', sponsors: [' '] }));
    expect((error as TextModelError).field).toBe('sponsors');
  });

  it('leaves the document it was given unchanged', () => {
    const before = JSON.stringify(toJSON(doc));
    change('Box III(2)', { kind: 'delete' });
    change('Box III(1)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], text: 'States [shall] act.' });
    expect(JSON.stringify(toJSON(doc))).toBe(before);
  });
});
