import { fromPlainText, toJSON } from '@accord/text';
import { demoRollingText } from '@accord/text/demo';
import { linesFromPlainText, recognizeFragment } from '@accord/text/recognize';
import type { Node } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { CLIP_ATTRIBUTE, ClipboardSerializer, copiedPlainText, copySource } from '../src/editor/clipboard-copy';
import { linesFromDom } from '../src/editor/clipboard-html-lines';
import { fakeDocument, type FakeElement, type FakeNode, parseHtml } from './support/html-dom';
import { editorSchema, positionOf } from './support/rolling-text';

const demo = editorSchema.nodeFromJSON(toJSON(fromPlainText(demoRollingText)));

/** What a copy of `from`..`to` puts on the clipboard, the way ProseMirror's copy calls the two serializers. */
function copy(doc: Node, from: number, to: number): { text: string; html: string; root: FakeNode } {
  const slice = TextSelection.create(doc, from, to).content();
  const source = copySource(doc);
  const serializer = new ClipboardSerializer(editorSchema);
  serializer.prepare(slice, source);
  // ProseMirror's serializeForClipboard moves single wrappers into the data-pm-slice context.
  let { content, openStart, openEnd } = slice;
  while (openStart > 1 && openEnd > 1 && content.childCount === 1 && content.firstChild!.childCount === 1) {
    openStart--;
    openEnd--;
    content = content.firstChild!.content;
  }
  const root = fakeDocument.createElement('div');
  root.appendChild(serializer.serializeFragment(content, { document: fakeDocument as unknown as Document }) as unknown as FakeNode);
  return { text: copiedPlainText(slice, source), html: root.html, root };
}

/** What another program shows of the HTML: its characters, the clipboard's printed extras included. */
function shown(root: FakeNode): string {
  return root.textContent.replace(/\u00a0/g, ' ');
}

/** The copied HTML read back as a paste from another program would be: the rolling-text format of what the recognizer makes of it. */
function readBack(html: string): string {
  const { blocks } = recognizeFragment(linesFromDom(parseHtml(html)));
  return blocks.map((b) => JSON.stringify(b.toJSON())).join('\n');
}

function readBackText(text: string): string {
  const { blocks } = recognizeFragment(linesFromPlainText(text));
  return blocks.map((b) => JSON.stringify(b.toJSON())).join('\n');
}

const withoutIds = (json: string) => json.replace(/"(id|alt)":"[^"]*"/g, '"$1":"-"');

describe('copying inside one paragraph', () => {
  it('Box I(2): the words with their brackets and sponsors, not "engage targetsmilitary objectives"', () => {
    const from = positionOf(demo, 'For the purposes');
    const to = positionOf(demo, 'by a human operator.', true);
    const { text, root, html } = copy(demo, from, to);
    expect(text).toBe(
      'For the purposes of this instrument, lethal autonomous weapons systems are weapon systems that, once activated, can [identify,] select and engage [targets][military objectives] [with lethal force]{Veloria} without further intervention by a human operator.',
    );
    expect(shown(root)).toBe(text);
    // Each bracket is an element Accord reads back (data-bracket), with "[" and "]{..}" printed for other programs.
    expect(html).toContain(`<span data-bracket data-id="${idOfBracket(demo, 'targets')}"><span ${CLIP_ATTRIBUTE}>[</span>targets<span ${CLIP_ATTRIBUTE}>]</span></span>`);
    expect(html).toContain(`with lethal force<span ${CLIP_ATTRIBUTE}>]{Veloria}</span>`);
    expect(html).not.toContain('class=');
  });

  it('a footnote: "^[..]" in the text; a superscript number and the note after the text in the HTML', () => {
    const from = positionOf(demo, 'Any characterisation');
    const to = positionOf(demo, 'industry and trade.', true) + 1;
    const { text, root } = copy(demo, from, to);
    expect(text).toMatch(/industry and trade\.\^\[The Chair understands "peaceful uses" to include dual-use research conducted under national export controls\.\]$/);
    expect(shown(root)).toMatch(/industry and trade\.1 ?1 The Chair understands "peaceful uses"/);
    const sup = findAll(root, (n) => n.nodeName === 'SUP');
    expect(sup.map((n) => n.textContent)).toEqual(['1', '1']);
    // Linked as Word links its notes, so the note reads back as a footnote.
    expect(findAll(root, (n) => n.nodeName === 'A').map((a) => (a as FakeElement).getAttribute('href'))).toEqual(['#ftn1', '#ftnref1']);
  });
});

describe('copying across paragraphs', () => {
  it('gives labelled lines: a paragraph, then one with its sub-paragraphs, partial at the ends', () => {
    const from = positionOf(demo, 'For the purposes');
    const to = positionOf(demo, 'target recognition that only proposes targets', true);
    const { text, root } = copy(demo, from, to);
    expect(text).toBe(
      [
        '2. For the purposes of this instrument, lethal autonomous weapons systems are weapon systems that, once activated, can [identify,] select and engage [targets][military objectives] [with lethal force]{Veloria} without further intervention by a human operator.',
        '2bis. The following functions do not, by themselves, make a weapon system a lethal autonomous weapons system:',
        '   (a) automated navigation, surveillance or sensor fusion that supports, but does not replace, a human decision to engage;',
        '   (b) target recognition that only proposes targets',
      ].join('\n'),
    );
    // Word shows the labels, and the sub-paragraphs indented.
    expect(shown(root)).toContain('2bis. The following functions');
    const subs = findAll(root, (n) => (n as FakeElement).getAttribute?.('data-subparagraph') !== null && n.nodeType === 1 && !!(n as FakeElement).attributes?.has('data-subparagraph'));
    expect(subs).toHaveLength(2);
    expect((subs[0] as FakeElement).getAttribute('style')).toContain('margin:0 0 6pt 2.5em');
  });

  it('a paragraph’s text and its sub-paragraphs: the label comes from the paragraph around them; the status is kept', () => {
    const doc = editorSchema.nodeFromJSON(toJSON(fromPlainText('Box I. T\n\n1. Chapeau: {agreed ad ref}\n   (a) one [x]{A};\n   (b) two.\n')));
    const from = positionOf(doc, 'Chapeau');
    const to = positionOf(doc, 'two.', true);
    const { text, root } = copy(doc, from, to);
    expect(text).toBe('1. Chapeau: {agreed ad ref}\n   (a) one [x]{A};\n   (b) two.');
    expect(shown(root)).toBe('1. Chapeau: {agreed ad ref}(a) one [x]{A};(b) two.');
  });

  it('across boxes: each box’s heading, as the plain-text format writes it', () => {
    const from = positionOf(demo, 'Any characterisation');
    const to = positionOf(demo, 'International humanitarian law applies in full to all weapon systems, including those with autonomy in the selection and engagement of targets.', true);
    const { text, root } = copy(demo, from, to);
    expect(text).toBe(
      [
        'Box I. Characterisation of lethal autonomous weapons systems',
        '',
        '3. Any characterisation should be technology-neutral and should not hamper the peaceful uses of autonomy in civilian research, industry and trade.^[The Chair understands "peaceful uses" to include dual-use research conducted under national export controls.] {agreed ad ref}',
        '',
        'Box II. Application of international humanitarian law and the human element needed to comply with it',
        '',
        '1. International humanitarian law applies in full to all weapon systems, including those with autonomy in the selection and engagement of targets. {agreed}',
      ].join('\n'),
    );
    expect(shown(root)).toContain('Box II. Application of international humanitarian law');
  });
});

describe('what the copy reads back as', () => {
  it('the HTML, pasted from another program (Word), is recognized as the text/plain is: same paragraphs, sub-paragraphs, brackets, sponsors, footnotes, statuses', () => {
    const from = positionOf(demo, 'For the purposes');
    const to = positionOf(demo, 'industry and trade.', true) + 1;
    const { text, html } = copy(demo, from, to);
    const viaText = withoutIds(readBackText(text));
    expect(viaText).toContain('"sponsors":["Veloria"]');
    expect(viaText).toContain('"type":"footnote"');
    expect(viaText).toContain('"status":"agreed_ad_ref"');
    expect(viaText.split('\n')).toHaveLength(3);
    expect(withoutIds(readBack(html))).toBe(viaText);
  });

  it('Box III(2) with its sub-paragraphs, copied as text, reads back as one paragraph with its sub-paragraphs', () => {
    const from = positionOf(demo, 'In particular, ');
    const to = positionOf(demo, 'anticipated', false);
    const slice = TextSelection.create(demo, from, to).content();
    const text = copiedPlainText(slice, copySource(demo));
    const { blocks, structured } = recognizeFragment(linesFromPlainText(text));
    expect(structured).toBe(true);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.childCount).toBe(3);
  });
});

function findAll(node: FakeNode, test: (n: FakeNode) => boolean): FakeNode[] {
  const out: FakeNode[] = [];
  const walk = (n: FakeNode) => {
    if (test(n)) out.push(n);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return out;
}

function idOfBracket(doc: Node, words: string): string {
  let id = '';
  doc.descendants((node) => {
    if (node.isText && node.text === words) id = node.marks.find((m) => m.type.name === 'bracket')!.attrs.id as string;
  });
  return id;
}
