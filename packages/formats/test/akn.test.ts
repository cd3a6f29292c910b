/**
 * Akoma Ntoso export: the demo text and hostile texts validate against Accord's subset schema (and
 * the official akomantoso30.xsd when AKN_OFFICIAL_XSD points at it); ids, labels, footnotes,
 * sponsors, statuses and the compilation land where the AKN vocabulary puts them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeLabels, fromJSON, fromPlainText, N, toJSON, type RollingTextNodeJSON } from '@accord/text';
import { demoRollingText } from '@accord/text/demo';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { findBlock, wordDiff } from '@accord/text/amendments';
import { toAkn, type AknInput } from '../src/akn/to-akn.js';
import { printCompilation, printedLines, printText, type CompilationAmendmentInput } from '../src/index.js';
import type { PrintedDocument } from '../src/printed-types.js';
import { xsdErrors } from './xsd-validate.js';

const SUBSET = fileURLToPath(new URL('../schema/akn-accord-subset.xsd', import.meta.url));
const OFFICIAL = process.env.AKN_OFFICIAL_XSD;
const FRONT = { symbol: 'CCW/GGE.1/2026/WP.1/Rev.1', title: 'Rolling text of the Chair', statusDate: '2026-09-01', revisionLabel: 'Rev.1' };
const SPONSORS = ['Arandia', 'Veloria', 'Kestria', 'Solmar'];

function akn(doc: Node, extra: Partial<AknInput> = {}): string {
  return toAkn({ doc, front: FRONT, options: { sponsors: true }, generatedOn: '2026-12-06', ...extra });
}

const squash = (t: string): string => t.replace(/\s+/g, ' ').trim();

function schemas(): string[] {
  return OFFICIAL ? [SUBSET, OFFICIAL] : [SUBSET];
}

const words = (text: string, change?: 'insert' | 'delete') => ({ kind: 'text' as const, role: 'words' as const, text, inBracket: false, change });
const text = (t: string, marks?: RollingTextNodeJSON['marks']): RollingTextNodeJSON => ({ type: N.text, text: t, ...(marks ? { marks } : {}) });

/** A compilation as printCompilation lays one out: two proposals under Box III(2), one under III(2)(c). */
function compilationOf(doc: Node): PrintedDocument {
  const labels = computeLabels(doc);
  const para = labels.list.find((l) => l.citation === 'Box III(2)')!;
  const sub = labels.list.find((l) => l.citation === 'Box III(2)(c)')!;
  return {
    kind: 'compilation',
    front: { ...FRONT, subtitle: 'Compilation of amendments', notes: [] },
    boxes: [
      {
        id: 'box3',
        numeral: 'III',
        heading: 'Box III. Prohibitions and requirements',
        title: 'Prohibitions and requirements',
        blocks: [
          {
            id: para.id!,
            kind: 'paragraph',
            label: '2',
            alt: null,
            status: 'under_negotiation',
            runs: [],
            proposals: [
              { heading: 'Amendment 1: replace. Proposed by Government. Submitted.', runs: [words('States '), words('shall', 'delete'), words('should', 'insert'), words(' not employ <weapons> & systems')], notes: ['Justification: clarity.'] },
              { heading: 'Amendment 2: delete. Proposed by Civil society.', runs: [words('In particular…', 'delete'), { kind: 'footnote', text: 'A note.', inBracket: false }], notes: [] },
            ],
          },
          { id: sub.id!, kind: 'subparagraph', label: '(c)', alt: null, status: null, runs: [], proposals: [{ heading: 'Amendment 3: note.', runs: [words('text')], notes: [] }] },
        ],
      },
    ],
  };
}

describe('toAkn', () => {
  const demo = fromPlainText(demoRollingText);

  it('writes the demo text as a doc that validates', () => {
    const xml = akn(demo);
    expect(xml).toContain('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="workingPaper">');
    for (const xsd of schemas()) expect(xsdErrors(xsd, xml), xsd).toEqual([]);
  });

  it('the subset schema refuses what the official one would (a missing num, an author that is a person)', () => {
    const xml = akn(demo);
    expect(xsdErrors(SUBSET, xml.replace('<FRBRauthor href="#chair"/>', '<FRBRauthor href="#someone"/>')).length).toBeGreaterThan(0);
    expect(xsdErrors(SUBSET, xml.replace('<identification source="#accord">', '<identification>')).length).toBeGreaterThan(0);
    expect(xsdErrors(SUBSET, xml.replace(/<FRBRuri [^>]*\/>/, '')).length).toBeGreaterThan(0);
  });

  it('puts each permanent id in GUID and wId, and each label in num and eId', () => {
    const xml = akn(demo);
    const labels = computeLabels(demo);
    for (const label of labels.list) {
      expect(xml).toContain(`wId="${label.id}" GUID="${label.id}"`);
    }
    expect(xml).toContain('<paragraph eId="sec_I__para_2bis" wId="');
    expect(xml).toContain('<list eId="sec_I__para_2bis__list_1"><intro><p>The following functions');
    expect(xml).toMatch(/<point eId="sec_I__para_2bis__list_1__point_a" wId="[^"]+" GUID="[^"]+"><num>\(a\)<\/num><content><p>automated navigation/);
    expect(xml).toContain('<section eId="sec_III" wId=');
    expect(xml).toContain('<num>Box III.</num><heading>Prohibitions and requirements</heading>');
    // Alternatives: one number, told apart in the eId, the second pointing at the first.
    expect(xml).toMatch(/<paragraph eId="sec_II__para_4-alt1"[^>]*><num>4 Alt 1\.<\/num>/);
    expect(xml).toMatch(/<paragraph eId="sec_II__para_4-alt2"[^>]* alternativeTo="sec_II__para_4-alt1"><num>4 Alt 2\.<\/num>/);
  });

  it('writes footnotes as authorialNote where they stand, numbered', () => {
    const xml = akn(demo);
    expect(xml).toMatch(
      /trade\.<authorialNote eId="sec_I__para_3__authorialNote_1" wId="[^"]+" GUID="[^"]+" marker="1" placement="bottom"><p>The Chair understands &quot;peaceful uses&quot;|trade\.<authorialNote eId="sec_I__para_3__authorialNote_1" wId="[^"]+" GUID="[^"]+" marker="1" placement="bottom"><p>The Chair understands "peaceful uses"/,
    );
  });

  it('writes brackets and sponsors as inline elements, and statuses as class and concept', () => {
    const xml = akn(demo);
    expect(xml).toMatch(/<inline name="bracket" wId="[^"]+" GUID="[^"]+" refersTo="#bracket">\[with lethal force\]<\/inline><inline name="sponsors" refersTo="#sponsor_1">\{Veloria\}<\/inline>/);
    expect(xml).toMatch(/<inline name="bracket"[^>]*>\[context-appropriate human judgement and control\]<\/inline><inline name="sponsors" refersTo="#sponsor_\d #sponsor_\d">\{Arandia, Kestria\}<\/inline>/);
    expect(xml).toMatch(/<TLCOrganization eId="sponsor_\d" href="[^"]+" showAs="Arandia"\/>/);
    expect(xml).toMatch(/<paragraph eId="sec_I__para_1" [^>]*class="agreed" refersTo="#agreed">/);
    expect(xml).toMatch(/<paragraph eId="sec_I__para_3" [^>]*class="agreedAdRef" refersTo="#agreedAdRef">/);
    expect(xml).toMatch(/<paragraph eId="sec_I__para_2" [^>]*class="underNegotiation"/);
  });

  it('names roles, never a person, and without sponsors names no delegation', () => {
    const xml = akn(demo, { options: { sponsors: false } });
    expect(xml.match(/<FRBRauthor href="#chair"\/>/g)).toHaveLength(3);
    expect(xml).not.toContain('TLCPerson');
    for (const name of SPONSORS) expect(xml).not.toContain(name);
    expect(xml).toContain('<inline name="bracket"');
    for (const xsd of schemas()) expect(xsdErrors(xsd, xml), xsd).toEqual([]);
  });

  it('writes the FRBR block after the naming convention', () => {
    const xml = akn(demo);
    expect(xml).toContain('<FRBRthis value="/akn/un/doc/workingPaper/2026-09-01/CCW-GGE.1-2026-WP.1/!main"/>');
    expect(xml).toContain('<FRBRuri value="/akn/un/doc/workingPaper/2026-09-01/CCW-GGE.1-2026-WP.1/eng@Rev.1"/>');
    expect(xml).toContain('<FRBRdate date="2026-12-06" name="generation"/>');
    expect(xml).toContain('<docNumber>CCW/GGE.1/2026/WP.1/Rev.1</docNumber>');
    expect(xml).toContain('<docDate date="2026-09-01">1 September 2026</docDate>');
  });

  it('stays valid on a hostile text: markup, control characters, repeated ids, odd sponsors', () => {
    const json = toJSON(fromPlainText(demoRollingText));
    const box = json.content![0]!;
    const p1 = box.content![1]!;
    const p2 = box.content![2]!;
    p2.attrs = { ...p2.attrs, id: p1.attrs!.id }; // a repeated paragraph id
    p1.content![0]!.content = [
      text('<script>alert(1)</script> ]]> & "q" \u0001\u0008 \uD800 end '),
      text('bold', [{ type: 'strong' }, { type: 'bracket', attrs: { id: 'b1', sponsors: ['A & B', 'C "D"', '<E>'] } }]),
      { type: N.footnote, attrs: { id: 'f1', text: 'note <b>' } },
      text('more', [{ type: 'em' }, { type: 'bracket', attrs: { id: 'b1', sponsors: ['A & B', 'C "D"', '<E>'] } }]),
    ];
    box.content![0]!.content = [text('Title with <tags> & \u000B')];
    const doc = fromJSON(json);
    const xml = toAkn({ doc, front: { symbol: 'A/B <C> & "D"', title: 'T <x>', statusDate: null, revisionLabel: null }, options: { sponsors: true }, generatedOn: '2026-12-06' });
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain('[<b>bold</b><authorialNote');
    for (const xsd of schemas()) expect(xsdErrors(xsd, xml), xsd).toEqual([]);
  });

  it('writes a compilation as an amendmentList: the text, then each amendment pointing at its paragraph', () => {
    const xml = akn(demo, { compilation: compilationOf(demo) });
    expect(xml).toContain('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><amendmentList name="compilation">');
    expect(xml.match(/<amendment name="amendment">/g)).toHaveLength(3);
    expect(xml).toContain('<amendmentReference><p><ref href="#sec_III__para_2">Box III(2)</ref></p></amendmentReference>');
    expect(xml).toContain('<ref href="#sec_III__para_2__list_1__point_c">Box III(2)(c)</ref>');
    expect(xml).toContain('<amendmentContent><p>States <del>shall</del><ins>should</ins> not employ &lt;weapons&gt; &amp; systems</p></amendmentContent>');
    expect(xml).toContain('<amendmentJustification><p>Justification: clarity.</p></amendmentJustification>');
    for (const xsd of schemas()) expect(xsdErrors(xsd, xml), xsd).toEqual([]);
  });

  it('reads, tags and notes aside, as the printed text', () => {
    const xml = akn(demo);
    const body = xml
      .slice(xml.indexOf('<mainBody>'))
      .replace(/<authorialNote\b.*?<\/authorialNote>/g, '')
      .replace(/<\/(num|heading|p)>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    // The status is the paragraph's class, not printed text.
    const lines = printedLines(printText(demo, { ...FRONT, subtitle: null, notes: [] }, { sponsors: true }), { footnote: () => '' }).map((l) => l.replace(/ \{agreed( ad ref)?\}$/, ''));
    expect(squash(body)).toBe(squash(lines.join(' ')));
  });

  it("writes printCompilation's compilation, a removed paragraph's amendments too, naming no one without sponsors", () => {
    const para = computeLabels(demo).list.find((l) => l.citation === 'Box I(2)')!;
    const block = findBlock(demo, para.id!)!;
    const amendment = (kind: CompilationAmendmentInput['kind'], wording: string | null, label = block.citation): CompilationAmendmentInput => ({
      label,
      kind,
      text: wording,
      currentText: block.text,
      diff: wordDiff(block.text, wording ?? ''),
      status: 'submitted',
      proposer: { category: 'Government', name: 'Ana Example', affiliation: 'Republic of Arandia' },
      supporters: { summary: 'supported by 2 governments' },
      justification: 'Shorter.',
      reason: null,
    });
    const compilation = {
      boxes: [{ paragraphs: [{ paragraphId: para.id!, amendments: [amendment('replace', 'Lethal autonomous weapons systems [select and engage targets]{Solmar} alone.^[A note.]')] }] }],
      removed: [amendment('delete', null, 'Box I(9)')],
    };
    for (const sponsors of [true, false]) {
      const printed = printCompilation(demo, compilation, { ...FRONT, subtitle: 'Compilation of amendments', notes: [] }, { sponsors });
      const xml = akn(demo, { compilation: printed, options: { sponsors } });
      expect(xml.match(/<amendment name="amendment">/g)).toHaveLength(2);
      expect(xml).toContain('<ref href="#sec_I__para_2">Box I(2)</ref>');
      expect(xml).toContain('<amendmentReference><p>Box I(9)</p></amendmentReference>');
      if (!sponsors) for (const name of ['Ana Example', ...SPONSORS]) expect(xml).not.toContain(name);
      for (const xsd of schemas()) expect(xsdErrors(xsd, xml), xsd).toEqual([]);
    }
  });

  it.skipIf(!OFFICIAL)('AKN_OFFICIAL_XSD points at a readable schema', () => {
    expect(existsSync(OFFICIAL!)).toBe(true);
  });
});
