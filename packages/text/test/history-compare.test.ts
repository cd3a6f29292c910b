/**
 * compareTexts on the demo's rolling text: each test is one change a chair makes between two
 * revisions, and the comparison must name exactly that change, no more.
 */
import { describe, expect, it } from 'vitest';
import { compareTexts, type ComparisonChange } from '../src/history/index.js';
import { computeLabels, renumber } from '../src/index.js';
import {
  addFootnoteAtEnd,
  agreeBracket,
  bracketWords,
  demo,
  editFootnote,
  idAt,
  insertAfter,
  insertFirstInBox,
  moveAfter,
  newParagraph,
  newSubparagraph,
  remove,
  repairLabels,
  replaceWords,
  setAttrs,
  setSponsors,
} from './history-edits.js';

const base = demo();

function kinds(changes: ComparisonChange[]): string[] {
  return changes.map((c) => `${c.kind} ${c.toLabel ?? c.fromLabel}`);
}

describe('compareTexts: what a chair changed, and nothing else', () => {
  it('identical texts compare to no change, with zero counts in every box', () => {
    const { summary, changes } = compareTexts(base, base);
    expect(changes).toEqual([]);
    expect(summary.byBox.map((b) => b.box)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(summary.byBox.every((b) => b.inserted + b.deleted + b.moved + b.modified + b.relabelled + b.status === 0)).toBe(true);
    // A copy of the same text (new node objects, same ids) too.
    expect(compareTexts(base, renumber(renumber(base))).changes.filter((c) => c.kind !== 'relabelled')).toEqual([]);
  });

  it('(a) a bis paragraph inserted is one insertion, labelled 1bis, with its wording; nothing after it is relabelled', () => {
    const bis = newParagraph('The Group recalls the guiding principles affirmed in 2019.');
    const after = insertAfter(base, idAt(base, 'Box I(1)'), bis);
    const { summary, changes } = compareTexts(base, after);
    expect(changes).toEqual([
      { paragraphId: bis.attrs.id, blockKind: 'paragraph', kind: 'inserted', box: 'I', toLabel: 'Box I(1bis)', text: 'The Group recalls the guiding principles affirmed in 2019.' },
    ]);
    expect(summary.inserted).toBe(1);
    expect(summary.byBox[0]).toEqual({ box: 'I', title: 'Characterisation of lethal autonomous weapons systems', inserted: 1, deleted: 0, moved: 0, modified: 0, relabelled: 0, status: 0 });
  });

  it('(b) a paragraph moved to another box is one move, old and new label given, its sub-paragraphs not reported', () => {
    const moved = idAt(base, 'Box V(3)');
    const after = moveAfter(base, moved, idAt(base, 'Box III(3bis)'));
    expect(compareTexts(base, after).changes).toEqual([{ paragraphId: moved, blockKind: 'paragraph', kind: 'moved', box: 'III', fromLabel: 'Box V(3)', toLabel: 'Box III(3ter)' }]);

    // A paragraph with sub-paragraphs, moved within its box: the sub-paragraphs follow silently.
    const p2 = idAt(base, 'Box III(2)');
    const within = moveAfter(base, p2, idAt(base, 'Box III(3bis)'));
    expect(compareTexts(base, within).changes).toEqual([{ paragraphId: p2, blockKind: 'paragraph', kind: 'moved', box: 'III', fromLabel: 'Box III(2)', toLabel: 'Box III(2)' }]);
  });

  it('(c) a paragraph deleted is one deletion with its wording and sub-paragraphs, listed where it stood', () => {
    const gone = idAt(base, 'Box III(3)');
    const after = remove(base, gone);
    const { summary, changes } = compareTexts(base, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ paragraphId: gone, blockKind: 'paragraph', kind: 'deleted', box: 'III', fromLabel: 'Box III(3)' });
    expect(changes[0]!.text!.split('\n')).toEqual([
      'For all other lethal autonomous weapons systems, [High Contracting Parties][States] [shall][should] ensure that:',
      '(a) the types of target are limited to objects that are military objectives by nature;',
      '(b) the duration, geographical scope and scale of operation are [limited][appropriately limited]{Veloria};',
      '(c) human operators are trained to understand the system and its foreseeable effects;',
      '(d) the system can be [deactivated][overridden] by a human operator [at any time][where feasible]{Kestria}.',
    ]);
    expect(summary.deleted).toBe(1);
    expect(summary.byBox.find((b) => b.box === 'III')!.deleted).toBe(1);

    // Among other changes it stands between its neighbours of the old text.
    const also = setAttrs(setAttrs(after, idAt(base, 'Box III(2bis)'), { status: 'agreed' }), idAt(base, 'Box III(3bis)'), { status: 'agreed' });
    expect(kinds(compareTexts(base, also).changes)).toEqual(['status Box III(2bis)', 'deleted Box III(3)', 'status Box III(3bis)']);
  });

  it('(d) a bracket agreed away keeps its words (bracket_removed), and a sponsor joining another bracket is sponsor_added', () => {
    const p4 = idAt(base, 'Box IV(4)');
    const p2bis = idAt(base, 'Box III(2bis)');
    const after = setSponsors(agreeBracket(base, p4, 0), p2bis, 0, ['Veloria', 'Kestria']);
    const { summary, changes } = compareTexts(base, after);
    const words = 'Nothing in paragraph 2 affects systems designed solely to intercept munitions, aircraft or vehicles in defence against an imminent attack.';
    expect(changes).toEqual([
      {
        paragraphId: p2bis,
        blockKind: 'paragraph',
        kind: 'modified',
        box: 'III',
        fromLabel: 'Box III(2bis)',
        toLabel: 'Box III(2bis)',
        redline: [
          { op: 'equal', kind: 'open', text: '', sponsors: ['Veloria', 'Kestria'], inBracket: true },
          { op: 'equal', kind: 'text', text: words, inBracket: true },
          { op: 'equal', kind: 'close', text: '', inBracket: true },
        ],
        notes: [{ kind: 'sponsor_added', text: words, sponsor: 'Kestria' }],
      },
      {
        paragraphId: p4,
        blockKind: 'paragraph',
        kind: 'modified',
        box: 'IV',
        fromLabel: 'Box IV(4)',
        toLabel: 'Box IV(4)',
        redline: [
          { op: 'equal', kind: 'text', text: 'States are encouraged to share, on a voluntary basis, good practices on the conduct of legal reviews', inBracket: false },
          { op: 'delete', kind: 'open', text: '', sponsors: ['Veloria'], inBracket: true },
          { op: 'equal', kind: 'text', text: ', while respecting national security and commercial confidentiality', inBracket: false },
          { op: 'delete', kind: 'close', text: '', inBracket: true },
          { op: 'equal', kind: 'text', text: '.', inBracket: false },
        ],
        notes: [{ kind: 'bracket_removed', text: ', while respecting national security and commercial confidentiality' }],
      },
    ]);
    expect(summary.modified).toBe(2);
  });

  it('(e) an alternative dropped is its deletion (alternative_dropped); the one left, now plain "4", is not relabelled', () => {
    const alt2 = idAt(base, 'Box II(4, Alt 2)');
    // The editor clears the group of the alternative left alone; the comparison is the same either way.
    const after = repairLabels(remove(base, alt2));
    expect(after.nodeAt(computeLabels(after).byId.get(idAt(base, 'Box II(4, Alt 1)'))!.pos)!.attrs.alt).toBeNull();
    expect(compareTexts(base, remove(base, alt2)).changes).toEqual(compareTexts(base, after).changes);
    expect(compareTexts(base, after).changes).toEqual([
      {
        paragraphId: alt2,
        blockKind: 'paragraph',
        kind: 'deleted',
        box: 'II',
        fromLabel: 'Box II(4, Alt 2)',
        text: '[Meaningful human control]{Arandia, Solmar} shall be retained over every use of force, irrespective of the characteristics of the weapon system or of its operational environment.',
        notes: [{ kind: 'alternative_dropped', text: 'Alt 2' }],
      },
    ]);
  });

  it('an alternative added beside a paragraph is its insertion (alternative_added); the paragraph, now "Alt 1", is not relabelled', () => {
    const p3 = idAt(base, 'Box V(3)');
    const group = 'grp-v3';
    const alt = newParagraph('Every use of such a system takes place under human command.');
    const after = insertAfter(setAttrs(base, p3, { alt: group }), p3, alt.type.create({ ...alt.attrs, alt: group }, alt.content));
    expect(compareTexts(base, after).changes).toEqual([
      {
        paragraphId: alt.attrs.id,
        blockKind: 'paragraph',
        kind: 'inserted',
        box: 'V',
        toLabel: 'Box V(3, Alt 2)',
        text: 'Every use of such a system takes place under human command.',
        notes: [{ kind: 'alternative_added', text: 'Alt 2' }],
      },
    ]);
  });

  it('an alternative added before "Alt 1" is its insertion as Alt 1; the others, now Alt 2 and Alt 3, are not relabelled', () => {
    const alt1 = idAt(base, 'Box II(4, Alt 1)');
    const group = base.nodeAt(computeLabels(base).byId.get(alt1)!.pos)!.attrs.alt as string;
    const fresh = newParagraph('The degree of human control is a matter for each State.');
    const after = insertAfter(base, idAt(base, 'Box II(3)'), fresh.type.create({ ...fresh.attrs, alt: group }, fresh.content));
    expect(computeLabels(after).byId.get(alt1)!.citation).toBe('Box II(4, Alt 2)');
    expect(compareTexts(base, after).changes).toEqual([
      {
        paragraphId: fresh.attrs.id,
        blockKind: 'paragraph',
        kind: 'inserted',
        box: 'II',
        toLabel: 'Box II(4, Alt 1)',
        text: 'The degree of human control is a matter for each State.',
        notes: [{ kind: 'alternative_added', text: 'Alt 1' }],
      },
    ]);
  });

  it('two alternatives swapped: one moved, the other relabelled (its "Alt n" changed without any alternative added or dropped)', () => {
    const alt1 = idAt(base, 'Box II(4, Alt 1)');
    const alt2 = idAt(base, 'Box II(4, Alt 2)');
    const after = moveAfter(base, alt1, alt2);
    expect(compareTexts(base, after).changes).toEqual([
      { paragraphId: alt2, blockKind: 'paragraph', kind: 'moved', box: 'II', fromLabel: 'Box II(4, Alt 2)', toLabel: 'Box II(4, Alt 1)' },
      { paragraphId: alt1, blockKind: 'paragraph', kind: 'relabelled', box: 'II', fromLabel: 'Box II(4, Alt 1)', toLabel: 'Box II(4, Alt 2)' },
    ]);
  });

  it('(f) a status changed is one status change, from and to', () => {
    const p4 = idAt(base, 'Box III(4)');
    const after = setAttrs(base, p4, { status: 'agreed' });
    const { summary, changes } = compareTexts(base, after);
    expect(changes).toEqual([
      { paragraphId: p4, blockKind: 'paragraph', kind: 'status', box: 'III', fromLabel: 'Box III(4)', toLabel: 'Box III(4)', fromStatus: 'agreed_ad_ref', toStatus: 'agreed' },
    ]);
    expect(summary.status).toBe(1);
  });

  it('a sub-paragraph inserted into a paragraph is reported on its own, as (b bis)', () => {
    const sub = newSubparagraph('the ability to abort an attack;');
    const after = insertAfter(base, idAt(base, 'Box II(3)(b)'), sub);
    expect(compareTexts(base, after).changes).toEqual([
      { paragraphId: sub.attrs.id, blockKind: 'subparagraph', kind: 'inserted', box: 'II', toLabel: 'Box II(3)(b bis)', text: 'the ability to abort an attack;' },
    ]);
  });

  it('a sub-paragraph deleted is reported on its own; those of a deleted paragraph fold into it', () => {
    const sub = idAt(base, 'Box IV(3)(d)');
    expect(kinds(compareTexts(base, remove(base, sub)).changes)).toEqual(['deleted Box IV(3)(d)']);
    expect(kinds(compareTexts(base, remove(base, idAt(base, 'Box IV(3)'))).changes)).toEqual(['deleted Box IV(3)']);
  });

  it('words changed are a word-level redline, the rest of the wording equal', () => {
    const p3 = idAt(base, 'Box V(3)');
    const after = replaceWords(base, p3, 'responsible chain', 'clear and responsible chain');
    const [change] = compareTexts(base, after).changes;
    expect(change!.kind).toBe('modified');
    expect(change!.notes).toEqual([]);
    expect(change!.redline!.filter((p) => p.op !== 'equal')).toEqual([{ op: 'insert', kind: 'text', text: 'clear and ', inBracket: false }]);
  });

  it('one option of "[shall][should]" dropped removes that bracket whole: its boundaries and words', () => {
    const p3 = idAt(base, 'Box V(3)');
    // Deleting the characters leaves no text with the bracket's mark: the bracket is gone.
    const [change] = compareTexts(base, replaceWords(base, p3, 'shall', '')).changes;
    expect(change!.redline!.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', kind: 'open', text: '', sponsors: [], inBracket: true },
      { op: 'delete', kind: 'text', text: 'shall', inBracket: true },
      { op: 'delete', kind: 'close', text: '', inBracket: true },
    ]);
    expect(change!.notes).toEqual([{ kind: 'bracket_removed', text: 'shall' }]);
  });

  it('a bracket added around words is bracket_added with its words; the words stay equal', () => {
    const p1 = idAt(base, 'Box V(1)');
    const after = bracketWords(base, p1, 'in accordance with the rules on State responsibility', ['Kestria']);
    const [change] = compareTexts(base, after).changes;
    expect(change!.notes).toEqual([{ kind: 'bracket_added', text: 'in accordance with the rules on State responsibility' }]);
    expect(change!.redline!.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'insert', kind: 'open', text: '', sponsors: ['Kestria'], inBracket: true },
      { op: 'insert', kind: 'close', text: '', inBracket: true },
    ]);
  });

  it('a sponsor withdrawn is sponsor_removed, naming the sponsor and the bracket', () => {
    const d = idAt(base, 'Box II(3)(d)');
    const after = setSponsors(base, d, 0, ['Arandia']);
    const [change] = compareTexts(base, after).changes;
    expect(change).toMatchObject({ kind: 'modified', blockKind: 'subparagraph', toLabel: 'Box II(3)(d)' });
    expect(change!.notes).toEqual([{ kind: 'sponsor_removed', text: 'context-appropriate human judgement and control', sponsor: 'Kestria' }]);
  });

  it('footnotes rewritten, added and removed are named as such, never as characters', () => {
    const p3 = idAt(base, 'Box I(3)');
    const changed = compareTexts(base, editFootnote(base, p3, 'The Chair understands "peaceful uses" broadly.')).changes[0]!;
    expect(changed.notes).toEqual([{ kind: 'footnote_changed', text: 'The Chair understands "peaceful uses" broadly.' }]);
    expect(changed.redline!.filter((p) => p.op !== 'equal').map((p) => `${p.op} ${p.kind}`)).toEqual(['delete footnote', 'insert footnote']);
    expect(compareTexts(base, editFootnote(base, p3, null)).changes[0]!.notes).toEqual([
      { kind: 'footnote_removed', text: 'The Chair understands "peaceful uses" to include dual-use research conducted under national export controls.' },
    ]);
    const added = addFootnoteAtEnd(base, idAt(base, 'Box V(2)'), 'See the Rome Statute.');
    expect(compareTexts(base, added).changes[0]!.notes).toEqual([{ kind: 'footnote_added', text: 'See the Rome Statute.' }]);
  });

  it('renumbering relabels the bis paragraphs and what follows them, and moves nothing', () => {
    const { changes, summary } = compareTexts(base, renumber(base));
    expect(summary.moved + summary.inserted + summary.deleted + summary.modified + summary.status).toBe(0);
    expect(kinds(changes)).toEqual(['relabelled Box I(3)', 'relabelled Box I(4)', 'relabelled Box III(3)', 'relabelled Box III(4)', 'relabelled Box III(5)', 'relabelled Box III(6)']);
    expect(changes[0]).toMatchObject({ fromLabel: 'Box I(2bis)', toLabel: 'Box I(3)' });
  });

  it('a paragraph moved and reworded is two entries, moved then modified, and never also relabelled', () => {
    const p = idAt(base, 'Box V(3)');
    const after = replaceWords(moveAfter(base, p, idAt(base, 'Box III(3bis)')), p, 'responsible', 'clear');
    expect(compareTexts(base, after).changes.map((c) => c.kind)).toEqual(['moved', 'modified']);
  });

  it('a sub-paragraph deleted from a paragraph that moved is listed with its paragraph, where it stands now', () => {
    const p2 = idAt(base, 'Box III(2)');
    const b = idAt(base, 'Box III(2)(b)');
    const current = repairLabels(setAttrs(remove(moveAfter(base, p2, idAt(base, 'Box V(4)')), b), idAt(base, 'Box III(2bis)'), { status: 'agreed' }));
    expect(kinds(compareTexts(base, current).changes)).toEqual(['status Box III(2bis)', 'moved Box V(5)', 'deleted Box III(2)(b)']);
  });

  it('a deletion first in its box is listed before the rest of that box', () => {
    const first = idAt(base, 'Box IV(1)');
    const after = setAttrs(remove(base, first), idAt(base, 'Box IV(2)'), { status: 'agreed' });
    expect(kinds(compareTexts(base, after).changes)).toEqual(['deleted Box IV(1)', 'status Box IV(2)']);
    const inserted = insertFirstInBox(base, 3, newParagraph('New first.'));
    expect(kinds(compareTexts(base, inserted).changes)).toEqual(['inserted Box IV(0bis)']);
  });
});
