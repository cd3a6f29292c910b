/**
 * A hostile delegate against the rules of the room (issue 11), over raw sockets against a real
 * server and database: Yjs updates written by hand to get around rollingTextPolicy, or to make the
 * server pay for it.
 *   DOS-RANGES   one update repeating a delete range hundreds of thousands of times, aimed at the
 *                last character of a long paragraph: the policy's look at the update walked the
 *                paragraph once per repetition (seconds of the event loop per 600 KB update, for
 *                every member of every document). Fixed: ranges merged, each paragraph read once.
 *   DOS-FLOOD    refused status writes as fast as a connection may send them, on a 500-paragraph
 *                text: each cost the full comparison (~7.6 ms: a copy of the document and two
 *                conversions), 130 a second at most against the 300 one connection may send; 600 of
 *                them held another member's keystroke 4.5 s. Fixed: each member's policy time is
 *                budgeted (200 ms/s, bursts of 500 ms), past it RATE_LIMITED: 65 compared, 0.65 s.
 *   BRACKET-MOVE a delegate takes another delegation's bracket out of its paragraph by giving a
 *                one-letter new bracket elsewhere the same id in the same update ("moved").
 *   SPONSOR-SPLIT another delegation's sponsorship replaced by one's own behind a one-letter run
 *                written with the bracket's id and the old sponsors (the comparison read one run).
 *   SPLIT-STATUS a new "agreed ad ref" paragraph anywhere, let through because the same update typed
 *                a letter into some ad ref paragraph (the split rule took any touched paragraph's status).
 *   ALT-JOIN     an existing paragraph made an alternative of an agreed one by writing its alt.
 *   BOX-ID       a box's id written: the look at the update let through what the comparison refuses.
 *   SHORT-NAME   two delegations with one short form ("Congo", "Korea") own each other's brackets (it.fails).
 *   LABEL        an agreed paragraph's stored number rewritten, changing its citation (refused).
 *   HOLDS        what was tried and is refused: delete and recreate a paragraph with the same id
 *                and another status; an agreed paragraph deleted and recreated identical but for a
 *                status; a status written through a neighbour (origin) rather than the paragraph;
 *                a bracket removed with a format null spread over several updates; a paragraph
 *                holding another's bracket deleted; all as step 2 too.
 */
import { encodeStep2, encodeUpdate } from '@accord/sync/protocol';
import { computeLabels, emptyRollingText, fromPlainText, roomRuleViolation, toPlainText } from '@accord/text';
import { fromYDoc, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoDocument } from '../src/seed/demo-data.js';
import { CollabFixture, type DemoName } from './support/collab.js';
import { findWords as find, paragraphOf, RuleProbe as Raw, runsOf } from './support/room-text-y.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const TIMEOUT_MS = 60_000;

/** Where the words of one bracket are (the first run holding it). */
function bracketRange(doc: Y.Doc, citation: string, id: string): { run: Y.XmlText; index: number; length: number } {
  for (const run of runsOf(paragraphOf(doc, citation))) {
    let index = 0;
    for (const op of run.toDelta() as Array<{ insert: unknown; attributes?: { bracket?: { id: string } } }>) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (op.attributes?.bracket?.id === id) return { run, index, length };
      index += length;
    }
  }
  throw new Error(`no bracket ${id} in ${citation}`);
}

/** The brackets of the text by id, with their words and sponsors. */
function bracketsIn(doc: Y.Doc): Map<string, { words: string; sponsors: string[]; paragraph: string }> {
  const found = new Map<string, { words: string; sponsors: string[]; paragraph: string }>();
  const labels = computeLabels(fromYDoc(doc));
  for (const box of doc.getXmlFragment(ROLLING_TEXT_FIELD).toArray()) {
    if (!(box instanceof Y.XmlElement)) continue;
    for (const paragraph of box.toArray()) {
      if (!(paragraph instanceof Y.XmlElement) || paragraph.nodeName !== 'paragraph') continue;
      const citation = labels.byId.get(String(paragraph.getAttribute('id')))?.citation ?? '?';
      for (const run of runsOf(paragraph)) {
        for (const op of run.toDelta() as Array<{ insert: unknown; attributes?: { bracket?: { id: string; sponsors: string[] } } }>) {
          const bracket = op.attributes?.bracket;
          if (typeof op.insert !== 'string' || !bracket) continue;
          const known = found.get(bracket.id);
          if (known) known.words += op.insert;
          else found.set(bracket.id, { words: op.insert, sponsors: bracket.sponsors, paragraph: citation });
        }
      }
    }
  }
  return found;
}

/** A paragraph replaced by a copy of itself (the same id) with another status. */
function recreate(citation: string, status: string) {
  return (doc: Y.Doc) => {
    const paragraph = paragraphOf(doc, citation);
    const box = paragraph.parent as Y.XmlElement;
    const index = box.toArray().indexOf(paragraph);
    const copy = paragraph.clone();
    copy.setAttribute('status', status);
    box.delete(index, 1);
    box.insert(index, [copy]);
  };
}

describe('a hostile delegate against the rules of the room', () => {
  let t: TestServer;
  let f: CollabFixture;
  let documentId: string;
  let seq = 0;
  const raws = new Map<DemoName, Raw>();

  const serverDocOf = (id: string): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, f.gateway.engine.stateOf(id)!);
    return doc;
  };
  const serverDoc = () => serverDocOf(documentId);
  const updateOf = (change: (doc: Y.Doc) => void, id = documentId, clientID = Math.floor(Math.random() * 2 ** 31)): Uint8Array => {
    const doc = serverDocOf(id);
    doc.clientID = clientID;
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(doc));
    return Y.encodeStateAsUpdate(doc, before);
  };
  const sendUpdate = (who: DemoName, update: Uint8Array, asStep2 = false, id = documentId) =>
    raws.get(who)!.send(id, ++seq, asStep2 ? encodeStep2(update) : encodeUpdate(update));
  const send = (who: DemoName, change: (doc: Y.Doc) => void, asStep2 = false) => sendUpdate(who, updateOf(change), asStep2);

  /** A change that must be refused, as an update and as a step 2, leaving the server's state as it was. */
  async function refused(who: DemoName, change: (doc: Y.Doc) => void, code: string): Promise<void> {
    const before = Buffer.from(f.gateway.engine.stateOf(documentId)!).toString('base64');
    expect(await send(who, change)).toMatchObject({ code });
    expect(await send(who, change, true)).toMatchObject({ code });
    expect(Buffer.from(f.gateway.engine.stateOf(documentId)!).toString('base64')).toBe(before);
  }

  beforeAll(async () => {
    t = await startTestServer({ env: { LOG_LEVEL: 'silent' } });
    f = new CollabFixture(t);
    const chair = t.client(await f.token('chair'));
    f.dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    const list = (await chair.get(`/api/dialogues/${f.dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
    documentId = list.find((d) => d.symbol === demoDocument.symbol)!.id;
    for (const name of ['arandia', 'veloria', 'chair'] as const) {
      const raw = await Raw.connect(t.url, await f.token(name), { timeoutMs: TIMEOUT_MS });
      await raw.openOrThrow(documentId);
      raws.set(name, raw);
    }
  });

  afterAll(async () => {
    for (const raw of raws.values()) raw.close();
    f?.close();
    await t?.close();
  });

  it('DOS-RANGES: one update repeating a delete range 300,000 times is answered in well under a second', async () => {
    // Arandia types 5,000 characters backwards into Box V(3): 5,000 items that do not merge, a long paragraph.
    const client = 700_001;
    const typed = updateOf((doc) => {
      const run = find(doc, 'Box V(3)', 'responsible').run;
      for (let i = 0; i < 5000; i++) run.insert(0, 'x');
    }, documentId, client);
    expect(await sendUpdate('arandia', typed)).toEqual({ saved: true });
    // The first character typed (clock 0) is now the last of them in the run: the farthest from its start.
    const target = Y.getItem(serverDoc().store, Y.createID(client, 0)) as Y.Item;
    expect(target.right?.id.client).not.toBe(client);
    expect(target.left?.id.client).toBe(client);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // one client in the delete set
    encoding.writeVarUint(e, client);
    const repeats = 300_000;
    encoding.writeVarUint(e, repeats);
    for (let i = 0; i < repeats; i++) {
      encoding.writeVarUint(e, target.id.clock);
      encoding.writeVarUint(e, 1);
    }
    const hostile = encoding.toUint8Array(e);
    expect(hostile.length).toBeLessThan(1024 * 1024);

    const startedAt = performance.now();
    const answer = await sendUpdate('arandia', hostile);
    const elapsed = performance.now() - startedAt;
    // Deleting one of one's own characters is allowed; what matters is what it cost. Before the fix: ~3.3 s.
    expect(answer).toEqual({ saved: true });
    expect(elapsed).toBeLessThan(1000);
  });

  it('HOLDS: a paragraph deleted and recreated with its id and another status; an agreed one recreated to reopen it', async () => {
    await refused('arandia', recreate('Box III(1)', 'agreed_ad_ref'), 'STATUS_STEWARDS_ONLY');
    await refused('arandia', recreate('Box I(1)', 'under_negotiation'), 'STATUS_STEWARDS_ONLY');
    // The identical copy of an agreed paragraph in its place, then one word changed in the copy.
    await refused(
      'arandia',
      (doc) => {
        recreate('Box I(1)', 'agreed')(doc);
        find(doc, 'Box I(1)', 'without prejudice').run.insert(0, 'x');
      },
      'PARAGRAPH_AGREED',
    );
    expect(paragraphOf(serverDoc(), 'Box I(1)').getAttribute('status')).toBe('agreed');
  });

  it('HOLDS: a status written next to the paragraph’s previous status item (by origin, no parent in the update)', async () => {
    // Y.Map-style overwrite: Yjs encodes the new value with the old one as its origin, so the update names no parent.
    await refused('arandia', (doc) => paragraphOf(doc, 'Box III(1)').setAttribute('status', 'agreed'), 'STATUS_STEWARDS_ONLY');
    const update = updateOf((doc) => paragraphOf(doc, 'Box III(1)').setAttribute('status', 'agreed_ad_ref'));
    const decoded = Y.decodeUpdate(update);
    expect(decoded.structs.some((s) => s instanceof Y.Item && s.origin !== null && s.parent === null)).toBe(true);
    expect(await sendUpdate('arandia', update)).toMatchObject({ code: 'STATUS_STEWARDS_ONLY' });
  });

  it('HOLDS: another delegation’s bracket unbracketed over several updates, or deleted with its paragraph', async () => {
    // Box I(2): "[with lethal force]{Veloria}", by Arandia: one character at a time, then all but the last.
    const at = find(serverDoc(), 'Box I(2)', 'with lethal force');
    // Unbracketing part of it is refused; deleting its words is editing them, allowed until the last one.
    await refused(
      'arandia',
      (doc) => {
        const here = find(doc, 'Box I(2)', 'with lethal force');
        here.run.format(here.index, here.runLength - 1, { bracket: null });
      },
      'BRACKET_NOT_YOURS',
    );
    for (let i = 0; i < 3; i++) {
      expect(
        await send('arandia', (doc) => {
          const here = bracketRange(doc, 'Box I(2)', at.bracket!.id);
          here.run.delete(here.index, Math.max(1, Math.floor(here.length / 2)));
        }),
      ).toEqual({ saved: true });
    }
    expect(
      await send('arandia', (doc) => {
        const here = bracketRange(doc, 'Box I(2)', at.bracket!.id);
        here.run.delete(here.index, here.length - 1);
      }),
    ).toEqual({ saved: true });
    await refused(
      'arandia',
      (doc) => {
        const here = bracketRange(doc, 'Box I(2)', at.bracket!.id);
        here.run.delete(here.index, here.length);
      },
      'BRACKET_NOT_YOURS',
    );
    await refused(
      'arandia',
      (doc) => {
        const left = bracketRange(doc, 'Box I(2)', at.bracket!.id);
        left.run.format(left.index, left.length, { bracket: null });
      },
      'BRACKET_NOT_YOURS',
    );
    expect(bracketRange(serverDoc(), 'Box I(2)', at.bracket!.id).length).toBe(1);
    await refused(
      'arandia',
      (doc) => {
        const paragraph = paragraphOf(doc, 'Box I(2)');
        const box = paragraph.parent as Y.XmlElement;
        box.delete(box.toArray().indexOf(paragraph), 1);
      },
      'BRACKET_NOT_YOURS',
    );
    expect(at.bracket?.sponsors).toEqual(['Veloria']);
  });

  it('BRACKET-MOVE: another delegation’s bracket cannot leave its paragraph as a one-letter decoy with its id', async () => {
    // Box II(4, Alt 2): "[Meaningful human control]{Arandia, Solmar}". Veloria deletes its words and, in the
    // same update, brackets one letter of Box III(2) with the same id and sponsors: the comparison follows
    // the id and finds the bracket "moved", while Box II(4, Alt 2) has lost it and its words.
    const before = bracketsIn(serverDoc());
    const target = find(serverDoc(), 'Box II(4, Alt 2)', 'Meaningful human control');
    const bracket = target.bracket!;
    expect(before.get(bracket.id)?.paragraph).toBe('Box II(4, Alt 2)');
    // Without the decoy, refused.
    await refused(
      'veloria',
      (doc) => {
        const here = bracketRange(doc, 'Box II(4, Alt 2)', bracket.id);
        here.run.delete(here.index, here.length);
      },
      'BRACKET_NOT_YOURS',
    );
    const answer = await send('veloria', (doc) => {
      const here = bracketRange(doc, 'Box II(4, Alt 2)', bracket.id);
      here.run.delete(here.index, here.length);
      const decoy = find(doc, 'Box III(2)', 'In particular');
      decoy.run.format(decoy.index, 1, { bracket: { id: bracket.id, sponsors: bracket.sponsors } });
    });
    expect(answer).toMatchObject({ code: 'BRACKET_NOT_YOURS' });
    expect(bracketsIn(serverDoc()).get(bracket.id)).toEqual(before.get(bracket.id));
  });

  it('SPONSOR-SPLIT: another delegation’s sponsorship cannot be replaced by one’s own behind a one-letter run of the bracket', async () => {
    // Box IV(4): "[, while respecting national security and commercial confidentiality]{Veloria}". Arandia
    // writes one letter before it in the same bracket (same id, Veloria), and reformats Veloria's words as its own.
    const at = find(serverDoc(), 'Box IV(4)', 'while respecting');
    const bracket = at.bracket!;
    expect(bracket.sponsors).toEqual(['Veloria']);
    await refused(
      'arandia',
      (doc) => {
        const here = bracketRange(doc, 'Box IV(4)', bracket.id);
        here.run.format(here.index, here.length, { bracket: { id: bracket.id, sponsors: ['Arandia'] } });
        here.run.insert(here.index, 'z', { bracket: { id: bracket.id, sponsors: ['Veloria'] } });
      },
      'BRACKET_NOT_YOURS',
    );
  });

  it('BOX-ID: a delegate rewriting the id of a box that holds agreed paragraphs is judged as the comparison judges it', async () => {
    // The comparison places paragraphs in boxes by the box's id: a new id "moves" Box I(1) (agreed) out of its box.
    await refused('arandia', (doc) => (doc.getXmlFragment(ROLLING_TEXT_FIELD).get(0) as Y.XmlElement).setAttribute('id', 'hijackedbox1'), 'PARAGRAPH_AGREED');
    expect((serverDoc().getXmlFragment(ROLLING_TEXT_FIELD).get(0) as Y.XmlElement).getAttribute('id')).not.toBe('hijackedbox1');
  });

  it('SPLIT-STATUS: a new ad ref paragraph far from the ad ref paragraph touched in the same update is refused', async () => {
    // Box I(3) is agreed ad ref: a keystroke in it lets a split half keep its status. A paragraph "agreed ad
    // ref" written into Box III in the same update is no half of it.
    const adRef = paragraphOf(serverDoc(), 'Box I(3)');
    expect(adRef.getAttribute('status')).toBe('agreed_ad_ref');
    await refused(
      'arandia',
      (doc) => {
        find(doc, 'Box I(3)', 'hamper').run.insert(0, 'x');
        const box = doc.getXmlFragment(ROLLING_TEXT_FIELD).get(2) as Y.XmlElement;
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.setAttribute('id', 'arandiaadref1');
        paragraph.setAttribute('status', 'agreed_ad_ref');
        const text = new Y.XmlElement('paragraphText');
        const words = new Y.XmlText();
        words.insert(0, 'States agree that Arandia was right.');
        text.insert(0, [words]);
        paragraph.insert(0, [text]);
        box.insert(box.length, [paragraph]);
      },
      'STATUS_STEWARDS_ONLY',
    );
    // A split of Box I(3) itself (its second half right after it) keeps its status, as Enter does.
    expect(
      await send('arandia', (doc) => {
        const paragraph = paragraphOf(doc, 'Box I(3)');
        const box = paragraph.parent as Y.XmlElement;
        const half = new Y.XmlElement('paragraph');
        half.setAttribute('id', 'arandiasplit1');
        half.setAttribute('status', 'agreed_ad_ref');
        const text = new Y.XmlElement('paragraphText');
        const words = new Y.XmlText();
        words.insert(0, 'second half');
        text.insert(0, [words]);
        half.insert(0, [text]);
        find(doc, 'Box I(3)', 'hamper').run.insert(0, 'y');
        box.insert(box.toArray().indexOf(paragraph) + 1, [half]);
      }),
    ).toEqual({ saved: true });
  });

  it.fails('SHORT-NAME: the Democratic Republic of the Congo does not own a bracket the Republic of the Congo sponsors as "Congo"', () => {
    // Both short forms are "Congo" (the words after the last " of "); so are both Koreas'. A bracketed
    // acceptance writes supporters by that short form, so "{Congo}" is what the text holds.
    const before = fromPlainText(`${toPlainText(emptyRollingText()).replace('\n1.\n', '\n1. States shall act [with force]{Congo} only.\n')}`);
    const after = fromPlainText(`${toPlainText(emptyRollingText()).replace('\n1.\n', '\n1. States shall act with force only.\n')}`);
    const drc = { role: 'delegate', affiliation: 'Democratic Republic of the Congo' };
    expect(roomRuleViolation(before, after, drc)).toMatchObject({ code: 'BRACKET_NOT_YOURS' });
  });

  it('ALT-JOIN: a delegate cannot make a paragraph an alternative to agreed text by writing its alt', async () => {
    // The chair agrees Box II(4, Alt 1) (no brackets in it); Alt 2 stays under negotiation.
    expect(await send('chair', (doc) => paragraphOf(doc, 'Box II(4, Alt 1)').setAttribute('status', 'agreed'))).toEqual({ saved: true });
    const group = paragraphOf(serverDoc(), 'Box II(4, Alt 1)').getAttribute('alt');
    expect(group).toBeTruthy();
    // Box II(5), the next paragraph, joins the group: Alt 3 to agreed text, which reopens it.
    await refused('veloria', (doc) => paragraphOf(doc, 'Box II(5)').setAttribute('alt', group!), 'PARAGRAPH_AGREED');
    expect(computeLabels(fromYDoc(serverDoc())).list.some((l) => l.citation === 'Box II(4, Alt 3)')).toBe(false);
  });

  it('LABEL: a delegate renumbering an agreed paragraph (its stored num) does not change its citation', async () => {
    const before = computeLabels(fromYDoc(serverDoc())).list.map((l) => l.citation);
    const answer = await send('arandia', (doc) => paragraphOf(doc, 'Box I(1)').setAttribute('num', 7 as unknown as string));
    const after = computeLabels(fromYDoc(serverDoc())).list.map((l) => l.citation);
    expect({ answer, changed: after.filter((c) => !before.includes(c)) }).toMatchObject({ changed: [] });
  });

  it('DOS-FLOOD: a delegate’s refused status writes on a 500-paragraph text do not hold up another member’s keystroke', async () => {
    const big = await f.createDocument();
    await raws.get('chair')!.openOrThrow(big);
    await raws.get('arandia')!.openOrThrow(big);
    const handle = (await f.connect('secretariat')).open(big);
    await handle.synced;
    // The chair writes 500 paragraphs into Box I, each with a bracket.
    const grow = updateOf((doc) => {
      const box = doc.getXmlFragment(ROLLING_TEXT_FIELD).get(0) as Y.XmlElement;
      const paragraphs: Y.XmlElement[] = [];
      for (let i = 0; i < 500; i++) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.setAttribute('id', `p${i}x${Math.random().toString(36).slice(2, 8)}`);
        paragraph.setAttribute('status', 'under_negotiation');
        const text = new Y.XmlElement('paragraphText');
        const words = new Y.XmlText();
        const opening = `States ${i} shall ensure that weapons systems remain under human control and judgement `;
        words.insert(0, opening);
        words.insert(opening.length, 'at all times', { bracket: { id: `b${i}`, sponsors: ['Veloria'] } });
        text.insert(0, [words]);
        paragraph.insert(0, [text]);
        paragraphs.push(paragraph);
      }
      box.insert(box.length, paragraphs);
    }, big);
    expect(await sendUpdate('chair', grow, false, big)).toEqual({ saved: true });
    await handle.whenSaved();

    const statusWrite = updateOf((doc) => {
      const box = doc.getXmlFragment(ROLLING_TEXT_FIELD).get(0) as Y.XmlElement;
      (box.get(box.length - 1) as Y.XmlElement).setAttribute('status', 'agreed');
    }, big);
    const arandia = raws.get('arandia')!;
    const flood = 600;
    expect(await sendUpdate('arandia', statusWrite, false, big)).toMatchObject({ code: 'STATUS_STEWARDS_ONLY' });
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    const firstSeq = seq + 1;
    for (let i = 0; i < flood; i++) arandia.y(big, ++seq, encodeUpdate(statusWrite));
    // Another member types one character meanwhile.
    const keystrokeAt = performance.now();
    const words = (((handle.doc.getXmlFragment(ROLLING_TEXT_FIELD).get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlElement);
    if (words.length === 0) words.insert(0, [new Y.XmlText()]);
    (words.get(0) as Y.XmlText).insert(0, 'k');
    await handle.whenSaved();
    const keystrokeMs = performance.now() - keystrokeAt;
    await arandia.reply(big, seq);
    const floodMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuBefore);
    const answers = arandia.received.filter((e) => e.name === 'refused' && e.args[0] === big && e.args[1] >= firstSeq).map((e) => e.args[2].code as string);
    const compared = answers.filter((code) => code === 'STATUS_STEWARDS_ONLY').length;
    const measured =
      `DOS-FLOOD: ${answers.length} refused in ${floodMs.toFixed(0)} ms, ${compared} after a full comparison, the rest RATE_LIMITED by the member's budget; ` +
      `server CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; another member's keystroke saved after ${keystrokeMs.toFixed(0)} ms`;
    expect(answers.length, measured).toBe(flood);
    expect(new Set(answers), measured).toEqual(new Set(['STATUS_STEWARDS_ONLY', 'RATE_LIMITED']));
    expect(keystrokeMs, measured).toBeLessThan(1000);
    // Once the budget is back, the same update is judged by the rule again.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await sendUpdate('arandia', statusWrite, false, big)).toMatchObject({ code: 'STATUS_STEWARDS_ONLY' });
  });
});
