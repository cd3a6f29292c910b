/** The demo's rolling text: parsed by the model exactly as the seeder parses it, and shaped like a chair's text. */
import { CCW_BOX_TITLES, fromPlainText, M, N, type ParagraphStatus, toJSON, toPlainText, validateDocument } from '@accord/text';
import { describe, expect, it } from 'vitest';
import { demoMembers } from '../src/seed/demo-data.js';
import { demoRollingText } from '@accord/text/demo';

/** The ProseMirror node type, named through the model (the server does not depend on ProseMirror itself). */
type Node = ReturnType<typeof fromPlainText>;

interface Paragraph {
  box: number;
  num: number;
  sfx: number;
  alt: string | null;
  status: ParagraphStatus;
  subparagraphs: number;
  brackets: Array<{ text: string; sponsors: string[] }>;
  footnotes: number;
}

const doc = fromPlainText(demoRollingText);

const paragraphs: Paragraph[] = [];
doc.forEach((box, _offset, boxIndex) => {
  box.forEach((node) => {
    if (node.type.name !== N.paragraph) return;
    let subparagraphs = 0;
    node.forEach((child) => {
      if (child.type.name === N.subparagraph) subparagraphs++;
    });
    paragraphs.push({
      box: boxIndex,
      num: node.attrs.num as number,
      sfx: node.attrs.sfx as number,
      alt: node.attrs.alt as string | null,
      status: node.attrs.status as ParagraphStatus,
      subparagraphs,
      brackets: bracketsOf(node),
      footnotes: countNodes(node, N.footnote),
    });
  });
});
const brackets = paragraphs.flatMap((p) => p.brackets);

/** Each bracket once, with its text, in document order. */
function bracketsOf(paragraph: Node): Paragraph['brackets'] {
  const byId = new Map<string, { text: string; sponsors: string[] }>();
  paragraph.descendants((node) => {
    const mark = node.marks.find((m) => m.type.name === M.bracket);
    if (!mark || !node.isText) return;
    const id = String(mark.attrs.id);
    const bracket = byId.get(id) ?? { text: '', sponsors: mark.attrs.sponsors as string[] };
    bracket.text += node.text;
    byId.set(id, bracket);
  });
  return [...byId.values()];
}

function countNodes(root: Node, type: string): number {
  let count = 0;
  root.descendants((node) => {
    if (node.type.name === type) count++;
  });
  return count;
}

describe('the demo rolling text', () => {
  it('parses into a valid rolling text, written in the canonical plain-text form', () => {
    expect(validateDocument(toJSON(doc))).toMatchObject({ ok: true });
    // Written back, it is the very text in the source: nothing in it was dropped or misread as syntax.
    expect(toPlainText(doc)).toBe(demoRollingText);
  });

  it('has the five boxes of the CCW rolling text, titled as in a new document', () => {
    const titles: string[] = [];
    doc.forEach((box) => titles.push(box.firstChild!.textContent));
    expect(titles).toEqual([...CCW_BOX_TITLES]);
    for (let box = 0; box < 5; box++) expect(paragraphs.filter((p) => p.box === box).length, `box ${box + 1}`).toBeGreaterThanOrEqual(3);
  });

  it('has 20 to 30 paragraphs, several of them with lettered sub-paragraphs', () => {
    expect(paragraphs.length).toBeGreaterThanOrEqual(20);
    expect(paragraphs.length).toBeLessThanOrEqual(30);
    expect(paragraphs.filter((p) => p.subparagraphs >= 2).length).toBeGreaterThanOrEqual(3);
  });

  it('has an Alt 1 / Alt 2 pair and an inserted "bis" paragraph', () => {
    const groups = new Map<string, Paragraph[]>();
    for (const p of paragraphs) if (p.alt !== null) groups.set(p.alt, [...(groups.get(p.alt) ?? []), p]);
    expect(groups.size).toBeGreaterThanOrEqual(1);
    for (const group of groups.values()) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      expect(new Set(group.map((p) => `${p.box}/${p.num}/${p.sfx}`)).size).toBe(1);
    }
    expect(paragraphs.some((p) => p.sfx === 1)).toBe(true);
  });

  it('mixes the three statuses, and only paragraphs under negotiation hold brackets', () => {
    const statuses = new Set(paragraphs.map((p) => p.status));
    expect([...statuses].toSorted()).toEqual(['agreed', 'agreed_ad_ref', 'under_negotiation']);
    for (const p of paragraphs) {
      if (p.status !== 'under_negotiation') expect(p.brackets, `Box ${p.box + 1}(${p.num})`).toEqual([]);
    }
  });

  it('brackets unagreed wording, with "[shall][should]" alternatives side by side', () => {
    expect(brackets.length).toBeGreaterThanOrEqual(20);
    expect(demoRollingText).toContain('[shall][should]');
    const shall = brackets.findIndex((b, i) => b.text === 'shall' && brackets[i + 1]?.text === 'should');
    expect(shall).toBeGreaterThanOrEqual(0);
  });

  it("names sponsors only among the demo's invented delegations, Arandia and Veloria among them", () => {
    const sponsors = new Set(brackets.flatMap((b) => b.sponsors));
    const members = demoMembers.filter((m) => m.affiliation.kind === 'government').map((m) => m.affiliation.name.split(' ').at(-1)!);
    expect(members.toSorted()).toEqual(['Arandia', 'Veloria']);
    for (const member of members) expect(sponsors).toContain(member);
    expect([...sponsors].toSorted()).toEqual(['Arandia', 'Kestria', 'Solmar', 'Veloria']);
    expect(brackets.some((b) => b.sponsors.length >= 2)).toBe(true);
  });

  it('has one or two footnotes', () => {
    const footnotes = paragraphs.reduce((sum, p) => sum + p.footnotes, 0);
    expect(footnotes).toBeGreaterThanOrEqual(1);
    expect(footnotes).toBeLessThanOrEqual(2);
  });
});
