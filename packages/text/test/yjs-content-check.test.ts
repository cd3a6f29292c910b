/**
 * What a client may write into the rolling text's Y.Doc. Rules:
 *   ACCEPT  everything the editor's binding (y-tiptap) writes for a document the schema allows,
 *           from an empty Y.Doc or as the change from one such document to another, is accepted.
 *   REFUSE  unknown roots, elements, marks and attributes, elements in the wrong parent, values
 *           outside their attribute's rule, embeds, attributes on text: refused whole, with a reason.
 *   SEE     findUnrenderable names what an editor could not show in a stored document.
 * Replay a failure with FC_SEED=<seed>.
 */
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyRollingText, fromPlainText } from '../src/index.js';
import { checkRollingTextUpdate, findUnrenderable, ROLLING_TEXT_FIELD } from '../src/yjs-content-check.js';
import { toYUpdate } from '../src/yjs.js';
import { fcParams } from './support/fc-params.js';
import { GGE_TEXT } from './support/fixtures.js';
import { randomText } from './support/random-text.js';

function load(update: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return ydoc;
}

/** The update a change to a copy of `base` makes, as a client would send it. */
function edit(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = load(Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

const fragment = (doc: Y.Doc) => doc.getXmlFragment(ROLLING_TEXT_FIELD);
/** Box `b`'s first paragraph. */
const paragraphOf = (doc: Y.Doc, b = 0) => (fragment(doc).get(b) as Y.XmlElement).get(1) as Y.XmlElement;
/** The text of box `b`'s first paragraph, made if the paragraph has none yet. */
function textOf(doc: Y.Doc, b = 0): Y.XmlText {
  const paragraphText = paragraphOf(doc, b).get(0) as Y.XmlElement;
  if (paragraphText.length === 0) paragraphText.insert(0, [new Y.XmlText()]);
  return paragraphText.get(0) as Y.XmlText;
}

const refusal = (doc: Y.Doc, update: Uint8Array) => {
  const verdict = checkRollingTextUpdate(doc, update);
  return verdict.ok ? 'accepted' : verdict.reason;
};

describe('ACCEPT: what the editor writes', () => {
  const gge = load(toYUpdate(fromPlainText(GGE_TEXT)));

  it('the server-written texts (the five-box template, the GGE fixture), into an empty document', () => {
    expect(refusal(new Y.Doc(), toYUpdate(emptyRollingText()))).toBe('accepted');
    expect(refusal(new Y.Doc(), toYUpdate(fromPlainText(GGE_TEXT)))).toBe('accepted');
  });

  it('typing, bracketing, emphasis, removing a mark, setting a status, deleting', () => {
    const typed = edit(gge, (d) => textOf(d).insert(3, 'x'));
    expect(refusal(gge, typed)).toBe('accepted');
    expect(refusal(gge, edit(gge, (d) => textOf(d).format(0, 4, { bracket: { id: 'AbCdEf012345', sponsors: ['Arandia'] } })))).toBe('accepted');
    expect(refusal(gge, edit(gge, (d) => textOf(d).format(0, 4, { em: {}, strong: {} })))).toBe('accepted');
    expect(refusal(gge, edit(gge, (d) => textOf(d).format(0, 4, { bracket: null })))).toBe('accepted');
    expect(refusal(gge, edit(gge, (d) => paragraphOf(d).setAttribute('status', 'agreed')))).toBe('accepted');
    expect(refusal(gge, edit(gge, (d) => paragraphOf(d).removeAttribute('num')))).toBe('accepted');
    expect(refusal(gge, edit(gge, (d) => textOf(d).delete(0, 5)))).toBe('accepted');
    expect(refusal(gge, edit(gge, (d) => fragment(d).delete(1, 2)))).toBe('accepted');
  });

  it('any change from one rolling text to another, written by the binding as the editor writes it', () => {
    fc.assert(
      fc.property(randomText({ emphasis: true }), randomText({ emphasis: true }), (from, to) => {
        const base = load(toYUpdate(from));
        const update = edit(base, (d) => {
          const { meta } = initProseMirrorDoc(fragment(d), from.type.schema);
          d.transact(() => updateYFragment(d, fragment(d), to, meta));
        });
        expect(refusal(base, update)).toBe('accepted');
      }),
      { ...fcParams, numRuns: Math.min(fcParams.numRuns, 100) },
    );
  });
});

describe('REFUSE: what the rolling text does not allow', () => {
  const base = load(toYUpdate(emptyRollingText()));
  const cases: Array<[string, (doc: Y.Doc) => void, string | RegExp]> = [
    ['an unknown mark (fault 1)', (d) => textOf(d).insert(0, 'x', { evil: true }), 'unknown mark "evil"'],
    ['a bracket that is not an object', (d) => textOf(d).insert(0, 'x', { bracket: true }), /bracket mark's value must be an object/],
    ['a bracket with an unknown attribute', (d) => textOf(d).insert(0, 'x', { bracket: { id: 'abc', colour: 'red' } }), /unknown attribute "colour" of the bracket mark/],
    ['a bracket whose sponsors are a string', (d) => textOf(d).insert(0, 'x', { bracket: { id: 'abc', sponsors: 'Arandia' } }), /sponsors must be an array/],
    ['a bracket with a thousand sponsors', (d) => textOf(d).insert(0, 'x', { bracket: { id: 'abc', sponsors: Array.from({ length: 1000 }, (_, i) => `S${i}`) } }), /sponsors must be/],
    ['a bracket whose id is markup', (d) => textOf(d).insert(0, 'x', { bracket: { id: '<img src=x>', sponsors: [] } }), /bracket mark.id must be null or an id/],
    ['emphasis with a value that is not an object', (d) => textOf(d).insert(0, 'x', { em: 'yes' }), /em mark's value/],
    ['a status that is an object (fault 3)', (d) => paragraphOf(d).setAttribute('status', { toString: 1 } as unknown as string), /paragraph.status must be one of/],
    ['a status outside the list', (d) => paragraphOf(d).setAttribute('status', 'rejected'), /paragraph.status must be one of/],
    ['a huge number', (d) => paragraphOf(d).setAttribute('num', 5e9 as unknown as string), /paragraph.num must be null or an integer from 0 to 9999/],
    ['a negative number', (d) => paragraphOf(d).setAttribute('sfx', -1 as unknown as string), /paragraph.sfx/],
    ['a fractional number', (d) => paragraphOf(d).setAttribute('num', 1.5 as unknown as string), /paragraph.num/],
    ['an id that is not an id', (d) => paragraphOf(d).setAttribute('id', 'a b'), /paragraph.id must be null or an id/],
    ['an id that is a number', (d) => paragraphOf(d).setAttribute('id', 42 as unknown as string), /paragraph.id/],
    ['an unknown attribute', (d) => paragraphOf(d).setAttribute('onclick', 'x'), /unknown attribute "onclick" of a paragraph/],
    ['an attribute holding a shared type', (d) => paragraphOf(d).setAttribute('alt', new Y.XmlText() as unknown as string), /must be one JSON value/],
    [
      'a footnote whose text is a number',
      (d) => {
        const note = new Y.XmlElement('footnote');
        note.setAttribute('text', 7 as unknown as string);
        (paragraphOf(d).get(0) as Y.XmlElement).insert(0, [note]);
      },
      /footnote.text must be a string/,
    ],
    ['an unknown element', (d) => fragment(d).insert(0, [new Y.XmlElement('script')]), '"script" is not an element of the rolling text'],
    ['a paragraph directly in the root', (d) => fragment(d).insert(0, [new Y.XmlElement('paragraph')]), 'the rolling text cannot hold a paragraph'],
    ['a box inside a paragraph', (d) => paragraphOf(d).insert(1, [new Y.XmlElement('box')]), 'a paragraph cannot hold a box'],
    ['text directly in a box', (d) => (fragment(d).get(0) as Y.XmlElement).insert(1, [new Y.XmlText('loose')]), 'a box cannot hold text'],
    ['text in the root', (d) => fragment(d).insert(0, [new Y.XmlText('loose')]), 'the rolling text cannot hold text'],
    ['an embed in text', (d) => textOf(d).insertEmbed(0, { image: 'x.png' }), 'text cannot hold an embed'],
    ['an attribute on text', (d) => textOf(d).setAttribute('style', 'x'), 'text takes no attributes'],
    ['a free-standing Y.Text', (d) => d.getText('text').insert(0, 'hello'), 'unknown root type "text"; the document holds only "rollingText"'],
    ['a Y.Map root', (d) => d.getMap('meta').set('k', 1), /unknown root type "meta"/],
    ['a Y.Map inside an element', (d) => paragraphOf(d).insert(0, [new Y.XmlHook('hook') as unknown as Y.XmlElement]), /a paragraph cannot hold a XML hook/],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    const got = refusal(base, edit(base, change));
    if (typeof expected === 'string') expect(got).toBe(expected);
    else expect(got).toMatch(expected);
  });

  it('finds the parent through an origin already in the document: a mark on existing words', () => {
    const typed = load(Y.encodeStateAsUpdate(base));
    textOf(typed).insert(0, 'words of a paragraph');
    const update = edit(typed, (d) => textOf(d).format(3, 5, { evil: { x: 1 } }));
    expect(refusal(typed, update)).toBe('unknown mark "evil"');
    const inserted = edit(typed, (d) => textOf(d).insert(6, 'y', { evil: true }));
    expect(refusal(typed, inserted)).toBe('unknown mark "evil"');
  });

  it('finds the parent through an origin earlier in the same update', () => {
    const update = edit(base, (d) => {
      const text = textOf(d);
      text.insert(0, 'abc');
      text.insert(3, 'def', { evil: true });
    });
    expect(refusal(base, update)).toBe('unknown mark "evil"');
  });

  it('refuses a wrong value written over an existing attribute (a map entry with an origin)', () => {
    const update = edit(base, (d) => paragraphOf(d).setAttribute('status', { toString: 1 } as unknown as string));
    expect(refusal(base, update)).toMatch(/^a paragraph.status must be one of under_negotiation, agreed_ad_ref, agreed, got \{"toString":1\}$/);
  });

  it('a box title takes no marks', () => {
    const update = edit(base, (d) => {
      const title = ((fragment(d).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      title.format(0, 3, { em: {} });
    });
    expect(refusal(base, update)).toBe('a boxTitle takes no em mark');
  });
});

describe('SEE: findUnrenderable', () => {
  it('finds nothing in what the server and the editor write', () => {
    expect(findUnrenderable(load(toYUpdate(fromPlainText(GGE_TEXT))))).toEqual([]);
    expect(findUnrenderable(new Y.Doc())).toEqual([]);
  });

  it('names unknown marks, elements, attributes and ill-typed values, with where they are', () => {
    const doc = load(toYUpdate(emptyRollingText()));
    doc.transact(() => {
      textOf(doc, 0).insert(0, 'x', { evil: true });
      paragraphOf(doc, 1).setAttribute('status', { toString: 1 } as unknown as string);
      fragment(doc).insert(5, [new Y.XmlElement('script')]);
      paragraphOf(doc, 2).setAttribute('onclick', 'x');
    });
    expect(findUnrenderable(doc)).toEqual([
      { path: 'rollingText/box[0]/paragraph[1]/paragraphText[0]/text[0]', problem: 'unknown mark "evil"' },
      { path: 'rollingText/box[1]/paragraph[1]', problem: expect.stringMatching(/^a paragraph.status must be one of/) as unknown as string },
      { path: 'rollingText/box[2]/paragraph[1]', problem: 'unknown attribute "onclick" of a paragraph' },
      { path: 'rollingText/script[5]', problem: '"script" is not an element of the rolling text' },
    ]);
  });
});

describe('cost and safety of the check', () => {
  it('a chain of 20,000 items, each placed by the one before it, is checked without deep recursion', () => {
    const base = load(toYUpdate(emptyRollingText()));
    const update = edit(base, (d) => {
      const text = textOf(d);
      // Alternating emphasis: every character is an item of its own, placed after the previous one.
      for (let i = 0; i < 20_000; i++) text.insert(i, 'x', i % 2 === 0 ? { em: {} } : {});
    });
    expect(refusal(base, update)).toBe('accepted');
  });
});
