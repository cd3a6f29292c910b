/**
 * The rules of the room as one comparison of the text before and after a change (room-rules.ts):
 *   1. only the chair and the secretariat change a paragraph's status;
 *   2. an agreed paragraph is locked for delegates (text, brackets, alternatives, footnotes, deletion);
 *   3. the boxes are the chair's: only a steward changes a box title or adds, removes or moves a box;
 *   4. a bracket is its sponsors': a delegate removes it, or a sponsor, only as their own delegation;
 *   5. nobody marks a paragraph agreed while it holds open brackets;
 *   6. civil society and observers write nothing.
 * What the rules allow is checked next to what they refuse.
 */
import { Fragment } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { emptyBox, isOwnSponsor, M, roomRuleViolation, schema } from '../src/index.js';
import {
  arandia,
  chair,
  cited,
  civilSociety,
  deleteParagraph,
  deleteWords,
  edit,
  observer,
  ROOM_TEXT,
  secretariat,
  setStatus,
  sponsor,
  typeIn,
  unbracket,
  veloria,
  wordsAt,
} from './support/room-text.js';

const text = ROOM_TEXT;
const verdict = (after: typeof text, writer: { role: string; affiliation: string | null }, before = text) => roomRuleViolation(before, after, writer);

describe('what everyone who writes may do', () => {
  it('type and delete words in a paragraph under negotiation, inside anyone’s bracket too', () => {
    for (const writer of [chair, secretariat, arandia, veloria]) {
      expect(verdict(typeIn(text, 'Box I(2)', 'Weapons'), writer)).toBeNull();
      expect(verdict(typeIn(text, 'Box I(2)', 'tested'), writer)).toBeNull();
      expect(verdict(deleteWords(text, 'Box I(2)', 'test'), writer)).toBeNull();
      expect(verdict(typeIn(text, 'Box I(3)', 'hamper'), writer)).toBeNull();
    }
  });

  it('bracket new words with any sponsors', () => {
    const from = wordsAt(text, 'Box III(1)', 'comply');
    const bracketed = edit(text, (tr) => tr.addMark(from, from + 6, schema.marks[M.bracket]!.create({ id: 'new-bracket', sponsors: ['Kestria', 'Solmar'] })));
    expect(verdict(bracketed, arandia)).toBeNull();
  });

  it('store the label of a paragraph that had none, in an agreed paragraph too (the editor does)', () => {
    const { pos } = cited(text, 'Box I(1)');
    const unlabelled = edit(text, (tr) => tr.setNodeAttribute(pos, 'num', null));
    const labelled = edit(unlabelled, (tr) => tr.setNodeAttribute(pos, 'num', 1));
    expect(verdict(labelled, veloria, unlabelled)).toBeNull();
  });

  it('but not rewrite an agreed paragraph’s stored label: delegations cite agreed text by it', () => {
    const renumbered = edit(text, (tr) => tr.setNodeAttribute(cited(text, 'Box I(1)').pos, 'num', 7));
    expect(verdict(renumbered, veloria)?.code).toBe('PARAGRAPH_AGREED');
    const cleared = edit(text, (tr) => tr.setNodeAttribute(cited(text, 'Box I(1)').pos, 'num', null));
    expect(verdict(cleared, veloria)?.code).toBe('PARAGRAPH_AGREED');
  });

  it('split a paragraph under negotiation or ad ref (Enter): the new half keeps its status', () => {
    const { pos } = cited(text, 'Box I(3)');
    const split = edit(text, (tr) =>
      tr.split(wordsAt(text, 'Box I(3)', 'and should'), 2, [{ type: schema.nodes.paragraph!, attrs: { id: 'second-half', status: 'agreed_ad_ref' } }, { type: schema.nodes.paragraphText! }]),
    );
    expect(split.nodeAt(pos)!.textContent).toBe('Any characterisation should be technology-neutral ');
    expect(verdict(split, arandia)).toBeNull();
  });
});

describe('1. only the chair and the secretariat change a paragraph’s status', () => {
  it('a delegate may not mark a paragraph agreed, ad ref, or reopen one', () => {
    expect(verdict(setStatus(text, 'Box III(1)', 'agreed'), arandia)).toEqual({
      code: 'STATUS_STEWARDS_ONLY',
      reason: "Box III(1): only the chair or the secretariat may change a paragraph's status",
    });
    expect(verdict(setStatus(text, 'Box III(1)', 'agreed_ad_ref'), veloria)?.code).toBe('STATUS_STEWARDS_ONLY');
    expect(verdict(setStatus(text, 'Box I(1)', 'under_negotiation'), veloria)?.code).toBe('STATUS_STEWARDS_ONLY');
  });

  it('nor add a paragraph already agreed', () => {
    const { pos, node } = cited(text, 'Box III(1)');
    const pasted = edit(text, (tr) => tr.insert(pos + node.nodeSize, node.type.create({ id: 'pasted', status: 'agreed' }, node.content)));
    expect(verdict(pasted, arandia)?.code).toBe('STATUS_STEWARDS_ONLY');
  });

  it('the chair and the secretariat may', () => {
    expect(verdict(setStatus(text, 'Box III(1)', 'agreed'), chair)).toBeNull();
    expect(verdict(setStatus(text, 'Box III(1)', 'agreed_ad_ref'), secretariat)).toBeNull();
    expect(verdict(setStatus(text, 'Box I(1)', 'under_negotiation'), chair)).toBeNull();
  });
});

describe('2. an agreed paragraph is locked for delegates', () => {
  const locked = { code: 'PARAGRAPH_AGREED', reason: 'Box I(1) is agreed: only the chair or the secretariat may reopen it' };

  it('its words, brackets and footnotes', () => {
    expect(verdict(typeIn(text, 'Box I(1)', 'law'), arandia)).toEqual(locked);
    expect(verdict(deleteWords(text, 'Box I(1)', 'international '), arandia)).toEqual(locked);
    const from = wordsAt(text, 'Box I(1)', 'law');
    expect(verdict(edit(text, (tr) => tr.addMark(from, from + 3, schema.marks[M.bracket]!.create({ id: 'b', sponsors: ['Arandia'] }))), arandia)).toEqual(locked);
    expect(verdict(edit(text, (tr) => tr.insert(from, schema.nodes.footnote!.create({ id: 'f', text: 'Note' }))), arandia)).toEqual(locked);
    expect(verdict(edit(text, (tr) => tr.addMark(from, from + 3, schema.marks[M.em]!.create())), veloria)).toEqual(locked);
  });

  it('deleting it, or the box holding it', () => {
    expect(verdict(deleteParagraph(text, 'Box I(1)'), veloria)).toEqual(locked);
    const box = edit(text, (tr) => tr.delete(0, text.child(0).nodeSize));
    expect(verdict(box, veloria)).toEqual(locked);
  });

  it('its alternatives: making it one, or adding one to its group', () => {
    const made = edit(text, (tr) => tr.setNodeAttribute(cited(text, 'Box I(1)').pos, 'alt', 'group'));
    expect(verdict(made, arandia)).toEqual(locked);
    const { pos, node } = cited(text, 'Box II(1, Alt 2)');
    const third = edit(text, (tr) => tr.insert(pos + node.nodeSize, node.type.create({ id: 'alt-3', alt: node.attrs.alt }, node.content)));
    expect(verdict(third, arandia)?.reason).toMatch(/^Box II\(1, Alt \d\) is agreed/);
  });

  it('moving it to another box', () => {
    const { pos, node } = cited(text, 'Box I(1)');
    const moved = edit(text, (tr) => {
      const into = cited(text, 'Box II(2)');
      tr.insert(into.pos + into.node.nodeSize, node);
      tr.delete(pos, pos + node.nodeSize);
    });
    expect(verdict(moved, arandia)?.code).toBe('PARAGRAPH_AGREED');
  });

  it('the chair and the secretariat may edit it, delete it and reopen it', () => {
    expect(verdict(typeIn(text, 'Box I(1)', 'law'), chair)).toBeNull();
    expect(verdict(deleteParagraph(text, 'Box I(1)'), secretariat)).toBeNull();
    const reopened = setStatus(text, 'Box I(1)', 'under_negotiation');
    expect(verdict(reopened, chair)).toBeNull();
    // Once reopened, delegates write in it again.
    expect(verdict(typeIn(reopened, 'Box I(1)', 'law'), arandia, reopened)).toBeNull();
  });

  it('ad ref is not locked', () => {
    expect(verdict(deleteWords(text, 'Box I(3)', 'peaceful '), veloria)).toBeNull();
  });
});

describe('3. the boxes are the chair’s', () => {
  /** Where Box `n` (1-based) starts, and its title's words. */
  const boxAt = (doc: typeof text, n: number) => {
    let pos = 0;
    for (let i = 1; i < n; i++) pos += doc.child(i - 1).nodeSize;
    return { pos, node: doc.child(n - 1), title: pos + 2 };
  };
  const renamed = edit(text, (tr) => tr.insertText('Scope and ', boxAt(text, 2).title));
  const untitled = edit(text, (tr) => tr.delete(boxAt(text, 3).title, boxAt(text, 3).title + 'Prohibitions'.length));
  const added = edit(text, (tr) => tr.insert(boxAt(text, 2).pos + text.child(1).nodeSize, emptyBox()));
  const removed = edit(text, (tr) => tr.delete(boxAt(text, 3).pos, boxAt(text, 3).pos + text.child(2).nodeSize));
  const moved = edit(text, (tr) => {
    const third = boxAt(text, 3);
    tr.delete(third.pos, third.pos + third.node.nodeSize).insert(0, third.node);
  });

  it('a delegate may not change a box title, nor add, remove or move a box', () => {
    expect(verdict(renamed, arandia)).toEqual({ code: 'BOXES_STEWARDS_ONLY', reason: 'Box II: only the chair or the secretariat may change a box title' });
    expect(verdict(untitled, veloria)).toEqual({ code: 'BOXES_STEWARDS_ONLY', reason: 'Box III: only the chair or the secretariat may change a box title' });
    const structure = { code: 'BOXES_STEWARDS_ONLY', reason: 'only the chair or the secretariat may add, remove or move a box' };
    expect(verdict(added, arandia)).toEqual(structure);
    expect(verdict(removed, arandia)).toEqual(structure);
    expect(verdict(moved, arandia)).toEqual(structure);
    // A box whose id is rewritten is another box: its comments and citations would no longer follow it.
    expect(verdict(edit(text, (tr) => tr.setNodeAttribute(boxAt(text, 3).pos, 'id', 'another-box')), arandia)).toEqual(structure);
  });

  it('an agreed paragraph in a box still says so first', () => {
    expect(verdict(edit(text, (tr) => tr.delete(0, text.child(0).nodeSize)), arandia)?.code).toBe('PARAGRAPH_AGREED');
  });

  it('the chair and the secretariat may', () => {
    for (const writer of [chair, secretariat]) {
      for (const next of [renamed, untitled, added, removed, moved]) expect(verdict(next, writer)).toBeNull();
    }
  });

  it('a delegate may still write in every box, and give a box without an id its id (the repairs)', () => {
    expect(verdict(typeIn(text, 'Box II(2)', 'human'), arandia)).toBeNull();
    const noId = edit(text, (tr) => tr.setNodeAttribute(boxAt(text, 3).pos, 'id', null));
    expect(verdict(edit(noId, (tr) => tr.setNodeAttribute(boxAt(noId, 3).pos, 'id', 'given')), arandia, noId)).toBeNull();
  });
});

describe('4. a bracket belongs to its sponsors', () => {
  it('a delegate removes their own delegation’s bracket, by its mark or all of its words', () => {
    expect(verdict(unbracket(text, 'Box I(2)', 'identified'), arandia)).toBeNull();
    expect(verdict(deleteWords(text, 'Box I(2)', 'identified'), arandia)).toBeNull();
    expect(verdict(unbracket(text, 'Box I(2)', 'tested'), veloria)).toBeNull();
  });

  it('not another delegation’s, nor one sponsored with others, nor one without sponsors', () => {
    expect(verdict(unbracket(text, 'Box I(2)', 'tested'), arandia)).toEqual({
      code: 'BRACKET_NOT_YOURS',
      reason: 'Box I(2): the bracket [tested] is sponsored by Veloria; only its sponsors alone, the chair or the secretariat may remove it',
    });
    expect(verdict(deleteWords(text, 'Box I(2)', 'tested'), arandia)?.code).toBe('BRACKET_NOT_YOURS');
    expect(verdict(unbracket(text, 'Box I(2)', 'reviewed'), arandia)?.reason).toContain('is sponsored by Arandia and Veloria');
    expect(verdict(unbracket(text, 'Box I(2)', 'regularly'), arandia)?.reason).toContain('[regularly] has no sponsor');
    expect(verdict(unbracket(text, 'Box III(3)(a)', 'meaningful'), arandia)?.reason).toContain('Box III(3): the bracket [meaningful]');
  });

  it('nor by taking some of its words out of it', () => {
    const from = wordsAt(text, 'Box I(2)', 'tested');
    const partly = edit(text, (tr) => tr.removeMark(from, from + 3, schema.marks[M.bracket]!));
    expect(verdict(partly, arandia)).toEqual({
      code: 'BRACKET_NOT_YOURS',
      reason: 'Box I(2): the bracket [tested] is sponsored by Veloria; only its sponsors alone, the chair or the secretariat may take words out of it',
    });
    expect(verdict(partly, veloria)).toBeNull();
    expect(verdict(partly, chair)).toBeNull();
    // Typing right after the bracket, outside it, takes nothing out.
    expect(verdict(edit(text, (tr) => tr.insertText('x', from + 6)), arandia)).toBeNull();
  });

  it('a bracket split in two (Enter inside it, then the repairs give the second half its own id) stays the sponsors’', () => {
    const at = wordsAt(text, 'Box III(3)(a)', 'meaningful') + 4;
    const split = edit(text, (tr) => {
      tr.split(at, 1, [{ type: schema.nodes.subparagraph!, attrs: { id: 'sub-new' } }]);
      const second = tr.doc.resolve(at + 2);
      const mark = second.nodeAfter!.marks[0]!;
      tr.removeMark(at + 2, at + 2 + 6, mark).addMark(at + 2, at + 2 + 6, mark.type.create({ ...mark.attrs, id: 'fresh-id' }));
    });
    expect(verdict(split, arandia)).toBeNull();
  });

  it('nor by deleting the paragraph holding it', () => {
    expect(verdict(deleteParagraph(text, 'Box I(2)'), arandia)?.code).toBe('BRACKET_NOT_YOURS');
  });

  it('a bracket cut from one paragraph and pasted into another is moved, not removed', () => {
    const from = wordsAt(text, 'Box I(2)', 'tested');
    const slice = text.slice(from, from + 6);
    const moved = edit(text, (tr) => {
      tr.insert(wordsAt(text, 'Box III(1)', 'comply'), slice.content);
      tr.delete(from, from + 6);
    });
    expect(verdict(moved, arandia)).toBeNull();
  });

  it('a delegate adds or withdraws their own delegation as a sponsor, no other', () => {
    expect(verdict(sponsor(text, 'Box I(2)', 'tested', ['Veloria', 'Arandia']), arandia)).toBeNull();
    expect(verdict(sponsor(text, 'Box I(2)', 'reviewed', ['Veloria']), arandia)).toBeNull();
    expect(verdict(sponsor(text, 'Box I(2)', 'reviewed', ['Arandia']), arandia)).toEqual({
      code: 'BRACKET_NOT_YOURS',
      reason: 'Box I(2): only Veloria, the chair or the secretariat may withdraw Veloria as sponsor of [reviewed]',
    });
    expect(verdict(sponsor(text, 'Box I(2)', 'tested', ['Veloria', 'Kestria']), arandia)?.reason).toBe(
      'Box I(2): a delegation adds only itself as sponsor of [tested]; Kestria must add itself',
    );
  });

  it('the chair and the secretariat agree anyone’s bracket away', () => {
    expect(verdict(unbracket(text, 'Box I(2)', 'tested'), chair)).toBeNull();
    expect(verdict(deleteWords(text, 'Box I(2)', 'reviewed'), secretariat)).toBeNull();
    expect(verdict(sponsor(text, 'Box I(2)', 'tested', ['Kestria']), chair)).toBeNull();
  });

  it('own delegation: the affiliation’s name or its short form, case aside, in that direction only', () => {
    expect(isOwnSponsor('Republic of Arandia', 'Arandia')).toBe(true);
    expect(isOwnSponsor('Republic of Arandia', ' republic of  ARANDIA ')).toBe(true);
    expect(isOwnSponsor('Kingdom of the Netherlands', 'Netherlands')).toBe(true);
    expect(isOwnSponsor('Arandia', 'Republic of Arandia')).toBe(false);
    expect(isOwnSponsor('Republic of Arandia', 'Veloria')).toBe(false);
    expect(isOwnSponsor(null, 'Arandia')).toBe(false);
    expect(isOwnSponsor('Republic of Korea', "Democratic People's Republic of Korea")).toBe(false);
  });
});

describe('5. no paragraph is agreed while it holds open brackets', () => {
  it('nobody, the chair included, marks it agreed; the reason lists the brackets', () => {
    const marked = setStatus(text, 'Box III(2)', 'agreed');
    const expected = { code: 'OPEN_BRACKETS', reason: 'Box III(2) still has 2 open brackets: [shall], [should]' };
    expect(verdict(marked, chair)).toEqual(expected);
    expect(verdict(marked, secretariat)).toEqual(expected);
    // A delegate is refused by the first rule first.
    expect(verdict(marked, arandia)?.code).toBe('STATUS_STEWARDS_ONLY');
    expect(verdict(setStatus(text, 'Box III(3)', 'agreed'), chair)?.reason).toBe('Box III(3) still has 1 open bracket: [meaningful]');
  });

  it('nor adds a bracket to agreed text', () => {
    const from = wordsAt(text, 'Box I(1)', 'law');
    const bracketed = edit(text, (tr) => tr.addMark(from, from + 3, schema.marks[M.bracket]!.create({ id: 'b', sponsors: [] })));
    expect(verdict(bracketed, chair)).toEqual({ code: 'OPEN_BRACKETS', reason: 'Box I(1) is agreed and would hold 1 open bracket: [law]' });
  });

  it('the chair agrees the brackets away, then marks the paragraph agreed', () => {
    const agreedAway = deleteWords(unbracket(text, 'Box III(2)', 'shall'), 'Box III(2)', 'should');
    expect(verdict(agreedAway, chair)).toBeNull();
    expect(verdict(setStatus(agreedAway, 'Box III(2)', 'agreed'), chair, agreedAway)).toBeNull();
    // Both in one change too.
    expect(verdict(setStatus(agreedAway, 'Box III(2)', 'agreed'), chair)).toBeNull();
  });
});

describe('6. civil society and observers write nothing', () => {
  it('no words, no status, no title', () => {
    for (const reader of [observer, civilSociety]) {
      expect(verdict(typeIn(text, 'Box III(1)', 'comply'), reader)).toEqual({
        code: 'PARAGRAPH_AGREED',
        reason: 'Box III(1): civil society and observers do not write the text; their wording enters it through an accepted amendment',
      });
      expect(verdict(setStatus(text, 'Box III(1)', 'agreed_ad_ref'), reader)?.code).toBe('STATUS_STEWARDS_ONLY');
      expect(verdict(edit(text, (tr) => tr.insertText('x', 2)), reader)?.code).toBe('PARAGRAPH_AGREED');
      const { pos, node } = cited(text, 'Box III(1)');
      expect(verdict(edit(text, (tr) => tr.insert(pos + node.nodeSize, node.type.create({ id: 'n' }, Fragment.from(node.firstChild!)))), reader)?.code).toBe(
        'PARAGRAPH_AGREED',
      );
    }
  });

  it('an unchanged text is no change', () => {
    expect(verdict(text, observer)).toBeNull();
  });
});
