import type { Amendment, DiffPart } from '@accord/contract';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  changesAnything,
  filterAmendments,
  openCounts,
  orderAmendments,
  redlineRuns,
  supporterNames,
  totalsText,
  upsertAmendment,
} from '../src/amendments/amendment-list';
import { amendmentMarkersKey, amendmentMarkersPlugin, markerName, markerPlacements } from '../src/amendments/amendment-markers';
import { findBlock, wordDiff } from '../src/amendments/block-text';
import { blockAtSelection, blockPlaces } from '../src/amendments/blocks';
import { proposalDiff } from '../src/amendments/ProposeDialog';
import { AmendmentCard } from '../src/amendments/AmendmentCard';
import { Redline } from '../src/amendments/Redline';
import type { AmendmentActions } from '../src/amendments/use-amendments';
import { box, documentOf, paragraph, subparagraph, text, textStart } from './support/rolling-text';

/** Rule: amendments are listed, counted and drawn as the room reads them; a redline says what changes in words. */

const bracket = (id: string, sponsors: string[] = []) => ({ type: 'bracket', attrs: { id, sponsors } });

function sample() {
  return documentOf(
    box('b1', 'Characterisation', [paragraph('p1', 1, 'States shall act.')]),
    box('b2', 'IHL', [
      paragraph(
        'p2',
        1,
        [text('Meaningful '), text('human', [bracket('k1', ['Arandia', 'Veloria'])]), { type: 'footnote', attrs: { id: 'f1', text: 'The Chair understands…' } }, text(' control:')],
        {},
        [subparagraph('s1', 1, 'first;'), subparagraph('s2', 2, 'second.')],
      ),
    ]),
  );
}

let n = 0;
function amendment(paragraphId: string, extra: Partial<Amendment> = {}): Amendment {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentId: '00000000-0000-4000-8000-000000000000',
    paragraphId,
    label: 'Box I(1)',
    kind: 'replace',
    text: 'States should act.',
    justification: null,
    status: 'submitted',
    proposer: { category: 'Civil society', you: false },
    supporters: { governments: 0, cosponsors: 0, organizations: 0, summary: 'no support yet', yours: null },
    baseSeq: 1,
    baseText: 'States shall act.',
    currentText: 'States shall act.',
    diff: [],
    createdAt: `2026-12-06T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    decidedAt: null,
    decidedBy: null,
    reason: null,
    mode: null,
    appliedSeq: null,
    can: { support: false, withdraw: false, decide: false },
    ...extra,
  };
}

describe('the list', () => {
  it('open means submitted or in conflict; the filter takes one paragraph or the whole text', () => {
    const list = [
      amendment('p1'),
      amendment('p1', { status: 'conflict' }),
      amendment('p1', { status: 'accepted' }),
      amendment('s1', { status: 'rejected' }),
      amendment('s1', { status: 'withdrawn' }),
      amendment('p2'),
    ];
    expect(filterAmendments(list, { status: 'open', blockId: null })).toEqual([list[0], list[1], list[5]]);
    expect(filterAmendments(list, { status: 'decided', blockId: null })).toEqual([list[2], list[3], list[4]]);
    expect(filterAmendments(list, { status: 'all', blockId: 's1' })).toEqual([list[3], list[4]]);
    expect(filterAmendments(list, { status: 'open', blockId: 's1' })).toEqual([]);
    expect(openCounts(list)).toEqual(new Map([['p1', 2], ['p2', 1]]));
  });

  it('follows the text: by paragraph position, then oldest first; paragraphs gone come last', () => {
    const later = amendment('p1', { createdAt: '2026-12-06T12:00:00.000Z' });
    const earlier = amendment('p1', { createdAt: '2026-12-06T09:00:00.000Z' });
    const gone = amendment('zz');
    const second = amendment('s1');
    const positions = new Map([...blockPlaces(sample())].map(([id, place]) => [id, place.pos]));
    expect(orderAmendments([gone, second, later, earlier], positions)).toEqual([earlier, later, second, gone]);
  });

  it('a live event replaces its amendment by id, or adds a new one', () => {
    const a = amendment('p1');
    const b = amendment('p2');
    const supported = { ...a, supporters: { ...a.supporters, governments: 1, summary: 'supported by 1 government' } };
    expect(upsertAmendment([a, b], supported)).toEqual([supported, b]);
    const c = amendment('s1');
    expect(upsertAmendment([a, b], c)).toEqual([a, b, c]);
  });
});

describe('supporters', () => {
  it('in an attributed dialogue: delegations (co-sponsors marked, yours said) then endorsing organizations', () => {
    expect(
      supporterNames([
        { kind: 'endorse', affiliation: 'Humanity Watch', you: false },
        { kind: 'cosponsor', affiliation: 'Republic of Arandia', you: false },
        { kind: 'support', affiliation: 'Veloria', you: true },
      ]),
    ).toBe('supported by Republic of Arandia (co-sponsor), Veloria (yours); endorsed by Humanity Watch');
    expect(supporterNames([{ kind: 'endorse', affiliation: 'ICRC', you: false }])).toBe('endorsed by ICRC');
  });

  it('under the Chatham House Rule there is no list, and no names are written', () => {
    expect(supporterNames(undefined)).toBeNull();
    expect(supporterNames([])).toBeNull();
  });
});

describe('the redline', () => {
  it('joins neighbouring parts of one kind and drops empty ones, so each change is one <ins> or <del>', () => {
    const parts: DiffPart[] = [
      { op: 'equal', text: 'States ' },
      { op: 'delete', text: 'shall' },
      { op: 'delete', text: '' },
      { op: 'insert', text: 'should' },
      { op: 'insert', text: ' always' },
      { op: 'equal', text: ' act.' },
    ];
    expect(redlineRuns(parts)).toEqual([
      { op: 'equal', text: 'States ' },
      { op: 'delete', text: 'shall' },
      { op: 'insert', text: 'should always' },
      { op: 'equal', text: ' act.' },
    ]);
    expect(changesAnything(parts)).toBe(true);
    expect(changesAnything([{ op: 'equal', text: 'same' }, { op: 'insert', text: ' ' }])).toBe(false);
  });

  it('draws added words in <ins> and removed words in <del>, each saying so to a screen reader', () => {
    const html = renderToStaticMarkup(
      createElement(Redline, {
        parts: [
          { op: 'equal', text: 'States ' },
          { op: 'delete', text: 'shall' },
          { op: 'insert', text: 'should' },
          { op: 'equal', text: ' act <now>.' },
        ],
        label: 'Proposed change: Box I(1)',
      }),
    );
    expect(html).toContain('role="group" aria-label="Proposed change: Box I(1)"');
    expect(html).toMatch(/<del class="redline-del"><span class="visually-hidden">\[removed: <\/span>shall<span class="visually-hidden">\]<\/span><\/del>/);
    expect(html).toMatch(/<ins class="redline-ins"><span class="visually-hidden">\[added: <\/span>should<span class="visually-hidden">\]<\/span><\/ins>/);
    // Text is text: the proposal's characters are escaped, never markup.
    expect(html).toContain('<span> act &lt;now&gt;.</span>');
  });

  it('a word diff keeps the spaces, so the two sides read back as the two texts', () => {
    const diff = wordDiff('States shall ensure meaningful control.', 'States should ensure  meaningful human control.');
    expect(diff.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe('States shall ensure meaningful control.');
    expect(diff.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe('States should ensure  meaningful human control.');
    expect(diff).toContainEqual({ op: 'delete', text: 'shall' });
    expect(diff).toContainEqual({ op: 'insert', text: 'should' });
    expect(diff.some((p) => p.op === 'insert' && p.text.includes('human'))).toBe(true);
    expect(wordDiff('same words', 'same words')).toEqual([{ op: 'equal', text: 'same words' }]);
  });

  it('the proposer sees a replacement by words, an insertion all added, a deletion all struck', () => {
    expect(proposalDiff('replace', 'a b c', 'a x c')).toEqual([
      { op: 'equal', text: 'a ' },
      { op: 'delete', text: 'b' },
      { op: 'insert', text: 'x' },
      { op: 'equal', text: ' c' },
    ]);
    expect(proposalDiff('insert_after', 'a b c', 'New words.')).toEqual([{ op: 'insert', text: 'New words.' }]);
    expect(proposalDiff('insert_after', 'a b c', '')).toEqual([]);
    expect(proposalDiff('delete', 'a b c', 'ignored')).toEqual([{ op: 'delete', text: 'a b c' }]);
  });
});

describe('blocks in the editor', () => {
  it('a block is written in the plain-text inline format: brackets with sponsors and footnotes included', () => {
    const doc = sample();
    expect(findBlock(doc, 'p2')).toMatchObject({ kind: 'paragraph', citation: 'Box II(1)', text: 'Meaningful [human]{Arandia, Veloria}^[The Chair understands…] control:' });
    expect(findBlock(doc, 's2')).toMatchObject({ kind: 'subparagraph', paragraphId: 'p2', citation: 'Box II(1)(b)', text: 'second.' });
    expect(findBlock(doc, 'b1')).toBeNull();
    expect(findBlock(doc, 'nope')).toBeNull();
  });

  it('the block at the cursor: a paragraph in its text line, a sub-paragraph in its own; none in a box title', () => {
    const doc = sample();
    const at = (pos: number) => blockAtSelection(EditorState.create({ doc, selection: TextSelection.create(doc, pos) }));
    expect(at(textStart(doc, 'p1') + 3)).toBe('p1');
    expect(at(textStart(doc, 'p2'))).toBe('p2');
    expect(at(textStart(doc, 's2') + 2)).toBe('s2');
    expect(at(2)).toBeNull();
  });
});

describe('markers', () => {
  it('sit at the end of each block’s own words, only where amendments are open', () => {
    const doc = sample();
    const placements = markerPlacements(doc, new Map([['p2', 2], ['s1', 1], ['gone', 4]]));
    expect(placements.map((p) => [p.blockId, p.count])).toEqual([['p2', 2], ['s1', 1]]);
    const p2 = placements[0]!;
    // Just inside the end of the paragraph's text line, before its sub-paragraphs.
    expect(doc.resolve(p2.pos).parent.type.name).toBe('paragraphText');
    expect(doc.resolve(p2.pos).parentOffset).toBe(doc.resolve(p2.pos).parent.content.size);
    const s1 = placements[1]!;
    expect(doc.resolve(s1.pos).parent.textContent).toBe('first;');
    expect(doc.resolve(s1.pos).parentOffset).toBe('first;'.length);
    expect(markerPlacements(doc, new Map())).toEqual([]);
  });

  it('are named for what they count and where', () => {
    expect(markerName(1, 'Box I(1)')).toBe('1 open amendment to Box I(1)');
    expect(markerName(3, null)).toBe('3 open amendments');
  });

  it('follow the text as it changes, and go when no amendment is open', () => {
    const doc = sample();
    let state = EditorState.create({ doc, plugins: [amendmentMarkersPlugin(() => {})] });
    state = state.apply(state.tr.setMeta(amendmentMarkersKey, new Map([['p1', 1]])));
    const found = () => amendmentMarkersKey.getState(state)!.decorations.find().map((d) => d.from);
    const end = textStart(doc, 'p1') + 'States shall act.'.length;
    expect(found()).toEqual([end]);
    state = state.apply(state.tr.insertText('Now ', textStart(doc, 'p1')));
    expect(found()).toEqual([end + 4]);
    state = state.apply(state.tr.setMeta(amendmentMarkersKey, new Map()));
    expect(found()).toEqual([]);
  });
});

describe('the compilation', () => {
  it('totals in the order of the lifecycle', () => {
    expect(totalsText({ accepted: 1, submitted: 2, rejected: 0 })).toBe('2 submitted, 1 accepted');
    expect(totalsText({})).toBe('no amendments yet');
  });
});

const noop = () => Promise.reject(new Error('not called'));
/** The names of a rendered card's buttons, in order. */
const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);

describe('a card', () => {
  const actions: AmendmentActions = { propose: noop, support: noop, unsupport: noop, accept: noop, reject: noop, withdraw: noop, reload: () => {} };
  const card = (a: Amendment, role: 'chair' | 'delegate' | 'civil_society' | 'observer', withActions = true) =>
    renderToStaticMarkup(createElement(AmendmentCard, { amendment: a, citation: 'Box I(1)', role, ...(withActions ? { actions } : {}) }));
  it('offers only what the amendment’s "can" allows, in the words of the viewer’s role', () => {
    expect(buttons(card(amendment('p1'), 'observer'))).toEqual([]);
    expect(buttons(card(amendment('p1', { can: { support: true, withdraw: false, decide: false } }), 'delegate'))).toEqual(['Support', 'Co-sponsor']);
    expect(buttons(card(amendment('p1', { can: { support: true, withdraw: true, decide: false } }), 'civil_society'))).toEqual(['Endorse', 'Withdraw amendment']);
    const supported = amendment('p1', {
      can: { support: true, withdraw: false, decide: false },
      supporters: { governments: 1, cosponsors: 1, organizations: 0, summary: 'supported by 1 government (1 co-sponsor)', yours: 'cosponsor' },
    });
    const html = card(supported, 'delegate');
    expect(buttons(html)).toEqual(['Withdraw support']);
    expect(html).toContain('Your delegation co-sponsors this.');
    expect(buttons(card(amendment('p1', { can: { support: false, withdraw: false, decide: true } }), 'chair'))).toEqual([
      'Accept as proposed',
      'Accept in brackets',
      'Reject…',
    ]);
    // The compilation reads: no buttons at all, whatever the amendment allows.
    expect(buttons(card(amendment('p1', { can: { support: true, withdraw: true, decide: true } }), 'chair', false))).toEqual([]);
  });

  it('under the Chatham House Rule shows categories and counts; attributed, the supporters by name', () => {
    const chatham = card(
      amendment('p1', {
        justification: 'Stronger wording.',
        supporters: { governments: 2, cosponsors: 1, organizations: 1, summary: 'supported by 2 governments (1 co-sponsor), endorsed by 1 organization', yours: null },
      }),
      'observer',
    );
    expect(chatham).toContain('Proposed by Civil society');
    expect(chatham).toContain('Supported by 2 governments (1 co-sponsor), endorsed by 1 organization.');
    expect(chatham).toContain('Stronger wording.');
    expect(chatham).not.toContain('Arandia');
    const attributed = card(
      amendment('p1', {
        proposer: { category: 'Civil society', name: 'Priya Raman', affiliation: 'Campaign for Meaningful Human Control', you: false },
        supporters: {
          governments: 1,
          cosponsors: 0,
          organizations: 0,
          summary: 'supported by 1 government',
          list: [{ kind: 'support', affiliation: 'Republic of Arandia', you: false }],
          yours: null,
        },
      }),
      'observer',
    );
    expect(attributed).toContain('Proposed by Priya Raman (Campaign for Meaningful Human Control)');
    expect(attributed).toContain('Supported by Republic of Arandia.');
  });

  it('says how it was decided', () => {
    const rejected = card(
      amendment('p1', { status: 'rejected', decidedAt: '2026-12-06T12:00:00.000Z', decidedBy: { category: 'Chair', you: false }, reason: 'Covered by (c).' }),
      'observer',
    );
    expect(rejected).toMatch(/Rejected by Chair on .*: Covered by \(c\)\./);
    const accepted = card(amendment('p1', { status: 'accepted', mode: 'bracketed', decidedAt: '2026-12-06T12:00:00.000Z', decidedBy: { category: 'Chair', you: true } }), 'chair');
    expect(accepted).toMatch(/Accepted in brackets by you on /);
    expect(accepted).toContain('>Accepted</span>');
  });
});
