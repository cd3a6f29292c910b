import { describe, expect, it } from 'vitest';
import { computeLabels, identityRepairs, newId } from '../src/index.js';
import { box, doc, footnote, para, setAttrs, shorts, sub } from './support/build.js';

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
