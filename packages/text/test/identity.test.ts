import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { bracketRepairs, computeLabels, identityRepairs, idsIn, newId, pastedIdentities, schema } from '../src/index.js';
import { box, bracketMark, bracketed, doc, footnote, para, setAttrs, shorts, sub } from './support/build.js';

describe('newId', () => {
  it('makes 12 url-safe characters, different every time', () => {
    const ids = Array.from({ length: 1000 }, newId);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('identityRepairs', () => {
  it('finds nothing to do when every id is present and unique', () => {
    expect(identityRepairs(doc(box('T', para({}, ['x', footnote('n')], sub({})))))).toEqual([]);
  });

  it('the first node in document order keeps a duplicated id; the copy (a split) gets a new id and no label claim', () => {
    const d = doc(box('T', para({ id: 'p1', num: 1 }, 'first half'), para({ id: 'p1', num: 1, status: 'agreed' }, 'second half'), para({ id: 'p2', num: 2 })));
    const labels = computeLabels(d);
    const repairs = identityRepairs(d);
    expect(repairs).toHaveLength(1);
    expect(repairs[0]!.pos).toBe(labels.list[2]!.pos);
    expect(repairs[0]!.attrs).toMatchObject({ num: null, sfx: 0, status: 'agreed', alt: null });
    expect(repairs[0]!.attrs.id).not.toBe('p1');

    const repaired = setAttrs(d, repairs);
    expect(identityRepairs(repaired)).toEqual([]);
    expect(shorts(computeLabels(repaired), 'paragraph')).toEqual(['1', '1bis', '2']);
    expect(computeLabels(repaired).list[1]!.id).toBe('p1');
  });

  it('gives a node without an id a new one and keeps its label claim, so it is not renumbered', () => {
    const d = doc(box('T', para({ id: null, num: 7 })));
    const [repair] = identityRepairs(d);
    expect(repair!.attrs.id).toMatch(/^[\w-]{12}$/);
    expect(repair!.attrs.num).toBe(7);
  });

  it('repairs boxes, sub-paragraphs and footnotes too: a pasted copy of a whole box gets all new ids', () => {
    const original = box('T', para({ id: 'p', num: 1 }, [footnote('a'), footnote('b')], sub({ id: 's', num: 1 }), sub({ id: 's', num: 1 })));
    const d = doc(original, original.type.create({ ...original.attrs }, original.content));
    const repairs = identityRepairs(d);
    const repaired = repairs.map((r) => d.nodeAt(r.pos)!.type.name);
    // In the first box only the second "s"; in the copy every node.
    expect(repaired).toEqual(['subparagraph', 'box', 'paragraph', 'footnote', 'footnote', 'subparagraph', 'subparagraph']);
    const labelled = repairs.filter((r) => ['paragraph', 'subparagraph'].includes(d.nodeAt(r.pos)!.type.name));
    expect(labelled.every((r) => r.attrs.num === null)).toBe(true);
    const ids = repairs.map((r) => r.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(identityRepairs(setAttrs(d, repairs))).toEqual([]);
  });
});

/** The i-th paragraph of a document. */
function nthParagraph(d: Node, i: number): Node {
  const found: Node[] = [];
  d.descendants((n) => {
    if (n.type.name === 'paragraph') found.push(n);
  });
  return found[i]!;
}

describe('pastedIdentities: a copy gets new identities, a cut pasted back keeps them', () => {
  it('a copied paragraph (still in the text) gets a new id, no label claim, a new bracket id and a new alt group', () => {
    const mark = bracketMark(['Arandia'], 'br1');
    const original = doc(
      box('T', para({ id: 'p1', num: 1 }, ['States ', bracketed('shall', mark)], sub({ id: 's1', num: 1 }, 'x')), para({ id: 'a1', num: 2, alt: 'g1' }, 'one'), para({ id: 'a2', num: null, alt: 'g1' }, 'two')),
    );
    const pasted = pastedIdentities(original.child(0).content, idsIn(original));
    const pastedNodes: Node[] = [];
    pasted.forEach((node) => pastedNodes.push(node));
    // The box's title aside: its paragraphs, pasted into a box of their own.
    const copy = doc(box('T', ...pastedNodes.slice(1)));
    const c1 = nthParagraph(copy, 0);
    expect(c1.attrs).toMatchObject({ num: null, sfx: 0 });
    expect(c1.attrs.id).not.toBe('p1');
    expect(c1.child(1).attrs.id).not.toBe('s1');
    expect(c1.child(1).attrs.num).toBeNull();
    const bracket = c1.child(0).child(1).marks[0]!;
    expect(bracket.attrs.id).not.toBe('br1');
    expect(bracket.attrs.sponsors).toEqual(['Arandia']);
    // Both alternatives of the copied group share one new group id.
    expect(nthParagraph(copy, 1).attrs.alt).not.toBe('g1');
    expect(nthParagraph(copy, 1).attrs.alt).toBe(nthParagraph(copy, 2).attrs.alt);
    expect(nthParagraph(copy, 1).child(0).textContent).toBe('one');
  });

  it('content whose ids are no longer in the text (cut, then pasted) keeps its ids and label claims', () => {
    const cut = doc(box('T', para({ id: 'p9', num: 9, sfx: 1 }, 'moved')));
    const pasted = pastedIdentities(cut.content, new Set(['p1']));
    expect(pasted.eq(cut.content)).toBe(true);
  });
});

describe('bracketRepairs: a bracket belongs to one paragraph text', () => {
  it('runs of a bracket in a later paragraph get one new id there, sponsors kept; the first paragraph keeps it', () => {
    const mark = bracketMark(['Veloria'], 'k1');
    const d = doc(box('T', para({ id: 'p1' }, ['a ', bracketed('shall', mark)]), para({ id: 'p2' }, [bracketed('be', mark), ' x ', bracketed('reviewed', mark)])));
    const repairs = bracketRepairs(d);
    expect(repairs).toHaveLength(2);
    expect(new Set(repairs.map((r) => r.attrs.id)).size).toBe(1);
    expect(repairs[0]!.attrs).toMatchObject({ sponsors: ['Veloria'] });
    expect(repairs[0]!.attrs.id).not.toBe('k1');
    expect(d.textBetween(repairs[0]!.from, repairs[0]!.to)).toBe('be');
  });

  it('one bracket split by emphasis or a footnote inside one paragraph needs nothing', () => {
    const mark = bracketMark([], 'k2');
    const emphasised = schema.text('firmly', [mark, schema.marks.em!.create()]);
    expect(bracketRepairs(doc(box('T', para({}, [bracketed('shall ', mark), emphasised, footnote('n'), bracketed(' act', mark)]))))).toEqual([]);
  });
});
