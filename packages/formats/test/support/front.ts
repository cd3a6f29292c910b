import type { FrontMatter } from '../../src/index.js';

/** The front matter the tests print above a text. */
export const FRONT: FrontMatter = {
  symbol: 'CCW/GGE.1/2026/WP.1/Rev.1',
  title: 'Rolling text on lethal autonomous weapons systems',
  statusDate: '2026-09-01',
  revisionLabel: 'Rev.1',
  subtitle: null,
  notes: [],
};
