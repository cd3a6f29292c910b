/** applyDocumentChange: an accepted amendment written into the live Y.Doc with minimal edits. */
import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { amendmentChange, findBlock, type AmendmentChange } from '../src/amendments/index.js';
import { computeLabels, fromPlainText, schema, toJSON } from '../src/index.js';
import { applyDocumentChange, fromYDoc } from '../src/yjs.js';
import { DEMO_TEXT } from './support/demo-text.js';
import { blockYText, exchange, plainOf, replicaOf, typesWritten, yDocOf, yElementById } from './support/ydoc.js';

const doc = fromPlainText(DEMO_TEXT);
const labels = computeLabels(doc);
const idOf = (citation: string): string => labels.list.find((l) => l.citation === citation)!.id!;
const textOf = (citation: string): string => findBlock(doc, idOf(citation))!.text;

function accepted(citation: string, a: Partial<AmendmentChange> & Pick<AmendmentChange, 'kind'>): Node {
  return amendmentChange(doc, { targetId: idOf(citation), text: null, mode: 'as_proposed', sponsors: [], ...a });
}

function read(ydoc: Y.Doc): unknown {
  return toJSON(fromYDoc(ydoc));
}

describe('applyDocumentChange gives the document it is given', () => {
  const cases: Array<[string, () => Node]> = [
    ['replace as proposed', () => accepted('Box II(2)', { kind: 'replace', text: 'Decisions on the use of force [remain]{Arandia} human.^[A note.]' })],
    ['replace in brackets, inline', () => accepted('Box III(3bis)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], text: textOf('Box III(3bis)').replace('periodically', 'regularly') })],
    ['replace in brackets, as Alt 2', () => accepted('Box III(1)', { kind: 'replace', mode: 'bracketed', sponsors: ['Solmar'], text: 'States [shall] not act.' })],
    ['insert after an alternative', () => accepted('Box II(4, Alt 2)', { kind: 'insert_after', mode: 'bracketed', sponsors: ['Veloria'], text: 'New [words]{Kestria}.' })],
    ['insert a sub-paragraph', () => accepted('Box III(2)(b)', { kind: 'insert_after', text: 'new;' })],
    ['delete an alternative', () => accepted('Box II(4, Alt 1)', { kind: 'delete' })],
    ['delete in brackets', () => accepted('Box II(3)', { kind: 'delete', mode: 'bracketed', sponsors: ['Kestria'] })],
    ['delete a paragraph with sub-paragraphs', () => accepted('Box III(2)', { kind: 'delete' })],
  ];
  it.each(cases)('%s', (_name, next) => {
    const ydoc = yDocOf(doc);
    const target = next();
    applyDocumentChange(ydoc, target);
    expect(read(ydoc)).toEqual(toJSON(target));
    // Once there, applying it again writes nothing.
    expect(typesWritten(ydoc, () => applyDocumentChange(ydoc, target))).toEqual([]);
  });

  it('writes emphasis and a changed footnote, and takes them back', () => {
    const ydoc = yDocOf(doc);
    const pos = computeLabels(doc).byId.get(idOf('Box I(3)'))!.pos + 2;
    const tr = EditorState.create({ doc }).tr.addMark(pos + 4, pos + 20, schema.marks.em!.create());
    let footnotePos = -1;
    tr.doc.nodesBetween(pos, pos + tr.doc.resolve(pos).parent.content.size, (node, at) => {
      if (node.type.name === 'footnote') footnotePos = at;
    });
    tr.setNodeMarkup(footnotePos, undefined, { ...tr.doc.nodeAt(footnotePos)!.attrs, text: 'Another understanding.' });
    applyDocumentChange(ydoc, tr.doc);
    expect(read(ydoc)).toEqual(toJSON(tr.doc));
    applyDocumentChange(ydoc, doc);
    expect(read(ydoc)).toEqual(toJSON(doc));
  });
});

describe('applyDocumentChange edits only what changed', () => {
  it('writes only to the changed text, in place', () => {
    const ydoc = yDocOf(doc);
    const id = idOf('Box III(3bis)');
    const ytext = blockYText(ydoc, id);
    const next = accepted('Box III(3bis)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], text: textOf('Box III(3bis)').replace('periodically', 'regularly') });
    const written = typesWritten(ydoc, () => applyDocumentChange(ydoc, next));
    expect(written).toEqual([ytext]);
    // The same Y.XmlText, still in the document, now holding the options.
    expect(blockYText(ydoc, id)).toBe(ytext);
    expect(plainOf(ytext)).toBe('The requirements in paragraph 3 should be reviewedshall be reviewed periodicallyregularly in the light of technological developments.');
  });

  it('keeps the Yjs items of the words that stay: "periodically" is not written again', () => {
    const ydoc = yDocOf(doc);
    const before = Y.encodeStateVector(ydoc);
    const next = accepted('Box III(3bis)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], text: textOf('Box III(3bis)').replace('periodically', 'regularly') });
    applyDocumentChange(ydoc, next);
    const update = Y.decodeUpdate(Y.encodeStateAsUpdate(ydoc, before));
    const inserted = update.structs
      .map((s) => (s instanceof Y.Item && s.content instanceof Y.ContentString ? s.content.str : ''))
      .join('');
    expect(inserted).toBe('regularly');
    expect(update.ds.clients.size).toBe(0);
  });

  it('inserts a paragraph into its box and leaves the other paragraphs alone', () => {
    const ydoc = yDocOf(doc);
    const next = accepted('Box II(2)', { kind: 'insert_after', text: 'New text.' });
    const box = yElementById(ydoc, labels.list.find((l) => l.citation === 'Box II')!.id!)!;
    expect(typesWritten(ydoc, () => applyDocumentChange(ydoc, next))).toEqual([box]);
    expect(read(ydoc)).toEqual(toJSON(next));
  });

  it('an alternative losing its group: one attribute written, the deleted paragraph removed', () => {
    const ydoc = yDocOf(doc);
    const remaining = yElementById(ydoc, idOf('Box II(4, Alt 2)'))!;
    const next = accepted('Box II(4, Alt 1)', { kind: 'delete' });
    const written = typesWritten(ydoc, () => applyDocumentChange(ydoc, next));
    expect(new Set(written)).toEqual(new Set([remaining, yElementById(ydoc, labels.list.find((l) => l.citation === 'Box II')!.id!)]));
    expect(remaining.getAttribute('alt')).toBeUndefined();
  });
});

describe('concurrent typing survives', () => {
  it("a delegate's keystroke in another word of the same paragraph, while the chair's amendment lands", () => {
    const server = yDocOf(doc);
    const delegate = replicaOf(server);
    const id = idOf('Box II(2)');
    // The delegate types "s" into "decisions" ("Decisions on the use of force remain human decisions."), unseen by the server.
    const typed = blockYText(delegate, id);
    const at = plainOf(typed).indexOf('human decisions') + 'human decision'.length;
    typed.insert(at, 'x');

    const next = accepted('Box II(2)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], text: textOf('Box II(2)').replace('force remain', 'force must remain') });
    applyDocumentChange(server, next);
    exchange(server, delegate);

    expect(toJSON(fromYDoc(server))).toEqual(toJSON(fromYDoc(delegate)));
    expect(findBlock(fromYDoc(server), id)!.text).toBe(
      'Decisions on the use of force [must]{Arandia} remain human decisionxs. Responsibility for them [cannot be transferred to machines][rests with human beings at all times] and extends across the whole life cycle of a weapon system.',
    );
  });

  it('typing in a bracket the chair puts beside new words keeps its place', () => {
    const server = yDocOf(doc);
    const delegate = replicaOf(server);
    const id = idOf('Box III(3bis)');
    const typed = blockYText(delegate, id);
    typed.insert(plainOf(typed).indexOf('technological'), 'new ');
    const next = accepted('Box III(3bis)', { kind: 'replace', mode: 'bracketed', sponsors: ['Arandia'], text: textOf('Box III(3bis)').replace('periodically', 'regularly') });
    applyDocumentChange(server, next);
    exchange(server, delegate);
    expect(findBlock(fromYDoc(delegate), id)!.text).toBe('The requirements in paragraph 3 [should be reviewed][shall be reviewed]{Arandia} [periodically][regularly]{Arandia} in the light of new technological developments.');
    expect(toJSON(fromYDoc(server))).toEqual(toJSON(fromYDoc(delegate)));
  });
});
