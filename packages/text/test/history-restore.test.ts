/**
 * restoreBlock: a paragraph or sub-paragraph put back as a revision had it. After a restore the
 * comparison with the revision shows no change for it, and the text stays valid.
 */
import { describe, expect, it } from 'vitest';
import { compareTexts, restoreBlock } from '../src/history/index.js';
import { computeLabels, schema, TextModelError, toJSON, validateDocument } from '../src/index.js';
import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { agreeBracket, bracketsIn, demo, idAt, inlineRange, insertAfter, moveAfter, newParagraph, remove, repairLabels, replaceWords, setAttrs } from './history-edits.js';

const revision = demo();

function expectValid(doc: Node): void {
  const result = validateDocument(toJSON(doc));
  expect(result.ok ? [] : result.problems).toEqual([]);
}

function changesFor(from: Node, to: Node, id: string): string[] {
  return compareTexts(from, to)
    .changes.filter((c) => c.paragraphId === id)
    .map((c) => c.kind);
}

describe('restoreBlock', () => {
  it('a paragraph reworded since is put back in place, and compares unchanged with the revision', () => {
    const id = idAt(revision, 'Box III(3)');
    const current = setAttrs(replaceWords(agreeBracket(revision, id, 0), id, 'ensure', 'guarantee'), id, { status: 'agreed' });
    expect(changesFor(revision, current, id)).toEqual(['status', 'modified']);
    const restored = restoreBlock(current, revision, id);
    expectValid(restored);
    expect(compareTexts(revision, restored).changes).toEqual([]);
  });

  it('only the paragraph asked for is restored: other changes since stay', () => {
    const id = idAt(revision, 'Box III(3)');
    const other = idAt(revision, 'Box V(3)');
    const current = setAttrs(replaceWords(revision, id, 'ensure', 'guarantee'), other, { status: 'agreed' });
    const restored = restoreBlock(current, revision, id);
    expect(compareTexts(revision, restored).changes.map((c) => `${c.kind} ${c.toLabel}`)).toEqual(['status Box V(3)']);
  });

  it('a paragraph deleted since comes back after its nearest preceding sibling, with its sub-paragraphs and label', () => {
    const id = idAt(revision, 'Box I(2bis)');
    const restored = restoreBlock(remove(revision, id), revision, id);
    expectValid(restored);
    expect(compareTexts(revision, restored).changes).toEqual([]);
  });

  it('a paragraph deleted since whose preceding siblings are gone too comes back first in its box', () => {
    const id = idAt(revision, 'Box IV(2)');
    const current = remove(remove(revision, id), idAt(revision, 'Box IV(1)'));
    const restored = restoreBlock(current, revision, id);
    expectValid(restored);
    expect(computeLabels(restored).byId.get(id)!.citation).toBe('Box IV(2)');
    expect(compareTexts(revision, restored).changes.map((c) => `${c.kind} ${c.fromLabel}`)).toEqual(['deleted Box IV(1)']);
  });

  it('a paragraph deleted since comes back into its own box even when its preceding sibling moved to another box', () => {
    const id = idAt(revision, 'Box III(2bis)');
    const current = repairLabels(moveAfter(remove(revision, id), idAt(revision, 'Box III(2)'), idAt(revision, 'Box V(4)')));
    const restored = restoreBlock(current, revision, id);
    expectValid(restored);
    expect(computeLabels(restored).byId.get(id)!.citation).toBe('Box III(2bis)');
    expect(compareTexts(revision, restored).changes.map((c) => `${c.kind} ${c.fromLabel} ${c.toLabel}`)).toEqual(['moved Box III(2) Box V(5)']);
  });

  it('a paragraph moved to another box since is replaced where it stands now', () => {
    const id = idAt(revision, 'Box V(3)');
    const current = replaceWords(moveAfter(revision, id, idAt(revision, 'Box III(3bis)')), id, 'responsible', 'clear');
    const restored = restoreBlock(current, revision, id);
    expectValid(restored);
    expect(changesFor(revision, restored, id)).toEqual(['moved']);
  });

  it("a deleted paragraph whose label a new paragraph has taken comes back after its old neighbour under a free label, 2bis, stored in its node", () => {
    const id = idAt(revision, 'Box V(3)');
    const current = remove(revision, id);
    // The editor stores a new paragraph's label in it: claiming 3 once the old 3 is gone.
    const fresh = newParagraph('A new third paragraph.');
    const claimed = insertAfter(current, idAt(revision, 'Box V(2)'), fresh.type.create({ ...fresh.attrs, num: 3, sfx: 0 }, fresh.content));
    expect(computeLabels(claimed).byId.get(fresh.attrs.id)!.citation).toBe('Box V(3)');
    const restored = restoreBlock(claimed, revision, id);
    expectValid(restored);
    const labels = computeLabels(restored);
    expect(labels.byId.get(fresh.attrs.id)!.citation).toBe('Box V(3)');
    expect(labels.byId.get(id)!.citation).toBe('Box V(2bis)');
    expect(restored.nodeAt(labels.byId.get(id)!.pos)!.attrs).toMatchObject({ num: 2, sfx: 1 });
  });

  it('an alternative dropped since comes back into its group, which is whole again', () => {
    const id = idAt(revision, 'Box II(4, Alt 2)');
    const restored = restoreBlock(remove(revision, id), revision, id);
    expectValid(restored);
    expect(compareTexts(revision, restored).changes).toEqual([]);
  });

  it('a sub-paragraph deleted since comes back in its paragraph, after its preceding sibling', () => {
    const id = idAt(revision, 'Box II(3)(c)');
    const restored = restoreBlock(remove(revision, id), revision, id);
    expectValid(restored);
    expect(compareTexts(revision, restored).changes).toEqual([]);
  });

  it('a sub-paragraph reworded since is put back in place', () => {
    const id = idAt(revision, 'Box II(3)(a)');
    const restored = restoreBlock(replaceWords(revision, id, 'sufficient', 'adequate'), revision, id);
    expectValid(restored);
    expect(compareTexts(revision, restored).changes).toEqual([]);
  });

  it('a paragraph restored takes back its sub-paragraph that moved to another paragraph since', () => {
    const p = idAt(revision, 'Box III(2)');
    const d = idAt(revision, 'Box III(2)(d)');
    const current = moveAfter(revision, d, idAt(revision, 'Box III(3)(d)'));
    expect(changesFor(revision, current, d)).toEqual(['moved']);
    const restored = restoreBlock(current, revision, p);
    expectValid(restored);
    expect(compareTexts(revision, restored).changes).toEqual([]);
  });

  it('a sub-paragraph moved to another paragraph since is replaced where it stands now', () => {
    const d = idAt(revision, 'Box III(2)(d)');
    const current = replaceWords(moveAfter(revision, d, idAt(revision, 'Box III(3)(d)')), d, 'deactivated', 'switched off');
    const restored = restoreBlock(current, revision, d);
    expectValid(restored);
    expect(changesFor(revision, restored, d)).toEqual(['moved']);
  });

  it('a bracket or footnote id the rest of the text uses now is renewed in what comes back, so ids stay unique', () => {
    const p4 = idAt(revision, 'Box IV(4)');
    const p2 = idAt(revision, 'Box IV(2)');
    const mark = bracketsIn(revision, p4)[0]!;
    const footnote = inlineRange(revision, p2).node.lastChild!;
    // The bracket's words and the footnote were cut and pasted into Box V(1): their ids went with them.
    let current = remove(revision, p4);
    current = remove(current, p2);
    const { to } = inlineRange(current, idAt(revision, 'Box V(1)'));
    current = EditorState.create({ doc: current }).tr.insert(to, [schema.text(' pasted', [mark]), footnote]).doc;
    for (const id of [p4, p2]) {
      current = restoreBlock(current, revision, id);
      expectValid(current);
      expect(changesFor(revision, current, id)).toEqual([]);
    }
  });

  it('an id the revision does not have is a TextModelError naming paragraphId', () => {
    expect(() => restoreBlock(revision, revision, 'no-such-id')).toThrow(TextModelError);
    try {
      restoreBlock(revision, revision, 'no-such-id');
    } catch (error) {
      expect((error as TextModelError).field).toBe('paragraphId');
      expect((error as TextModelError).message).toMatch(/^paragraphId: /);
    }
  });

  it('a sub-paragraph whose paragraph is gone cannot come back alone: a TextModelError naming paragraphId', () => {
    const p = idAt(revision, 'Box II(3)');
    const a = idAt(revision, 'Box II(3)(a)');
    expect(() => restoreBlock(remove(revision, p), revision, a)).toThrow(/^paragraphId: /);
  });

  it('restoring a paragraph the text already holds as the revision had it changes nothing', () => {
    const id = idAt(revision, 'Box I(2)');
    const restored = restoreBlock(revision, revision, id);
    expect(restored.eq(revision)).toBe(true);
  });
});
