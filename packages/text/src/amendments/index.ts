/**
 * `@accord/text/amendments`: the text model of amendments. Pure functions over the rolling text; the
 * Yjs part (applyDocumentChange) is in `@accord/text/yjs`.
 */
export { findBlock, listBlocks, type Block, type BlockKind } from './block.js';
export { parseBlockText } from './parse-block-text.js';
export { wordDiff, type DiffPart } from './word-diff.js';
export { mergeProposal, type MergeResult } from './merge.js';
export { amendmentChange, type AmendmentChange, type AmendmentKind, type AcceptMode } from './amendment-change.js';
export { sponsorNameOf } from './sponsor-name.js';
