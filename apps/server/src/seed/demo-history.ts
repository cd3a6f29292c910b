/**
 * The demo's history: the chair's Rev.1 of the text, and the changes made in the room since, so a
 * newcomer opening the history or comparing Rev.1 with now sees a real comparison at once. Rev.1's
 * text is the demo text with those changes taken back (ids kept, so each change is a real, minimal
 * Yjs update on top of Rev.1); the text now is exactly @accord/text/demo's.
 */
import { fromJSON, type RollingTextJSON, toJSON } from '@accord/text';
import { listBlocks } from '@accord/text/amendments';
import { applyDocumentChange, toYUpdate, touchedBlocks } from '@accord/text/yjs';
import type { Node } from 'prosemirror-model';
import * as Y from 'yjs';

export const demoRevision = {
  label: 'Rev.1',
  symbol: 'ACCORD/LAWS/2026/WP.1/Rev.1',
  statusDate: '2026-09-01',
  note: "Chair's revised text after the September session, reflecting proposals received in writing.",
};

/** When the chair named Rev.1: before every change below. */
export const demoRevisionAt = new Date('2026-09-01T09:00:00Z');

/** A change made since Rev.1, as the log stores it. */
export interface DemoLogChange {
  /** A demo member's e-mail. */
  by: string;
  at: Date;
  update: Uint8Array;
  touched: string[];
}

export interface DemoHistory {
  /** The first content of the log: the text of Rev.1. */
  revisionContent: Uint8Array;
  changes: DemoLogChange[];
  /** The document's state after every change: where comments are anchored. */
  finalState: Uint8Array;
}

/** The rolling text as JSON, edited in place: ids and marks stay as they are. */
interface NodeJson {
  type: string;
  attrs?: Record<string, any>;
  content?: NodeJson[];
  marks?: Array<{ type: string; attrs: Record<string, any> }>;
  text?: string;
}

interface Step {
  by: string;
  at: Date;
  /** Turns the text after this change back into the text before it. */
  undo: (doc: NodeJson, id: (citation: string) => string) => void;
}

const day = (iso: string) => new Date(`${iso}T10:00:00Z`);

/** Oldest first: each a change a newcomer should find in the comparison of Rev.1 with now. */
const steps: Step[] = [
  {
    // A bis paragraph inserted, in brackets, by the delegation that wants it.
    by: 'veloria@accord.example',
    at: day('2026-09-15'),
    undo: (doc, id) => {
      const gone = id('Box III(2bis)');
      for (const box of doc.content!) box.content = box.content!.filter((n) => n.attrs?.id !== gone);
    },
  },
  {
    // A sponsor added to a bracket.
    by: 'veloria@accord.example',
    at: day('2026-10-02'),
    undo: (doc, id) => {
      for (const node of inline(doc, id('Box II(3)(c)'))) {
        for (const mark of node.marks ?? []) if (mark.type === 'bracket') mark.attrs.sponsors = (mark.attrs.sponsors as string[]).filter((s) => s !== 'Veloria');
      }
    },
  },
  {
    // A status changed, by the chair.
    by: 'chair@accord.example',
    at: day('2026-10-20'),
    undo: (doc, id) => {
      find(doc, id('Box I(3)')).attrs!.status = 'under_negotiation';
    },
  },
  {
    // Words changed.
    by: 'arandia@accord.example',
    at: day('2026-11-04'),
    undo: (doc, id) => {
      const last = inline(doc, id('Box V(3)')).at(-1)!;
      const now = 'within a responsible chain of human command and control';
      if (!last.text?.includes(now)) throw new Error(`demo history: Box V(3) no longer ends "${now}"`);
      last.text = last.text.replace(now, 'within a chain of command');
    },
  },
];

/** Rev.1 and the changes since, built from the demo text as it is now. */
export function demoHistory(text: Node): DemoHistory {
  const citations = new Map(listBlocks(text).map((b) => [b.citation, b.id]));
  const id = (citation: string): string => {
    const found = citations.get(citation);
    if (!found) throw new Error(`demo history: the demo text has no ${citation}`);
    return found;
  };
  // states[i] is the text before step i; the last is the text now.
  const states: NodeJson[] = [toJSON(text) as NodeJson];
  for (const step of steps.toReversed()) {
    const before = structuredClone(states[0]!);
    step.undo(before, id);
    states.unshift(before);
  }
  const revisionContent = toYUpdate(fromJSON(states[0] as RollingTextJSON));
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, revisionContent);
    let touched: string[] = [];
    ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
      touched = touchedBlocks(transaction);
    });
    const changes = steps.map((step, i) => {
      const before = Y.encodeStateVector(ydoc);
      applyDocumentChange(ydoc, fromJSON(states[i + 1] as RollingTextJSON));
      return { by: step.by, at: step.at, update: Y.encodeStateAsUpdate(ydoc, before), touched };
    });
    return { revisionContent, changes, finalState: Y.encodeStateAsUpdate(ydoc) };
  } finally {
    ydoc.destroy();
  }
}

function find(doc: NodeJson, blockId: string): NodeJson {
  let found: NodeJson | undefined;
  const walk = (node: NodeJson): void => {
    if (found) return;
    if (node.attrs?.id === blockId) found = node;
    else node.content?.forEach(walk);
  };
  walk(doc);
  if (!found) throw new Error(`demo history: no node ${blockId}`);
  return found;
}

/** A paragraph's or sub-paragraph's inline nodes (a paragraph's are in its text line). */
function inline(doc: NodeJson, blockId: string): NodeJson[] {
  const node = find(doc, blockId);
  return node.type === 'paragraph' ? (node.content![0]!.content ?? []) : (node.content ?? []);
}
