import { describe, expect, it } from 'vitest';
import { CCW_BOX_TITLES, computeLabels, emptyRollingText, toPlainText, validateDocument, toJSON } from '../src/index.js';

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
