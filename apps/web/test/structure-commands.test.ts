import { bracketRepairs, openBrackets } from '@accord/text';
import { describe, expect, it } from 'vitest';
import {
  insertBoxAfter,
  insertParagraphAfter,
  insertSubparagraph,
  joinBackward,
  joinForward,
  splitAtCursor,
} from '../src/editor/structure-commands';
import { box, documentOf, editing, paragraph, paragraphs, positionOf, subparagraph, text, textStart } from './support/rolling-text';

/** Box I with paragraphs 1–3; paragraph 2 has sub-paragraphs (a) and (b). */
function threeParagraphs() {
  return documentOf(
    box('b1', 'Characterisation', [
      paragraph('p1', 1, 'First paragraph.'),
      paragraph('p2', 2, 'States shall:', {}, [subparagraph('s-a', 1, 'ensure control;'), subparagraph('s-b', 2, 'review weapons.')]),
      paragraph('p3', 3, 'Third paragraph.'),
    ]),
    box('b2', 'Application of IHL', [paragraph('q1', 1, 'Other box.')]),
  );
}

describe('Enter in a paragraph splits the paragraph, never the model', () => {
  it('in the middle of the text: the first half keeps the id, the second is a new paragraph labelled 1bis before 2', () => {
    const session = editing(threeParagraphs(), positionOf(threeParagraphs(), ' paragraph.'));
    expect(session.run(splitAtCursor)).toBe(true);
    const list = paragraphs(session.state.doc);
    expect(list.slice(0, 2).map((p) => p.text)).toEqual(['First', ' paragraph.']);
    expect(list[0]!.id).toBe('p1');
    expect(list[1]!.id).toEqual(expect.any(String));
    expect(list[1]!.id).not.toBe('p1');
    expect(session.labels().slice(0, 6)).toEqual(['Box I', '1', '1bis', '2', '(a)', '(b)']);
    // The label is stored in the new node, so it stays "1bis" whatever comes later.
    expect(list[1]).toMatchObject({ num: 1, sfx: 1 });
    // The cursor is at the start of the new paragraph's words.
    expect(session.state.selection.$from.parent.textContent).toBe(' paragraph.');
    expect(session.state.selection.$from.parentOffset).toBe(0);
  });

  it('at the end of the last paragraph of a box: an empty paragraph with the next number', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Third paragraph.', true));
    session.run(splitAtCursor);
    expect(session.labels().slice(0, 7)).toEqual(['Box I', '1', '2', '(a)', '(b)', '3', '4']);
    expect(paragraphs(session.state.doc)[3]).toMatchObject({ text: '', num: 4, sfx: 0 });
  });

  it('inside a bracket: each half is a bracket of its own, with its own id and the same sponsors', () => {
    const bracket = { type: 'bracket', attrs: { id: 'k1', sponsors: ['Arandia'] } };
    const doc = documentOf(box('b1', 'Box', [paragraph('p1', 1, [text('States '), text('shall be reviewed', [bracket])])]));
    const session = editing(doc, positionOf(doc, ' reviewed'));
    session.run(splitAtCursor);
    const brackets = openBrackets(session.state.doc)[0]!.brackets;
    expect(brackets.map((b) => [b.text, b.sponsors])).toEqual([
      ['shall be', ['Arandia']],
      [' reviewed', ['Arandia']],
    ]);
    expect(brackets[0]!.id).toBe('k1');
    expect(brackets[1]!.id).not.toBe('k1');
    expect(bracketRepairs(session.state.doc)).toEqual([]);
  });

  it('at the start of a paragraph: an empty one opens above and the words keep their id and label', () => {
    const doc = threeParagraphs();
    const session = editing(doc, textStart(doc, 'p3'));
    session.run(splitAtCursor);
    const list = paragraphs(session.state.doc);
    expect(list.slice(0, 4).map((p) => [p.id === 'p3' ? 'p3' : p.id === 'p1' || p.id === 'p2' ? p.id : 'new', p.text])).toEqual([
      ['p1', 'First paragraph.'],
      ['p2', 'States shall:'],
      ['new', ''],
      ['p3', 'Third paragraph.'],
    ]);
    expect(session.labels().slice(0, 7)).toEqual(['Box I', '1', '2', '(a)', '(b)', '2bis', '3']);
  });

  it('at the end of a chapeau: a new first sub-paragraph, lettered before (a)', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'States shall:', true));
    session.run(splitAtCursor);
    expect(session.labels().slice(0, 6)).toEqual(['Box I', '1', '2', '(0 bis)', '(a)', '(b)']);
    expect(session.state.selection.$from.parent.type.name).toBe('subparagraph');
  });

  it('in a sub-paragraph: a new sub-paragraph, (a bis) between (a) and (b)', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'ensure control;', true));
    session.run(splitAtCursor);
    expect(session.labels().slice(2, 6)).toEqual(['2', '(a)', '(a bis)', '(b)']);
  });

  it('in the middle of a sub-paragraph: the words after the cursor move to a new sub-paragraph', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, ' control;'));
    session.run(splitAtCursor);
    const node = session.state.doc.nodeAt(session.state.selection.$from.before())!;
    expect(node.type.name).toBe('subparagraph');
    expect(node.textContent).toBe(' control;');
    expect(node.attrs.id).not.toBe('s-a');
  });

  it('on an empty last sub-paragraph: leaves the list for a new paragraph after', () => {
    const doc = documentOf(box('b1', 'Box', [paragraph('p1', 1, 'Chapeau:', {}, [subparagraph('s-a', 1, 'one;'), subparagraph('s-b', 2, '')]), paragraph('p2', 2, 'Next.')]));
    const session = editing(doc, textStart(doc, 's-b'));
    session.run(splitAtCursor);
    expect(session.labels()).toEqual(['Box I', '1', '(a)', '1bis', '2']);
  });

  it('in a box title: moves to the first paragraph and changes nothing', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Characterisation', true));
    expect(session.run(splitAtCursor)).toBe(true);
    expect(session.state.doc.eq(doc)).toBe(true);
    expect(session.state.selection.from).toBe(textStart(doc, 'p1'));
  });

  it('with words selected: the words go, then the paragraph splits', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'First'));
    session.select(positionOf(doc, ' paragraph.'), positionOf(doc, ' paragraph.') + 2);
    session.run(splitAtCursor);
    expect(paragraphs(session.state.doc).slice(0, 2).map((p) => p.text)).toEqual(['First', 'aragraph.']);
  });
});

describe('Backspace and Delete at the edges of paragraphs', () => {
  it('Backspace at the start of an empty paragraph removes it and puts the cursor at the end of the text before', () => {
    const doc = documentOf(box('b1', 'Box', [paragraph('p1', 1, 'One.'), paragraph('p2', 2, ''), paragraph('p3', 3, 'Three.')]));
    const session = editing(doc, textStart(doc, 'p2'));
    session.run(joinBackward);
    expect(paragraphs(session.state.doc).map((p) => p.id)).toEqual(['p1', 'p3']);
    expect(session.state.selection.from).toBe(positionOf(session.state.doc, 'One.', true));
    // Numbers are kept: removing paragraph 2 does not renumber 3.
    expect(session.labels()).toEqual(['Box I', '1', '3']);
  });

  it('Backspace at the start of a paragraph joins its words and sub-paragraphs to the paragraph before', () => {
    const doc = documentOf(box('b1', 'Box', [paragraph('p1', 1, 'One', {}, [subparagraph('s1', 1, 'sub one')]), paragraph('p2', 2, ' two', {}, [subparagraph('s2', 1, 'sub two')])]));
    const session = editing(doc, textStart(doc, 'p2'));
    session.run(joinBackward);
    const only = session.state.doc.firstChild!.child(1);
    expect(session.state.doc.firstChild!.childCount).toBe(2);
    expect(only.attrs.id).toBe('p1');
    expect(only.child(1).textContent).toBe('sub one two');
    expect(only.child(2).textContent).toBe('sub two');
    expect(session.labels()).toEqual(['Box I', '1', '(a)', '(b)']);
    session.state.doc.check();
  });

  it('Backspace at the start of a box’s first paragraph changes nothing (a title takes no paragraph text)', () => {
    const doc = threeParagraphs();
    const session = editing(doc, textStart(doc, 'p1'));
    expect(joinBackward(session.state)).toBe(true);
    session.run(joinBackward);
    expect(session.state.doc.eq(doc)).toBe(true);
  });

  it('Backspace at the start of a sub-paragraph joins it to the text before', () => {
    const doc = threeParagraphs();
    const session = editing(doc, textStart(doc, 's-b'));
    session.run(joinBackward);
    expect(session.state.doc.firstChild!.child(2).childCount).toBe(2);
    expect(session.state.doc.firstChild!.child(2).child(1).textContent).toBe('ensure control;review weapons.');
  });

  it('Backspace in the middle of words is left to the ordinary deletion', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'paragraph.'));
    expect(joinBackward(session.state)).toBe(false);
  });

  it('Delete at the end of a paragraph joins the next paragraph into it', () => {
    const doc = documentOf(box('b1', 'Box', [paragraph('p1', 1, 'One.'), paragraph('p2', 2, ' Two.')]));
    const session = editing(doc, positionOf(doc, 'One.', true));
    session.run(joinForward);
    expect(paragraphs(session.state.doc)).toEqual([{ id: 'p1', text: 'One. Two.', num: 1, sfx: 0 }]);
  });

  it('Delete at the end of a box’s last paragraph does not reach into the next box', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Third paragraph.', true));
    session.run(joinForward);
    expect(session.state.doc.eq(doc)).toBe(true);
  });
});

describe('inserting paragraphs and sub-paragraphs', () => {
  it('Mod-Enter inserts an empty paragraph after the current one, labelled in between', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'First'));
    session.run(insertParagraphAfter);
    expect(session.labels().slice(0, 4)).toEqual(['Box I', '1', '1bis', '2']);
    expect(session.state.selection.$from.parent.type.name).toBe('paragraphText');
    expect(session.state.selection.$from.parent.content.size).toBe(0);
  });

  it('Mod-Enter inside a group of alternatives inserts after the whole group', () => {
    const doc = documentOf(
      box('b1', 'Box', [paragraph('p1', 1, 'Alt one', { alt: 'g' }), paragraph('p1b', 1, 'Alt two', { alt: 'g' }), paragraph('p2', 2, 'Two')]),
    );
    const session = editing(doc, positionOf(doc, 'Alt one'));
    session.run(insertParagraphAfter);
    expect(session.labels()).toEqual(['Box I', '1 Alt 1', '1 Alt 2', '1bis', '2']);
  });

  it('Mod-Enter in a box title makes a first paragraph', () => {
    const doc = documentOf(box('b1', 'Empty box', []));
    const session = editing(doc, positionOf(doc, 'Empty box', true));
    session.run(insertParagraphAfter);
    expect(session.labels()).toEqual(['Box I', '1']);
  });

  it('Mod-Shift-Enter in the chapeau adds the first sub-paragraph; in a sub-paragraph, the next one', () => {
    const doc = documentOf(box('b1', 'Box', [paragraph('p1', 1, 'States shall:')]));
    const session = editing(doc, positionOf(doc, 'States'));
    session.run(insertSubparagraph);
    session.run(insertSubparagraph);
    expect(session.labels()).toEqual(['Box I', '1', '(a)', '(b)']);
  });

  it('Mod-Shift-Enter does nothing in a box title', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Characterisation'));
    expect(insertSubparagraph(session.state)).toBe(false);
  });
});

describe('New box (Mod-Alt-Enter): an empty box after the current one, the caret in its title', () => {
  it('from a paragraph of Box I: a new Box II with an empty title and paragraph 1; the old Box II becomes III', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Third'));
    expect(session.run(insertBoxAfter)).toBe(true);
    const after = session.state.doc;
    expect(after.childCount).toBe(3);
    const added = after.child(1);
    expect(added.attrs.id).toEqual(expect.any(String));
    expect(['b1', 'b2']).not.toContain(added.attrs.id);
    expect(added.firstChild!.textContent).toBe('');
    expect(added.childCount).toBe(2);
    expect(added.child(1).attrs).toMatchObject({ num: 1, sfx: 0 });
    expect(added.child(1).attrs.id).toEqual(expect.any(String));
    expect(after.child(2).attrs.id).toBe('b2');
    expect(session.labels()).toEqual(['Box I', '1', '2', '(a)', '(b)', '3', 'Box II', '1', 'Box III', '1']);
    // The caret waits in the new title; typing names the box.
    expect(session.state.selection.$from.parent.type.name).toBe('boxTitle');
    expect(session.state.selection.$from.node(1)).toBe(session.state.doc.child(1));
    session.run((state, dispatch) => (dispatch?.(state.tr.insertText('Final provisions')), true));
    expect(session.state.doc.child(1).firstChild!.textContent).toBe('Final provisions');
  });

  it('from a box title, and after the last box', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Application'));
    expect(session.run(insertBoxAfter)).toBe(true);
    expect(session.state.doc.childCount).toBe(3);
    expect(session.state.doc.child(1).attrs.id).toBe('b2');
    expect(session.state.doc.child(2).firstChild!.textContent).toBe('');
    expect(session.labels().slice(-4)).toEqual(['Box II', '1', 'Box III', '1']);
  });

  it('two new boxes get two fresh ids', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'First'));
    session.run(insertBoxAfter);
    session.run(insertBoxAfter);
    const ids = [0, 1, 2, 3].map((i) => session.state.doc.child(i).attrs.id);
    expect(new Set(ids).size).toBe(4);
  });
});
