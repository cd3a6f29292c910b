import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromPlainText, openBrackets, TextModelError, toJSON } from '../src/index.js';
import { fromYDoc, ROLLING_TEXT_FIELD, toYUpdate, yDocPlainText } from '../src/yjs.js';
import { box, bracketed, bracketMark, doc, footnote, para, styled, sub } from './support/build.js';
import { GGE_TEXT } from './support/fixtures.js';

function load(update: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return ydoc;
}

describe('the rolling text in a Y.Doc', () => {
  it('round-trips the fixture exactly through one update', () => {
    const d = fromPlainText(GGE_TEXT);
    expect(toJSON(fromYDoc(load(toYUpdate(d))))).toEqual(toJSON(d));
  });

  it('keeps what plain text drops: emphasis, unlabelled paragraphs, empty titles', () => {
    const mark = bracketMark(['Arandia', 'Veloria']);
    const d = doc(box('', para({ num: null, status: 'agreed_ad_ref' }, [styled('a', 'em', 'strong'), bracketed('b', mark), footnote('n'), bracketed('c', mark)], sub({}))));
    expect(toJSON(fromYDoc(load(toYUpdate(d))))).toEqual(toJSON(d));
  });

  it('does not keep marks on a footnote (the binding stores marks on text only), so the model never relies on them', () => {
    const mark = bracketMark();
    const d = doc(box('T', para({}, [bracketed('b', mark), footnote('n', mark), bracketed('c', mark)])));
    const back = fromYDoc(load(toYUpdate(d)));
    expect(back.child(0).child(1).firstChild!.child(1).marks).toEqual([]);
    expect(openBrackets(back)).toEqual(openBrackets(d));
  });

  it('writes into the fragment the editor binds to', () => {
    const ydoc = load(toYUpdate(fromPlainText(GGE_TEXT)));
    expect(ROLLING_TEXT_FIELD).toBe('rollingText');
    expect(ydoc.getXmlFragment(ROLLING_TEXT_FIELD).length).toBe(5);
    expect(yDocPlainText(ydoc)).toBe(GGE_TEXT);
  });

  it('follows later edits made directly in Yjs', () => {
    const ydoc = load(toYUpdate(fromPlainText('Box I. T\n\n1. abc\n')));
    const text = ydoc.getXmlFragment(ROLLING_TEXT_FIELD).get(0) as Y.XmlElement;
    const paragraphText = (text.get(1) as Y.XmlElement).get(0) as Y.XmlElement;
    (paragraphText.get(0) as Y.XmlText).insert(3, 'def');
    expect(yDocPlainText(ydoc)).toBe('Box I. T\n\n1. abcdef\n');
  });

  it('reads without changing the Y.Doc, and refuses an element the schema does not know', () => {
    const ydoc = new Y.Doc();
    ydoc.getXmlFragment(ROLLING_TEXT_FIELD).insert(0, [new Y.XmlElement('chapter')]);
    const before = Y.encodeStateAsUpdate(ydoc);
    expect(() => fromYDoc(ydoc)).toThrow(TextModelError);
    expect(Y.encodeStateAsUpdate(ydoc)).toEqual(before);
  });
});
