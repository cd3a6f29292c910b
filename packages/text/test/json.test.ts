import { describe, expect, it } from 'vitest';
import { fromJSON, fromPlainText, TextModelError, toJSON } from '../src/index.js';
import { GGE_TEXT } from './support/fixtures.js';

describe('toJSON / fromJSON', () => {
  it('round-trips a rolling text exactly', () => {
    const d = fromPlainText(GGE_TEXT);
    const json = toJSON(d);
    expect(json.type).toBe('doc');
    expect(fromJSON(JSON.parse(JSON.stringify(json))).eq(d)).toBe(true);
  });

  it.each([
    ['null', null, /expected an object with type "doc"/],
    ['a string', 'doc', /expected an object with type "doc"/],
    ['another root', { type: 'box' }, /expected an object with type "doc"/],
    ['an unknown node', { type: 'doc', content: [{ type: 'chapter' }] }, /Unknown node type: chapter/],
    ['a doc without boxes', { type: 'doc', content: [] }, /Invalid content for node doc/],
    ['a box without a title', { type: 'doc', content: [{ type: 'box', content: [] }] }, /Invalid content for node box/],
    ['an empty text node', { type: 'doc', content: [{ type: 'box', content: [{ type: 'boxTitle', content: [{ type: 'text', text: '' }] }] }] }, /Empty text nodes/],
  ])('refuses %s with a TextModelError saying why', (_name, json, message) => {
    let caught: unknown;
    try {
      fromJSON(json);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TextModelError);
    expect((caught as TextModelError).code).toBe('invalid_document');
    expect((caught as Error).message).toMatch(message);
  });
});
