import type { Mark, Node } from 'prosemirror-model';
import { M } from './schema.js';

/** The bracket mark on an inline node, if it has one. */
export function bracketOf(node: Node | null | undefined): Mark | undefined {
  return node?.marks.find((m) => m.type.name === M.bracket);
}

/**
 * Whether two bracket marks are one bracket. A bracket is its id: emphasis or a footnote inside it
 * splits the text it covers into several nodes, each carrying the mark. A mark without an id (from
 * an old or hand-made text) is one bracket with any mark equal to it.
 */
export function sameBracket(a: Mark, b: Mark): boolean {
  const id: unknown = a.attrs.id;
  return typeof id === 'string' && id !== '' ? id === b.attrs.id : a.eq(b);
}
