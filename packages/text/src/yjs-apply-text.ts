/**
 * One Y.XmlText brought to a run of ProseMirror text nodes by edits, not by rewriting it: characters
 * that stay keep their Yjs items, so what someone types concurrently next to them stays where it was
 * typed. The same mapping of marks to formatting attributes as y-tiptap's.
 */
import { diffWordsWithSpace } from 'diff';
import type { Mark, Node } from 'prosemirror-model';
import type * as Y from 'yjs';

export type Attributes = Record<string, unknown>;

interface Run {
  text: string;
  attrs: Attributes;
}

/**
 * y-tiptap keys a mark's attribute by its name, or by name and a hash for a mark type that may
 * overlap itself; every mark of this schema excludes itself, so the name is the key.
 */
export function marksToAttributes(marks: readonly Mark[]): Attributes {
  const attrs: Attributes = {};
  for (const mark of marks) attrs[mark.type.name] = mark.attrs;
  return attrs;
}

export function runsOf(nodes: readonly Node[]): Run[] {
  return nodes.map((n) => ({ text: n.text ?? '', attrs: marksToAttributes(n.marks) }));
}

/** A detached Y.XmlText holding the text nodes, for a new block. */
export function textDelta(nodes: readonly Node[]): Array<{ insert: string; attributes: Attributes }> {
  return runsOf(nodes).map((r) => ({ insert: r.text, attributes: r.attrs }));
}

export function updateYText(ytext: Y.XmlText, nodes: readonly Node[]): void {
  const target = runsOf(nodes);
  const current = currentRuns(ytext);
  const from = current.map((r) => r.text).join('');
  const to = target.map((r) => r.text).join('');
  if (from === to) {
    formatWhereDifferent(ytext, current, target);
    return;
  }
  editCharacters(ytext, from, to, target);
  formatWhereDifferent(ytext, currentRuns(ytext), target);
}

function currentRuns(ytext: Y.XmlText): Run[] {
  const delta = ytext.toDelta() as Array<{ insert: unknown; attributes?: Attributes }>;
  return delta.filter((d) => typeof d.insert === 'string').map((d) => ({ text: d.insert as string, attrs: d.attributes ?? {} }));
}

function editCharacters(ytext: Y.XmlText, from: string, to: string, target: readonly Run[]): void {
  let index = 0;
  let targetOffset = 0;
  for (const edit of textEdits(from, to)) {
    if (edit.op === 'equal') {
      index += edit.length;
      targetOffset += edit.length;
    } else if (edit.op === 'delete') {
      ytext.delete(index, edit.length);
    } else {
      for (const piece of slice(target, targetOffset, edit.length)) {
        // A copy: Yjs fills in the attributes to clear, on the object it is given.
        ytext.insert(index, piece.text, { ...piece.attrs });
        index += piece.text.length;
      }
      targetOffset += edit.length;
    }
  }
}

type TextEdit = { op: 'equal' | 'delete' | 'insert'; length: number };

/**
 * By words (a replaced word is deleted and written again, not reshuffled letter by letter), then
 * within a replaced stretch the letters both sides begin and end with are kept: "shall" →
 * "shallshould" (an option written after it) keeps "shall".
 */
export function textEdits(from: string, to: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const push = (op: TextEdit['op'], length: number): void => {
    if (length === 0) return;
    const last = edits.at(-1);
    if (last?.op === op) last.length += length;
    else edits.push({ op, length });
  };
  let deleted = '';
  let inserted = '';
  const flush = (): void => {
    const prefix = commonPrefix(deleted, inserted);
    const suffix = commonSuffix(deleted.slice(prefix), inserted.slice(prefix));
    push('equal', prefix);
    push('delete', deleted.length - prefix - suffix);
    push('insert', inserted.length - prefix - suffix);
    push('equal', suffix);
    deleted = '';
    inserted = '';
  };
  for (const change of diffWordsWithSpace(from, to)) {
    if (change.removed) deleted += change.value;
    else if (change.added) inserted += change.value;
    else {
      flush();
      push('equal', change.value.length);
    }
  }
  flush();
  return edits;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** The target runs cut to [offset, offset + length). */
function slice(runs: readonly Run[], offset: number, length: number): Run[] {
  const out: Run[] = [];
  let at = 0;
  for (const run of runs) {
    const from = Math.max(offset, at);
    const to = Math.min(offset + length, at + run.text.length);
    if (to > from) out.push({ text: run.text.slice(from - at, to - at), attrs: run.attrs });
    at += run.text.length;
  }
  return out;
}

/** Formats only the stretches whose marks differ from the target's; the text already matches. */
function formatWhereDifferent(ytext: Y.XmlText, current: readonly Run[], target: readonly Run[]): void {
  // Walk both run lists at once: each stretch between two run boundaries has one set of attributes on either side.
  let at = 0;
  let c = 0;
  let t = 0;
  let cEnd = current[0]?.text.length ?? 0;
  let tEnd = target[0]?.text.length ?? 0;
  while (c < current.length && t < target.length) {
    const to = Math.min(cEnd, tEnd);
    const have = current[c]!.attrs;
    const want = target[t]!.attrs;
    if (to > at && !sameAttributes(have, want)) {
      const change: Attributes = { ...want };
      for (const key of Object.keys(have)) if (!(key in want)) change[key] = null;
      ytext.format(at, to - at, change);
    }
    at = to;
    if (cEnd === to) cEnd += current[++c]?.text.length ?? 0;
    if (tEnd === to) tEnd += target[++t]?.text.length ?? 0;
  }
}

export function sameAttributes(a: Attributes, b: Attributes): boolean {
  const keys = Object.keys(a).filter((k) => a[k] !== null && a[k] !== undefined);
  const other = Object.keys(b).filter((k) => b[k] !== null && b[k] !== undefined);
  return keys.length === other.length && keys.every((k) => deepEqual(a[k], b[k]));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Attributes)[k], (b as Attributes)[k]));
}
