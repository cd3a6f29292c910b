/**
 * Every reader of the model survives whatever a stored text holds (issue 9, fault 3). Texts stored
 * before the server checked content against the schema can carry attribute values of any type: an
 * object whose toString is not callable as a status or an id, a string as sponsors, a number as a
 * footnote's text. Rule TOLERANT: plain text, labels, brackets, validation, JSON, identity repairs
 * and the schema's own DOM output read such a text without throwing.
 */
import { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import {
  bracketCount,
  bracketRepairs,
  computeLabels,
  identityRepairs,
  idsIn,
  labelRepairs,
  loneAlternatives,
  openBrackets,
  schema,
  toJSON,
  toPlainText,
  validateDocument,
} from '../src/index.js';

const hostile = { toString: 1, valueOf: 1 };
const values: unknown[] = [hostile, 42, -1, 1e12, 1.5, null, 'text', ['a', 1, hostile], { a: 1 }, true, Number.NaN];

const bracket = (id: unknown, sponsors: unknown) => ({ type: 'bracket', attrs: { id, sponsors } });

function hostileDoc(value: unknown): Node {
  const json = {
    type: 'doc',
    content: [
      {
        type: 'box',
        attrs: { id: value },
        content: [
          { type: 'boxTitle', content: [{ type: 'text', text: 'Title' }] },
          {
            type: 'paragraph',
            attrs: { id: value, num: value, sfx: value, status: value, alt: value },
            content: [
              {
                type: 'paragraphText',
                content: [
                  { type: 'text', text: 'Words ', marks: [bracket(value, value)] },
                  { type: 'footnote', attrs: { id: value, text: value } },
                  { type: 'text', text: 'more', marks: [bracket(value, [value, 'Arandia'])] },
                ],
              },
              { type: 'subparagraph', attrs: { id: value, num: value, sfx: value }, content: [{ type: 'text', text: 'sub' }] },
            ],
          },
          {
            type: 'paragraph',
            attrs: { id: 'p2', num: value, sfx: 0, status: 'agreed', alt: value },
            content: [{ type: 'paragraphText', content: [{ type: 'footnote', attrs: { id: 'f2', text: value } }] }],
          },
        ],
      },
    ],
  };
  return Node.fromJSON(schema, json);
}

describe('TOLERANT: readers of a stored text survive any attribute value', () => {
  it.each(values.map((value) => [JSON.stringify(value) ?? String(value), value]))('%s', (_name, value) => {
    const doc = hostileDoc(value);
    expect(typeof toPlainText(doc)).toBe('string');
    expect(computeLabels(doc).list.length).toBeGreaterThan(0);
    openBrackets(doc);
    bracketCount(doc);
    bracketRepairs(doc);
    identityRepairs(doc);
    labelRepairs(doc);
    loneAlternatives(doc);
    idsIn(doc);
    toJSON(doc);
    expect(typeof validateDocument(toJSON(doc)).ok).toBe('boolean');
    doc.descendants((node) => {
      const spec = node.type.spec.toDOM;
      if (spec) expect(() => spec(node)).not.toThrow();
      for (const mark of node.marks) expect(() => mark.type.spec.toDOM!(mark, true)).not.toThrow();
      return true;
    });
  });
});
