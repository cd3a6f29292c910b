import { demoRollingText } from '../../src/demo-rolling-text.js';

/**
 * Boxes I–III of the demo's rolling text: brackets side by side, sponsors, an Alt group, footnotes,
 * agreed and ad ref paragraphs.
 */
export const DEMO_TEXT = `${demoRollingText.slice(0, demoRollingText.indexOf('Box IV.')).trimEnd()}\n`;
