import { Editor } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { yUndoPluginKey, ySyncPluginKey } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { rollingTextExtensions } from '../src/editor/rolling-text-extensions';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/**
 * The undo manager of the editor as the page builds it (its real extensions, headless: there is no
 * view, so nothing is bound, and the tests write to the Y.Doc as the binding does, under its origin).
 */
function undoManagerFor(fragment: Y.XmlFragment): Y.UndoManager {
  const editor = new Editor({
    enableCoreExtensions: false,
    extensions: rollingTextExtensions({
      fragment,
      awareness: new Awareness(fragment.doc!),
      user: {},
      onRequest: () => {},
      mayWrite: () => true,
      onWriteRefused: () => {},
    }),
    content: { type: 'doc', content: [{ type: 'box', attrs: { id: 'b1' }, content: [{ type: 'boxTitle' }] }] },
  });
  editors.push(editor);
  const state = EditorState.create({ schema: editor.schema, plugins: editor.extensionManager.plugins });
  return (yUndoPluginKey.getState(state) as { undoManager: Y.UndoManager }).undoManager;
}

function element(name: string, attrs: Record<string, string>, children: Array<Y.XmlElement | Y.XmlText>): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  el.insert(0, children);
  return el;
}

interface ServerText {
  doc: Y.Doc;
  fragment: Y.XmlFragment;
  box: Y.XmlElement;
  paragraph: Y.XmlElement;
}

/** Box I with its title and paragraph 1, as the server wrote them. */
function serverText(): ServerText {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('rollingText');
  const paragraph = element('paragraph', { id: 'p1' }, [element('paragraphText', {}, [new Y.XmlText('States shall:')])]);
  const box = element('box', { id: 'b1' }, [element('boxTitle', {}, [new Y.XmlText('Title')]), paragraph]);
  doc.transact(() => fragment.insert(0, [box]), 'server');
  return { doc, fragment, box, paragraph };
}

const newParagraph = (text: ServerText, words: Y.XmlText) => text.box.push([element('paragraph', { id: 'new' }, [element('paragraphText', {}, [words])])]);
const newSubparagraph = (text: ServerText, words: Y.XmlText) => text.paragraph.push([element('subparagraph', { id: 'new' }, [words])]);

describe('undo takes back only your own changes', () => {
  it.each([
    ['a paragraph', newParagraph],
    ['a sub-paragraph', newSubparagraph],
  ])('another delegate’s words typed into %s you inserted survive your undo', (_what, insert) => {
    const text = serverText();
    const undo = undoManagerFor(text.fragment);
    const words = new Y.XmlText();
    text.doc.transact(() => insert(text, words), ySyncPluginKey);
    undo.stopCapturing();
    text.doc.transact(() => words.insert(0, 'Veloria’s proposal'), 'remote');

    undo.undo();
    expect(text.fragment.toString()).toContain('Veloria’s proposal');
  });

  it('a paragraph you inserted, holding only your words, is undone whole', () => {
    const text = serverText();
    const before = text.fragment.toString();
    const undo = undoManagerFor(text.fragment);
    text.doc.transact(() => newParagraph(text, new Y.XmlText('Mine')), ySyncPluginKey);

    undo.undo();
    expect(text.fragment.toString()).toBe(before);
  });
});
