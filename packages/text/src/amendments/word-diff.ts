/**
 * Word-level redlines of a block's text (in the plain-text format), for the compilation and the
 * proposal view.
 */
import { diffWordsWithSpace } from 'diff';

/** Same shape as the contract's DiffPart: words kept, added or removed. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Words, spaces and marks added or removed past which a redline is not worked out word by word. */
const MAX_EDIT_LENGTH = 1_000;

/**
 * The difference from one wording to another by words, spaces and punctuation (jsdiff). Adjacent
 * parts of one kind are merged; within a change, what was removed comes before what was added.
 */
export function wordDiff(from: string, to: string): DiffPart[] {
  if (from === to) return from === '' ? [] : [{ op: 'equal', text: from }];
  // Bounded: two unrelated 20,000-character wordings cost jsdiff seconds, on every read of every
  // viewer. Past the bound the redline is the whole wording out and the whole proposal in.
  const changes = diffWordsWithSpace(from, to, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes === undefined) return orderWithinChanges([...(from ? [{ op: 'delete' as const, text: from }] : []), ...(to ? [{ op: 'insert' as const, text: to }] : [])]);
  const parts: DiffPart[] = [];
  for (const change of changes) {
    if (change.value === '') continue;
    const op = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    const last = parts.at(-1);
    if (last?.op === op) last.text += change.value;
    else parts.push({ op, text: change.value });
  }
  return orderWithinChanges(parts);
}

/** Between two equal parts, one deletion then one insertion: "[-a-][+b+][-c-]" reads as "[-ac-][+b+]" otherwise. */
function orderWithinChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = (): void => {
    if (deleted !== '') out.push({ op: 'delete', text: deleted });
    if (inserted !== '') out.push({ op: 'insert', text: inserted });
    deleted = '';
    inserted = '';
  };
  for (const part of parts) {
    if (part.op === 'delete') deleted += part.text;
    else if (part.op === 'insert') inserted += part.text;
    else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out;
}
