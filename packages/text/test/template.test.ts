import { describe, expect, it } from 'vitest';
import { blankRollingText, CCW_BOX_TITLES, computeLabels, emptyBox, emptyRollingText, textFromBoxTitles, toPlainText, validateDocument, toJSON } from '../src/index.js';

describe('emptyRollingText', () => {
  it('holds the five CCW boxes, each with one empty paragraph 1', () => {
    const d = emptyRollingText();
    expect(toPlainText(d)).toBe(CCW_BOX_TITLES.map((title, i) => `Box ${['I', 'II', 'III', 'IV', 'V'][i]}. ${title}\n\n1.\n`).join('\n'));
    expect(d.child(2).firstChild!.textContent).toBe('Prohibitions and requirements');
    expect(validateDocument(toJSON(d)).ok).toBe(true);
  });

  it('gives fresh ids to every new text', () => {
    const a = computeLabels(emptyRollingText()).list.map((l) => l.id);
    const b = computeLabels(emptyRollingText()).list.map((l) => l.id);
    expect(new Set([...a, ...b]).size).toBe(20);
  });
});

describe('textFromBoxTitles and blankRollingText', () => {
  it('one box per title, in order, each with an empty paragraph 1; an empty title leaves the box untitled', () => {
    const d = textFromBoxTitles(['Scope', '', 'Final provisions']);
    expect(toPlainText(d)).toBe('Box I. Scope\n\n1.\n\nBox II.\n\n1.\n\nBox III. Final provisions\n\n1.\n');
    expect(d.child(1).firstChild!.childCount).toBe(0);
    expect(validateDocument(toJSON(d)).ok).toBe(true);
  });

  it('a title is one line: line breaks and runs of spaces read as one space', () => {
    expect(textFromBoxTitles(['  Scope\n and\tpurpose  ']).child(0).firstChild!.textContent).toBe('Scope and purpose');
  });

  it('a blank text is one untitled box with paragraph 1', () => {
    const d = blankRollingText();
    expect(d.childCount).toBe(1);
    expect(d.child(0).firstChild!.textContent).toBe('');
    expect(computeLabels(d).list.map((l) => l.citation)).toEqual(['Box I', 'Box I(1)']);
    expect(validateDocument(toJSON(d)).ok).toBe(true);
  });

  it('emptyBox: a fresh id each time, for the editor’s New box', () => {
    expect(emptyBox().attrs.id).not.toBe(emptyBox().attrs.id);
    expect(emptyBox().child(1).attrs).toMatchObject({ num: 1, sfx: 0, status: 'under_negotiation' });
  });
});
