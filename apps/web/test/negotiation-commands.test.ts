import { openBrackets } from '@accord/text';
import type { Node } from '@tiptap/pm/model';
import { NodeSelection } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import {
  addAlternative,
  bracketSelection,
  cycleParagraphStatus,
  deleteFootnote,
  footnoteAtSelection,
  insertFootnote,
  parseSponsors,
  removeBracket,
  setFootnoteText,
  setParagraphStatus,
} from '../src/editor/negotiation-commands';
import { repairPlugin } from '../src/editor/repair-plugin';
import { roomRulesPlugin } from '../src/editor/room-rules-plugin';
import { splitAtCursor } from '../src/editor/structure-commands';
import { box, documentOf, editing, paragraph, paragraphs, positionOf, subparagraph, text, textStart } from './support/rolling-text';

function draft() {
  return documentOf(
    box('b3', 'Prohibitions and requirements', [
      paragraph('p1', 1, 'States shall ensure meaningful human control.'),
      paragraph('p2', 2, 'Weapons systems must be predictable.', {}, [subparagraph('s-a', 1, 'in their effects;')]),
      paragraph('p3', 3, 'Third.'),
    ]),
  );
}

/** The paragraph nodes, in order. */
function paragraphNodes(doc: Node): Node[] {
  const list: Node[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'paragraph') list.push(node);
    return node.type.name !== 'paragraph';
  });
  return list;
}

function bracketsOf(doc: Node) {
  return openBrackets(doc).flatMap((b) => b.brackets.map((o) => ({ text: o.text, sponsors: o.sponsors, citation: o.citation })));
}

describe('square brackets', () => {
  it('bracketing a selection marks exactly those words, with a new id and the sponsors named', () => {
    const doc = draft();
    const session = editing(doc, 0 + positionOf(doc, 'meaningful'));
    session.select(positionOf(doc, 'meaningful'), positionOf(doc, 'meaningful', true));
    expect(session.run(bracketSelection(parseSponsors(' Arandia, Veloria ,, Arandia')))).toBe(true);
    expect(bracketsOf(session.state.doc)).toEqual([{ text: 'meaningful', sponsors: ['Arandia', 'Veloria'], citation: 'Box I(1)' }]);
    expect(openBrackets(session.state.doc)[0]!.brackets[0]!.id).toMatch(/^[\w-]{12}$/);
  });

  it('nothing to bracket: an empty selection, words across two paragraphs, or a box title', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'meaningful'));
    expect(bracketSelection()(session.state)).toBe(false);
    session.select(positionOf(doc, 'control'), positionOf(doc, 'predictable'));
    expect(bracketSelection()(session.state)).toBe(false);
    session.select(positionOf(doc, 'Prohibitions'), positionOf(doc, 'Prohibitions', true));
    expect(bracketSelection()(session.state)).toBe(false);
    expect(session.state.doc.eq(doc)).toBe(true);
  });

  it('agreeing the text removes the bracket at the cursor; a bracket split with its paragraph is two, agreed one at a time', () => {
    const doc = draft();
    const session = editing(doc, 0 + positionOf(doc, 'shall'));
    session.select(positionOf(doc, 'shall'), positionOf(doc, 'control', true));
    session.run(bracketSelection(['Arandia']));
    // Splitting the paragraph inside the bracket makes a bracket in each paragraph.
    session.select(positionOf(session.state.doc, ' meaningful'));
    session.run(splitAtCursor);
    expect(bracketsOf(session.state.doc).map((b) => b.text)).toEqual(['shall ensure', ' meaningful human control']);
    session.select(positionOf(session.state.doc, 'ensure'));
    expect(session.run(removeBracket)).toBe(true);
    expect(bracketsOf(session.state.doc).map((b) => [b.text, b.sponsors])).toEqual([[' meaningful human control', ['Arandia']]]);
    session.select(positionOf(session.state.doc, 'human'));
    expect(session.run(removeBracket)).toBe(true);
    expect(bracketsOf(session.state.doc)).toEqual([]);
  });

  it('agreeing leaves other brackets alone, and does nothing where there is no bracket', () => {
    const doc = documentOf(
      box('b1', 'Box', [
        paragraph('p1', 1, [
          text('shall', [{ type: 'bracket', attrs: { id: 'k1', sponsors: [] } }]),
          text('should', [{ type: 'bracket', attrs: { id: 'k2', sponsors: ['Veloria'] } }]),
          text(' apply.'),
        ]),
      ]),
    );
    const session = editing(doc, positionOf(doc, 'shall') + 1);
    session.run(removeBracket);
    expect(bracketsOf(session.state.doc).map((b) => b.text)).toEqual(['should']);
    session.select(positionOf(session.state.doc, 'apply') + 1);
    expect(removeBracket(session.state)).toBe(false);
  });
});

/** An agreed paragraph, then one under negotiation. */
function agreed() {
  return documentOf(box('b1', 'Box', [paragraph('p1', 1, 'Agreed words.', { status: 'agreed' }), paragraph('p2', 2, 'Open words.')]));
}

describe('alternatives', () => {
  it('adding an alternative makes an empty "Alt 2" after the paragraph, with the caret in it; later paragraphs keep their numbers', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'predictable'));
    expect(session.run(addAlternative)).toBe(true);
    // Nothing of Alt 1 is copied: not its words, nor its sub-paragraph.
    expect(session.labels()).toEqual(['Box I', '1', '2 Alt 1', '(a)', '2 Alt 2', '3']);
    const [, original, alternative] = paragraphs(session.state.doc);
    expect(original!.text).toBe('Weapons systems must be predictable.');
    expect(alternative!.text).toBe('');
    expect(alternative!.id).toMatch(/^[\w-]{12}$/);
    expect(alternative!.id).not.toBe(original!.id);
    const [, first, second] = paragraphNodes(session.state.doc);
    expect(second!.attrs.alt).toBe(first!.attrs.alt);
    expect(second!.attrs.alt).toMatch(/^[\w-]{12}$/);
    expect(second!.attrs.status).toBe('under_negotiation');
    expect(second!.childCount).toBe(1);
    // The caret is in the new paragraph's text: what is typed lands in Alt 2.
    expect(session.state.selection.empty).toBe(true);
    expect(session.state.selection.$from.parent.type.name).toBe('paragraphText');
    expect(session.state.selection.from).toBe(textStart(session.state.doc, String(alternative!.id)));
    session.state = session.state.apply(session.state.tr.insertText('States should ensure predictability.'));
    expect(paragraphs(session.state.doc).map((p) => p.text)).toEqual([
      'States shall ensure meaningful human control.',
      'Weapons systems must be predictable.',
      'States should ensure predictability.',
      'Third.',
    ]);
  });

  it('a third alternative is empty and joins the same group after the last one, from whichever alternative the caret is in', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'predictable'));
    session.run(addAlternative);
    session.state = session.state.apply(session.state.tr.insertText('Second wording.'));
    // From Alt 1: the new one still goes after Alt 2.
    session.select(positionOf(session.state.doc, 'Weapons'));
    session.run(addAlternative);
    expect(session.labels()).toEqual(['Box I', '1', '2 Alt 1', '(a)', '2 Alt 2', '2 Alt 3', '3']);
    expect(paragraphs(session.state.doc).map((p) => p.text)).toEqual(['States shall ensure meaningful human control.', 'Weapons systems must be predictable.', 'Second wording.', '', 'Third.']);
    const groups = paragraphNodes(session.state.doc).map((p) => p.attrs.alt);
    expect(groups[2]).toBe(groups[1]);
    expect(groups[3]).toBe(groups[1]);
    expect(session.state.selection.$from.parent.textContent).toBe('');
    expect(session.state.selection.from).toBe(textStart(session.state.doc, String(paragraphs(session.state.doc)[3]!.id)));
  });

  it('the alternative of an ad referendum paragraph is under negotiation; brackets, sponsors and footnotes stay in Alt 1 only', () => {
    const doc = documentOf(
      box('b1', 'Box', [
        paragraph(
          'p1',
          1,
          [text('States '), text('shall', [{ type: 'bracket', attrs: { id: 'k1', sponsors: ['Arandia'] } }]), { type: 'footnote', attrs: { id: 'f1', text: 'Note.' } }, text(' act.')],
          { status: 'agreed_ad_ref' },
        ),
      ]),
    );
    const session = editing(doc, positionOf(doc, 'States'));
    session.run(addAlternative);
    const [, alternative] = paragraphNodes(session.state.doc);
    expect(alternative!.attrs.status).toBe('under_negotiation');
    expect(alternative!.textContent).toBe('');
    expect(bracketsOf(session.state.doc)).toEqual([{ text: 'shall', sponsors: ['Arandia'], citation: 'Box I(1, Alt 1)' }]);
    let footnotes = 0;
    session.state.doc.descendants((node) => void (node.type.name === 'footnote' && footnotes++));
    expect(footnotes).toBe(1);
  });

  it('deleting one of two alternatives leaves a plain paragraph, its alternative group cleared', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'predictable'));
    session.run(addAlternative);
    const [, , alternative] = paragraphs(session.state.doc);
    const at = textStart(session.state.doc, String(alternative!.id)) - 2;
    session.run((state, dispatch) => {
      dispatch?.(state.tr.delete(at, at + state.doc.nodeAt(at)!.nodeSize));
      return true;
    });
    expect(session.labels()).toEqual(['Box I', '1', '2', '(a)', '3']);
    expect(session.state.doc.child(0).child(2).attrs.alt).toBeNull();
  });

  it('the rules of the room: a delegate may not add an alternative to agreed text, and is told why; the chair may', () => {
    const refusals: string[] = [];
    const asDelegate = (doc: Node) =>
      editing(doc, positionOf(doc, 'Agreed'), [
        roomRulesPlugin(() => ({ role: 'delegate', affiliation: 'Republic of Arandia' }), (v) => refusals.push(v.reason)),
        repairPlugin(() => true),
      ]);
    const delegate = asDelegate(agreed());
    delegate.run(addAlternative);
    expect(delegate.labels()).toEqual(['Box I', '1', '2']);
    expect(refusals).toEqual(['Box I(1) is agreed: only the chair or the secretariat may reopen it']);
    // To text under negotiation, the delegate's alternative is made.
    delegate.select(positionOf(delegate.state.doc, 'Open'));
    expect(delegate.run(addAlternative)).toBe(true);
    expect(delegate.labels()).toEqual(['Box I', '1', '2 Alt 1', '2 Alt 2']);

    const doc = agreed();
    const chair = editing(doc, positionOf(doc, 'Agreed'), [roomRulesPlugin(() => ({ role: 'chair', affiliation: null }), (v) => refusals.push(v.reason)), repairPlugin(() => true)]);
    expect(chair.run(addAlternative)).toBe(true);
    expect(chair.labels()).toEqual(['Box I', '1 Alt 1', '1 Alt 2', '2']);
  });
});

describe('paragraph status', () => {
  it('cycles under negotiation → agreed ad referendum → agreed → under negotiation', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'Third'));
    const status = () => paragraphs(session.state.doc)[2] && session.state.doc.firstChild!.child(3).attrs.status;
    expect(status()).toBe('under_negotiation');
    session.run(cycleParagraphStatus);
    expect(status()).toBe('agreed_ad_ref');
    session.run(cycleParagraphStatus);
    expect(status()).toBe('agreed');
    session.run(cycleParagraphStatus);
    expect(status()).toBe('under_negotiation');
    session.run(setParagraphStatus('agreed'));
    expect(status()).toBe('agreed');
  });

  it('a sub-paragraph sets its paragraph’s status; a box title has none', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'in their effects'));
    session.run(setParagraphStatus('agreed_ad_ref'));
    expect(session.state.doc.firstChild!.child(2).attrs.status).toBe('agreed_ad_ref');
    session.select(positionOf(doc, 'Prohibitions'));
    expect(cycleParagraphStatus(session.state)).toBe(false);
  });
});

describe('footnotes', () => {
  it('inserts a footnote with its text at the cursor', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, ' control', true));
    expect(session.run(insertFootnote('  See CCW/GGE.1/2023/2.  '))).toBe(true);
    const inserted = session.state.doc.nodeAt(positionOf(doc, ' control', true))!;
    expect(inserted.type.name).toBe('footnote');
    expect(inserted.attrs.text).toBe('See CCW/GGE.1/2023/2.');
    expect(inserted.attrs.id).toMatch(/^[\w-]{12}$/);
  });

  it('a footnote inserted inside a bracket stays inside it, so the bracket is drawn as one', () => {
    const doc = documentOf(box('b1', 'Box', [paragraph('p1', 1, [text('with lethal force', [{ type: 'bracket', attrs: { id: 'k1', sponsors: [] } }])])]));
    const at = positionOf(doc, ' force');
    const session = editing(doc, at);
    session.run(insertFootnote('Note.'));
    const footnote = session.state.doc.nodeAt(at)!;
    expect(footnote.type.name).toBe('footnote');
    expect(footnote.marks.map((m) => [m.type.name, m.attrs.id])).toEqual([['bracket', 'k1']]);
    expect(openBrackets(session.state.doc)[0]!.brackets.map((b) => b.text)).toEqual(['with lethal force']);
  });

  it('refuses an empty footnote and a footnote in a box title', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'control'));
    expect(insertFootnote('   ')(session.state)).toBe(false);
    session.select(positionOf(doc, 'Prohibitions'));
    expect(insertFootnote('Note')(session.state)).toBe(false);
  });
});

/** A paragraph holding a footnote (id f1), then another. */
function noted(status = 'under_negotiation') {
  return documentOf(
    box('b1', 'Box', [
      paragraph('p1', 1, [text('States shall act'), { type: 'footnote', attrs: { id: 'f1', text: 'The Chair understands "act" broadly.' } }, text(' in good faith.')], { status }),
      paragraph('p2', 2, 'Second.'),
    ]),
  );
}

describe('footnotes read and edited in place', () => {
  it('finds the footnote beside the caret (before it first), or selected; none in the middle of words or across a range', () => {
    const doc = noted();
    const at = positionOf(doc, 'States shall act', true);
    const session = editing(doc, at);
    // The caret just before the marker, then just after it.
    expect(footnoteAtSelection(session.state)).toEqual({ pos: at, id: 'f1', text: 'The Chair understands "act" broadly.' });
    session.select(at + 1);
    expect(footnoteAtSelection(session.state)).toMatchObject({ pos: at, id: 'f1' });
    session.state = session.state.apply(session.state.tr.setSelection(NodeSelection.create(session.state.doc, at)));
    expect(footnoteAtSelection(session.state)).toMatchObject({ pos: at, id: 'f1' });
    session.select(positionOf(doc, 'shall'));
    expect(footnoteAtSelection(session.state)).toBeNull();
    session.select(at - 3, at);
    expect(footnoteAtSelection(session.state)).toBeNull();
  });

  it('saving sets the text of that footnote, found by its id after words were typed before it; an empty text is refused', () => {
    const doc = noted();
    const at = positionOf(doc, 'States shall act', true);
    const session = editing(doc, at);
    const footnote = footnoteAtSelection(session.state)!;
    // Someone types before it while it is open: it moved.
    session.state = session.state.apply(session.state.tr.insertText('Most ', positionOf(doc, 'States')));
    expect(session.run(setFootnoteText(footnote, '  The Chair understands "act" to include omissions.  '))).toBe(true);
    expect(session.state.doc.nodeAt(at + 5)!.attrs).toEqual({ id: 'f1', text: 'The Chair understands "act" to include omissions.' });
    expect(paragraphs(session.state.doc)[0]!.text).toBe('Most States shall act in good faith.');
    expect(setFootnoteText(footnote, '   ')(session.state)).toBe(false);
    expect(setFootnoteText({ pos: 3, id: 'gone' }, 'Text')(session.state)).toBe(false);
  });

  it('deleting removes the marker and its text and leaves the caret where it was', () => {
    const doc = noted();
    const at = positionOf(doc, 'States shall act', true);
    const session = editing(doc, at + 1);
    expect(session.run(deleteFootnote(footnoteAtSelection(session.state)!))).toBe(true);
    expect(paragraphs(session.state.doc)[0]!.text).toBe('States shall act in good faith.');
    let footnotes = 0;
    session.state.doc.descendants((node) => void (node.type.name === 'footnote' && footnotes++));
    expect(footnotes).toBe(0);
    expect(session.state.selection.from).toBe(at);
  });

  it('the rules of the room: a footnote in agreed text is locked for a delegate, who is told why; the chair edits it', () => {
    const refusals: string[] = [];
    const doc = noted('agreed');
    const at = positionOf(doc, 'States shall act', true);
    const delegate = editing(doc, at, [roomRulesPlugin(() => ({ role: 'delegate', affiliation: 'Kingdom of Veloria' }), (v) => refusals.push(v.reason))]);
    delegate.run(setFootnoteText({ pos: at, id: 'f1' }, 'Changed.'));
    delegate.run(deleteFootnote({ pos: at, id: 'f1' }));
    expect(delegate.state.doc.eq(doc)).toBe(true);
    expect(refusals).toEqual(['Box I(1) is agreed: only the chair or the secretariat may reopen it', 'Box I(1) is agreed: only the chair or the secretariat may reopen it']);

    const chair = editing(doc, at, [roomRulesPlugin(() => ({ role: 'chair', affiliation: null }), (v) => refusals.push(v.reason))]);
    chair.run(setFootnoteText({ pos: at, id: 'f1' }, 'Changed.'));
    expect(chair.state.doc.nodeAt(at)!.attrs.text).toBe('Changed.');
    expect(refusals).toHaveLength(2);
  });
});

/** Two paragraphs that claim the same id and the same number, as a paste or a concurrent edit can leave. */
function clash() {
  return documentOf(box('b1', 'Box', [paragraph('p1', 1, 'One.'), paragraph('p1', 1, 'Copy.'), paragraph('p2', 2, 'Two.')]));
}

describe('label and identity repairs follow local edits only, and only by people who may edit', () => {

  it('a local edit repairs the whole text: the copy gets a new id and is labelled 1bis', () => {
    const doc = clash();
    const session = editing(doc, positionOf(doc, 'Two.', true));
    session.state = session.state.apply(session.state.tr.insertText('!'));
    const list = paragraphs(session.state.doc);
    expect(list[0]).toMatchObject({ id: 'p1', num: 1, sfx: 0 });
    expect(list[1]!.id).not.toBe('p1');
    expect(list[1]).toMatchObject({ num: 1, sfx: 1 });
  });

  it('a transaction from Yjs (a remote edit) is not repaired here: its author repairs it', () => {
    const doc = clash();
    const session = editing(doc, positionOf(doc, 'Two.', true));
    session.state = session.state.apply(session.state.tr.insertText('!').setMeta(ySyncPluginKey, { isChangeOrigin: true }));
    expect(paragraphs(session.state.doc).map((p) => p.id)).toEqual(['p1', 'p1', 'p2']);
  });

  it('a reader’s editor never writes repairs', () => {
    const doc = clash();
    const session = editing(doc, positionOf(doc, 'Two.', true), [repairPlugin(() => false)]);
    session.state = session.state.apply(session.state.tr.insertText('!'));
    expect(paragraphs(session.state.doc).map((p) => [p.id, p.num, p.sfx])).toEqual([
      ['p1', 1, 0],
      ['p1', 1, 0],
      ['p2', 2, 0],
    ]);
  });

  it('a selection change alone changes nothing', () => {
    const doc = clash();
    const session = editing(doc, positionOf(doc, 'Two.', true));
    session.select(positionOf(doc, 'One'));
    expect(session.state.doc.eq(doc)).toBe(true);
  });
});
