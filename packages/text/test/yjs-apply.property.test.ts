/**
 * applyDocumentChange, for any two documents and any accepted amendment:
 *   EXACT      fromYDoc gives the document written (same JSON), and writing it again writes nothing;
 *   MERGES     a keystroke typed concurrently in another word of the changed block survives, where it
 *              was typed, on both replicas, which converge.
 * Replay a failure with FC_SEED=<seed>.
 */
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { amendmentChange, findBlock, listBlocks, parseBlockText, type AcceptMode, type AmendmentKind } from '../src/amendments/index.js';
import { computeLabels, fromJSON, fromPlainText, N, PARAGRAPH_STATUSES, schema, TextModelError, toJSON, type RollingTextNodeJSON } from '../src/index.js';
import { writeInline } from '../src/plain-text-inline.js';
import { applyDocumentChange, fromYDoc } from '../src/yjs.js';
import { DEMO_TEXT } from './support/demo-text.js';
import { fcParams } from './support/fc-params.js';
import { randomText } from './support/random-text.js';
import { blockYText, exchange, plainOf, replicaOf, typesWritten, yDocOf } from './support/ydoc.js';

/** What a Y.Doc holding `before` reads back once `next` is written, and what writing it again writes. */
function writtenInto(before: Node, next: Node): { read: unknown; again: unknown[] } {
  const ydoc = yDocOf(before);
  applyDocumentChange(ydoc, next);
  return { read: toJSON(fromYDoc(ydoc)), again: typesWritten(ydoc, () => applyDocumentChange(ydoc, next)) };
}

// -- edits of a document as JSON -------------------------------------------------------------------

type Json = RollingTextNodeJSON;
const edit = fc.record({
  op: fc.constantFrom('content', 'words', 'delete', 'insert', 'move', 'status', 'footnote'),
  a: fc.nat(),
  b: fc.nat(),
  text: fc.string({ unit: fc.constantFrom(...'ab Zé,.'.split('')), maxLength: 6 }),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function paragraphsOf(doc: Json): Array<{ box: Json; index: number }> {
  return (doc.content ?? []).flatMap((box) => (box.content ?? []).map((node, index) => ({ box, node, index })).filter((p) => p.node.type === N.paragraph));
}

function blocksOf(doc: Json): Json[] {
  return paragraphsOf(doc).flatMap(({ box, index }) => box.content![index]!.content ?? []);
}

function pick<T>(list: T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

function applyEdit(doc: Json, other: Json, e: Edit): void {
  const block = pick(blocksOf(doc), e.a);
  const paragraph = pick(paragraphsOf(doc), e.a);
  if (e.op === 'content' && block) block.content = structuredClone(pick(blocksOf(other), e.b)?.content);
  if (e.op === 'words' && block) {
    const texts = (block.content ?? []).filter((n) => n.type === N.text);
    const node = pick(texts, e.b);
    if (node) {
      const at = e.b % (node.text!.length + 1);
      node.text = `${node.text!.slice(0, at)}${e.text}${node.text!.slice(at + (e.a % 3))}`;
      if (node.text === '') block.content = block.content!.filter((n) => n !== node);
    }
  }
  if (e.op === 'delete' && paragraph) paragraph.box.content!.splice(paragraph.index, 1);
  if (e.op === 'insert' && paragraph) {
    const inserted = pick(paragraphsOf(other), e.b);
    if (inserted) paragraph.box.content!.splice(paragraph.index + 1, 0, structuredClone(inserted.box.content![inserted.index]!));
  }
  if (e.op === 'move' && paragraph) {
    const [moved] = paragraph.box.content!.splice(paragraph.index, 1);
    const target = pick(paragraphsOf(doc), e.b);
    if (target) target.box.content!.splice(target.index + 1, 0, moved!);
    else paragraph.box.content!.push(moved!);
  }
  if (e.op === 'status' && paragraph) {
    const node = paragraph.box.content![paragraph.index]!;
    node.attrs = { ...node.attrs, status: PARAGRAPH_STATUSES[e.b % 3], alt: e.a % 2 ? null : node.attrs?.alt };
  }
  if (e.op === 'footnote' && block) {
    const footnote = (block.content ?? []).find((n) => n.type === N.footnote);
    if (footnote) footnote.attrs = { ...footnote.attrs, text: e.text };
    else (block.content ??= []).unshift({ type: N.footnote, attrs: { id: `fn${e.a}`, text: e.text } });
  }
}

describe('applyDocumentChange writes exactly the document given', () => {
  it('between two unrelated documents', () => {
    fc.assert(
      fc.property(randomText({ emphasis: true }), randomText({ emphasis: true }), (before, next) => {
        expect(writtenInto(before, next)).toEqual({ read: toJSON(next), again: [] });
      }),
      fcParams,
    );
  });

  it('for edits of words, marks, footnotes, statuses, and paragraphs inserted, deleted and moved', () => {
    fc.assert(
      fc.property(randomText({ emphasis: true }), randomText({ emphasis: true }), fc.array(edit, { minLength: 1, maxLength: 6 }), (before, other, edits) => {
        const json = toJSON(before) as Json;
        for (const e of edits) applyEdit(json, toJSON(other) as Json, e);
        const next = fromJSON(json);
        expect(writtenInto(before, next)).toEqual({ read: toJSON(next), again: [] });
      }),
      fcParams,
    );
  });

  it('for any amendment accepted on any text', () => {
    const kinds: AmendmentKind[] = ['replace', 'insert_after', 'delete'];
    const modes: AcceptMode[] = ['as_proposed', 'bracketed'];
    fc.assert(
      fc.property(
        randomText({ emphasis: true }),
        randomText({ emphasis: false }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...kinds),
        fc.constantFrom(...modes),
        fc.subarray(['Arandia', 'Veloria', 'Kestria']),
        (before, source, at, from, kind, mode, sponsors) => {
          const blocks = listBlocks(before);
          fc.pre(blocks.length > 0);
          const target = blocks[at % blocks.length]!;
          const wordings = listBlocks(source).map((b) => b.text);
          // Half the time a small change of the target's own wording, so bracketed options stay inline.
          const text = kind === 'delete' ? null : from % 2 === 0 || wordings.length === 0 ? `${target.text} ${mode}` : wordings[from % wordings.length]!;
          let next: Node;
          try {
            next = amendmentChange(before, { targetId: target.id, kind, text, mode, sponsors });
          } catch (error) {
            // The only refusal: a wording with no words in it.
            expect(error).toBeInstanceOf(TextModelError);
            expect((error as TextModelError).field).toBe('text');
            expect(text!.trim()).toBe('');
            return;
          }
          if (kind === 'replace' && mode === 'as_proposed') expect(findBlock(next, target.id)!.text).toBe(canonical(text!));
          if (kind === 'delete' && mode === 'as_proposed') expect(findBlock(next, target.id)).toBeNull();
          expect(writtenInto(before, next)).toEqual({ read: toJSON(next), again: [] });
        },
      ),
      fcParams,
    );
  });
});

function canonical(text: string): string {
  return writeInline(schema.nodes[N.subparagraph]!.create(null, parseBlockText(text)));
}

// -- concurrency -----------------------------------------------------------------------------------

const demo = fromPlainText(DEMO_TEXT);
/** Blocks of the demo text without footnotes, so one Y.XmlText holds the whole block. */
const plainBlocks = listBlocks(demo).filter((b) => !b.text.includes('^['));
const WORD = /[\p{L}\p{N}]+/gu;

describe('a keystroke typed concurrently in the same block survives', () => {
  it('in another word than the one the amendment changes', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.stringMatching(/^Z[a-z]{0,6}$/), fc.constantFrom(...'qxyz0'.split('')), (b, i, j, offset, replacement, key) => {
        const block = plainBlocks[b % plainBlocks.length]!;
        const label = computeLabels(demo).byId.get(block.id)!;
        const inline = block.kind === 'paragraph' ? demo.nodeAt(label.pos)!.firstChild! : demo.nodeAt(label.pos)!;
        const start = label.pos + (block.kind === 'paragraph' ? 2 : 1);
        const text = inline.textContent;
        const words = [...text.matchAll(WORD)];
        const changed = words[i % words.length]!;
        const others = words.filter((_, k) => Math.abs(k - (i % words.length)) >= 2);
        fc.pre(others.length > 0);
        const typedIn = others[j % others.length]!;
        const typedAt = typedIn.index + (offset % (typedIn[0].length + 1));

        const server = yDocOf(demo);
        const delegate = replicaOf(server);
        blockYText(delegate, block.id).insert(typedAt, key);
        const next = EditorState.create({ doc: demo }).tr.insertText(replacement, start + changed.index, start + changed.index + changed[0].length).doc;
        applyDocumentChange(server, next);
        exchange(server, delegate);

        const edits = [
          { at: changed.index, remove: changed[0].length, insert: replacement },
          { at: typedAt, remove: 0, insert: key },
        ].toSorted((x, y) => y.at - x.at);
        const expected = edits.reduce((s, e) => s.slice(0, e.at) + e.insert + s.slice(e.at + e.remove), text);
        expect(plainOf(blockYText(server, block.id))).toBe(expected);
        expect(toJSON(fromYDoc(server))).toEqual(toJSON(fromYDoc(delegate)));
        // Everything else is the amended document.
        const result = fromYDoc(server);
        for (const other of listBlocks(next)) if (other.id !== block.id) expect(findBlock(result, other.id)).toEqual(other);
      }),
      fcParams,
    );
  });
});
