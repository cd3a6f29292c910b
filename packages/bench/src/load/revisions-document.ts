/**
 * W4's compare setting: a long rolling text (A1's, written by the chair), the chair names Rev.1, two
 * delegates make a few hundred edits across its paragraphs (a word typed into one, a word deleted
 * from another), one of them inserts a bis paragraph, the chair marks a paragraph agreed ad
 * referendum, and the chair names Rev.2; then a few edits more, so Rev.2 is not the text now.
 */
import { AccordClient, type DocumentHandle } from '@accord/client';
import { fromPlainText, toJSON } from '@accord/text';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';
import type { CommentsRoom } from './comments-room.js';
import { longRulesText, type LongParagraph } from './rules-texts.js';
import { writeDocumentAs } from './write-document.js';
import { element, paragraphElementOf, paragraphTextOf } from './write-rolling-text.js';

export interface RevisionsDocument {
  id: string;
  paragraphs: LongParagraph[];
  rev1: { id: string; seq: number };
  rev2: { id: string; seq: number };
}

/** Words the delegates type: lower case, as the text's own. */
const TYPED = ['effectively', 'appropriate', 'relevant', 'consistently', 'meaningful', 'national'];
/** Edits made after Rev.2, so that it lies in the past when compared. */
const AFTER_REV2 = 20;

export async function writeRevisionsDocument(room: CommentsRoom, paragraphCount: number, edits: number): Promise<RevisionsDocument> {
  const { text, paragraphs } = longRulesText(paragraphCount);
  const symbol = `BENCH/W4/${Date.now().toString(36)}`;
  const { id } = await room.apis.chair.documents.create(room.dialogueId, { title: 'Bench revisions', symbol });
  await writeDocumentAs(room.url, room.tokens.chair, id, text);
  const rev1 = (await room.apis.chair.history.nameRevision(room.dialogueId, id, { label: 'Rev.1' })).revision;

  const delegates = new DelegateEdits(room, id, paragraphs);
  try {
    await delegates.open();
    await delegates.edit(edits);
    await delegates.insertBisParagraph();
    await markAgreedAdRef(room, id, paragraphs);
    const rev2 = (await room.apis.chair.history.nameRevision(room.dialogueId, id, { label: 'Rev.2' })).revision;
    await delegates.edit(AFTER_REV2);
    return { id, paragraphs, rev1: { id: rev1.id, seq: rev1.seq }, rev2: { id: rev2.id, seq: rev2.seq } };
  } finally {
    delegates.close();
  }
}

/** Arandia's and Veloria's delegates, each with the document open, editing in turn. */
export class DelegateEdits {
  private readonly clients: AccordClient[] = [];
  private readonly handles: DocumentHandle[] = [];
  /** Open paragraphs only: agreed ones are locked for delegates. */
  private readonly editable: LongParagraph[];
  private made = 0;

  constructor(
    private readonly room: CommentsRoom,
    private readonly documentId: string,
    paragraphs: readonly LongParagraph[],
  ) {
    this.editable = paragraphs.filter((paragraph) => !paragraph.agreed);
  }

  async open(): Promise<void> {
    for (const token of [this.room.tokens.arandia, this.room.tokens.veloria]) {
      const client = await AccordClient.connect({ url: this.room.url, token, transports: ['websocket'] });
      this.clients.push(client);
      const handle = client.open(this.documentId);
      await handle.synced;
      this.handles.push(handle);
    }
  }

  /**
   * `count` edits, each one update, stored before the next: a word typed after a paragraph's first
   * word, or (one in ten) the word after it deleted; always in the plain words that begin each
   * paragraph, never inside a bracket. Paragraphs in a stride across the whole text.
   */
  async edit(count: number): Promise<void> {
    for (let k = 0; k < count; k++, this.made++) {
      const handle = this.handles[this.made % this.handles.length]!;
      const paragraph = this.editable[(this.made * 37) % this.editable.length]!;
      const line = paragraphTextOf(handle.doc, paragraph.id);
      const first = (line.toDelta() as Array<{ insert: unknown; attributes?: object }>)[0];
      if (typeof first?.insert !== 'string' || first.attributes) throw new Error(`paragraph ${paragraph.id} does not begin with plain words`);
      const space = first.insert.indexOf(' ');
      const next = first.insert.indexOf(' ', space + 1);
      if (this.made % 10 === 9 && next > space) line.delete(space, next - space);
      else line.insert(space, ` ${TYPED[this.made % TYPED.length]}`);
      await handle.whenSaved();
    }
  }

  /** A delegate proposes a new paragraph, Box II(1bis), after Box II(1). */
  async insertBisParagraph(): Promise<void> {
    const handle = this.handles[0]!;
    const json = toJSON(fromPlainText('Box I. title\n\n1. first.\n1bis. states shall share relevant national practice on legal reviews.\n'));
    const bis = json.content[0]!.content!.filter((node) => node.type === 'paragraph')[1]!;
    const box = handle.doc.getXmlFragment(ROLLING_TEXT_FIELD).get(1);
    if (!(box instanceof Y.XmlElement)) throw new Error('the text has no second box');
    const firstParagraph = box.toArray().findIndex((node) => node instanceof Y.XmlElement && node.nodeName === 'paragraph');
    box.insert(firstParagraph + 1, [element(bis)]);
    await handle.whenSaved();
  }

  close(): void {
    for (const handle of this.handles) handle.close();
    for (const client of this.clients) client.close();
  }
}

/** The chair marks an open paragraph without brackets (in it or its sub-paragraphs) agreed ad referendum. */
async function markAgreedAdRef(room: CommentsRoom, documentId: string, paragraphs: readonly LongParagraph[]): Promise<void> {
  const perBox = Math.ceil(paragraphs.length / 5);
  const chosen = paragraphs.find((paragraph, i) => !paragraph.agreed && !paragraph.bracketed && ((i % perBox) + 1) % 4 !== 0 && i > perBox * 2);
  if (!chosen) throw new Error('no paragraph to mark agreed ad referendum');
  const client = await AccordClient.connect({ url: room.url, token: room.tokens.chair, transports: ['websocket'] });
  try {
    const handle = client.open(documentId);
    await handle.synced;
    paragraphElementOf(handle.doc, chosen.id).setAttribute('status', 'agreed_ad_ref');
    await handle.whenSaved();
    handle.close();
  } finally {
    client.close();
  }
}
