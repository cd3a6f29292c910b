/** Random well-formed rolling texts for the round-trip properties. */
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { newId, PARAGRAPH_STATUSES, schema, type ParagraphStatus } from '../../src/index.js';

/** Letters plus every character the plain-text format gives a meaning to. */
const unit = fc.constantFrom(...'ab Zé,.;:()'.split(''), '[', ']', '{', '}', '^', '\\', ' ');
const text = (minLength = 0) => fc.string({ unit, minLength, maxLength: 8 });
const sponsor = fc.string({ unit, minLength: 1, maxLength: 8 }).map((s) => s.trim()).filter((s) => s !== '');

type Piece = { kind: 'text'; text: string; em: boolean; strong: boolean } | { kind: 'footnote'; text: string };
type Item = Piece | { kind: 'bracket'; sponsors: string[]; pieces: Piece[] };

const textPiece = fc.record({ kind: fc.constant('text' as const), text: text(1), em: fc.boolean(), strong: fc.boolean() });
const footnotePiece = fc.record({ kind: fc.constant('footnote' as const), text: text() });
const piece: fc.Arbitrary<Piece> = fc.oneof({ weight: 4, arbitrary: textPiece }, { weight: 1, arbitrary: footnotePiece });
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 3, arbitrary: piece },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bracket' as const),
      sponsors: fc.array(sponsor, { maxLength: 3 }),
      // A bracket always holds some text: the format cannot write an empty one.
      pieces: fc.tuple(textPiece, fc.array(piece, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]),
    }),
  },
);

export interface RandomTextOptions {
  /** Emphasis survives JSON and Yjs but not plain text. */
  emphasis: boolean;
}

function inlineNodes(items: Item[], options: RandomTextOptions): Node[] {
  const out: Node[] = [];
  const add = (p: Piece, bracket: ReturnType<typeof schema.marks.bracket.create> | null) => {
    if (p.kind === 'footnote') {
      out.push(schema.nodes.footnote!.create({ id: newId(), text: p.text }));
      return;
    }
    const marks = bracket ? [bracket] : [];
    if (options.emphasis && p.em) marks.push(schema.marks.em!.create());
    if (options.emphasis && p.strong) marks.push(schema.marks.strong!.create());
    out.push(schema.text(p.text, marks));
  };
  for (const i of items) {
    if (i.kind === 'bracket') {
      const mark = schema.marks.bracket!.create({ id: newId(), sponsors: i.sponsors });
      for (const p of i.pieces) add(p, mark);
    } else add(i, null);
  }
  return out;
}

const claim = fc.oneof(fc.constant({ num: null, sfx: 0 }), fc.record({ num: fc.nat({ max: 5 }), sfx: fc.nat({ max: 3 }) }));
const paragraphSpec = fc.record({
  claim,
  status: fc.constantFrom<ParagraphStatus>(...PARAGRAPH_STATUSES),
  items: fc.array(item, { maxLength: 4 }),
  subs: fc.array(fc.record({ claim, items: fc.array(item, { maxLength: 3 }) }), { maxLength: 3 }),
});
const slotSpec = fc.oneof({ weight: 4, arbitrary: fc.array(paragraphSpec, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(paragraphSpec, { minLength: 2, maxLength: 3 }) });
const title = fc.string({ unit, maxLength: 20 });

export function randomText(options: RandomTextOptions): fc.Arbitrary<Node> {
  return fc.array(fc.record({ title, slots: fc.array(slotSpec, { maxLength: 4 }) }), { minLength: 1, maxLength: 3 }).map((boxes) =>
    schema.nodes.doc!.create(
      null,
      boxes.map((b) =>
        schema.nodes.box!.create({ id: newId() }, [
          schema.nodes.boxTitle!.create(null, b.title ? schema.text(b.title) : null),
          ...b.slots.flatMap((slot) => {
            const alt = slot.length > 1 ? newId() : null;
            return slot.map((p) =>
              schema.nodes.paragraph!.create({ id: newId(), ...p.claim, status: p.status, alt }, [
                schema.nodes.paragraphText!.create(null, inlineNodes(p.items, options)),
                ...p.subs.map((s) => schema.nodes.subparagraph!.create({ id: newId(), ...s.claim }, inlineNodes(s.items, options))),
              ]),
            );
          }),
        ]),
      ),
    ),
  );
}
