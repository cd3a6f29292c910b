import { openBrackets } from '@accord/text';
import type { Node } from '@tiptap/pm/model';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import {
  addAlternative,
  bracketSelection,
  cycleParagraphStatus,
  insertFootnote,
  parseSponsors,
  removeBracket,
  setParagraphStatus,
} from '../src/editor/negotiation-commands';
import { repairPlugin } from '../src/editor/repair-plugin';
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

describe('alternatives', () => {
  it('adding an alternative copies the paragraph as "Alt 2" with fresh ids; later paragraphs keep their numbers', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'predictable'));
    expect(session.run(addAlternative)).toBe(true);
    expect(session.labels()).toEqual(['Box I', '1', '2 Alt 1', '(a)', '2 Alt 2', '(a)', '3']);
    const [, original, copy] = paragraphs(session.state.doc);
    expect(copy!.text).toBe(original!.text);
    expect(copy!.id).not.toBe(original!.id);
    const ids: unknown[] = [];
    session.state.doc.descendants((node) => void ids.push(node.attrs.id));
    const named = ids.filter((id) => id !== undefined && id !== null);
    expect(new Set(named).size).toBe(named.length);
    // The cursor lands at the end of the new alternative's words, ready to change them.
    expect(session.state.selection.$from.parent.textContent).toBe('Weapons systems must be predictable.');
    expect(session.state.selection.$from.before()).toBeGreaterThan(textStart(session.state.doc, 's-a'));
  });

  it('a third alternative joins the same group, after the last one', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'predictable'));
    session.run(addAlternative);
    session.select(positionOf(session.state.doc, 'Weapons'));
    session.run(addAlternative);
    expect(session.labels()).toEqual(['Box I', '1', '2 Alt 1', '(a)', '2 Alt 2', '(a)', '2 Alt 3', '(a)', '3']);
  });

  it('deleting one of two alternatives leaves a plain paragraph, its alternative group cleared', () => {
    const doc = draft();
    const session = editing(doc, positionOf(doc, 'predictable'));
    session.run(addAlternative);
    const [, , copy] = paragraphs(session.state.doc);
    const at = textStart(session.state.doc, String(copy!.id)) - 2;
    session.run((state, dispatch) => {
      dispatch?.(state.tr.delete(at, at + state.doc.nodeAt(at)!.nodeSize));
      return true;
    });
    expect(session.labels()).toEqual(['Box I', '1', '2', '(a)', '3']);
    expect(session.state.doc.child(0).child(2).attrs.alt).toBeNull();
  });

  it('brackets in the copy are new brackets: agreeing one alternative leaves the other bracketed', () => {
    const doc = documentOf(box('b1', 'Box', [paragraph('p1', 1, [text('States '), text('shall', [{ type: 'bracket', attrs: { id: 'k1', sponsors: ['Arandia'] } }])])]));
    const session = editing(doc, positionOf(doc, 'States'));
    session.run(addAlternative);
    const ids = openBrackets(session.state.doc)[0]!.brackets.map((b) => b.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    session.select(positionOf(session.state.doc, 'shall') + 1);
    session.run(removeBracket);
    expect(bracketsOf(session.state.doc)).toEqual([{ text: 'shall', sponsors: ['Arandia'], citation: 'Box I(1, Alt 2)' }]);
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
