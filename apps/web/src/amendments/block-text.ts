/**
 * The text model of amendments, from @accord/text: a paragraph's or sub-paragraph's text in the
 * plain-text inline format (as the server reads a proposal) and word-level redlines (as the server
 * draws them), so that what the proposer sees is what the room will see.
 */
export { type Block, findBlock, wordDiff } from '@accord/text/amendments';
