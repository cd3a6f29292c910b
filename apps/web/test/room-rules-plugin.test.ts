/**
 * The rules of the room in the editor: a local change the server would refuse is not made, and the
 * person is told why (the server's own words); what the rules allow goes through, with the repairs
 * that follow it. An agreed paragraph is marked read-only for a delegate, not for the chair; the
 * status control is the chair's and the secretariat's.
 */
import type { RoomRuleViolation, RoomWriter } from '@accord/text';
import type { Command } from '@tiptap/pm/state';
import { DecorationSet } from '@tiptap/pm/view';
import { describe, expect, it } from 'vitest';
import { removeBracket, setParagraphStatus } from '../src/editor/negotiation-commands';
import { repairPlugin } from '../src/editor/repair-plugin';
import { AGREED_NOTE, BOX_TITLE_NOTE, mayChangeBoxes, mayChangeStatus, roomRulesPlugin } from '../src/editor/room-rules-plugin';
import { insertBoxAfter, splitAtCursor } from '../src/editor/structure-commands';
import { box, documentOf, editing, paragraph, positionOf, text } from './support/rolling-text';

const arandia: RoomWriter = { role: 'delegate', affiliation: 'Republic of Arandia' };
const chair: RoomWriter = { role: 'chair', affiliation: null };

const bracket = (id: string, sponsors: string[]) => [{ type: 'bracket', attrs: { id, sponsors } }];

function roomText() {
  return documentOf(
    box('b1', 'Characterisation', [
      paragraph('p1', 1, 'The characterisation is without prejudice.', { status: 'agreed' }),
      paragraph('p2', 2, [text('States '), text('shall', bracket('k1', [])), text('should', bracket('k2', ['Veloria'])), text(' act '), text('promptly', bracket('k3', ['Arandia'])), text('.')]),
      paragraph('p3', 3, 'Plain words.'),
    ]),
  );
}

function session(writer: RoomWriter, at: string) {
  const refusals: RoomRuleViolation[] = [];
  const doc = roomText();
  const s = editing(doc, positionOf(doc, at), [roomRulesPlugin(() => writer, (v) => refusals.push(v)), repairPlugin(() => true)]);
  /** Runs a command; whether the text changed (a refused transaction leaves it as it was). */
  const changes = (command: Command) => {
    const before = s.state.doc;
    s.run(command);
    return s.state.doc !== before;
  };
  const type = (words: string) => changes((state, dispatch) => (dispatch?.(state.tr.insertText(words)), true));
  return { s, refusals, type, changes };
}

describe('the editor stops what the rules of the room refuse', () => {
  it('a delegate typing in an agreed paragraph: nothing changes, and the reason is given', () => {
    const { s, refusals, type } = session(arandia, 'without');
    const before = s.state.doc;
    expect(type('x')).toBe(false);
    expect(s.state.doc).toBe(before);
    expect(refusals.map((r) => r.reason)).toEqual(['Box I(1) is agreed: only the chair or the secretariat may reopen it']);
  });

  it('a delegate types, and splits a paragraph, elsewhere: applied with the repairs', () => {
    const { s, refusals, type, changes } = session(arandia, 'Plain');
    expect(type('Very ')).toBe(true);
    expect(changes(splitAtCursor)).toBe(true);
    expect(refusals).toEqual([]);
    expect(s.state.doc.textContent).toContain('Very Plain words.');
  });

  it('a delegate may not set a status', () => {
    const { s, refusals, changes } = session(arandia, 'Plain');
    expect(changes(setParagraphStatus('agreed_ad_ref'))).toBe(false);
    expect(refusals[0]?.code).toBe('STATUS_STEWARDS_ONLY');
    expect(mayChangeStatus(s.state)).toBe(false);
  });

  it('a delegate removes their own bracket, not another delegation’s', () => {
    const own = session(arandia, 'promptly');
    expect(own.changes(removeBracket)).toBe(true);
    const other = session(arandia, 'should');
    expect(other.changes(removeBracket)).toBe(false);
    expect(other.refusals[0]).toEqual({
      code: 'BRACKET_NOT_YOURS',
      reason: 'Box I(2): the bracket [should] is sponsored by Veloria; only its sponsors alone, the chair or the secretariat may remove it',
    });
  });

  it('the chair marking a paragraph with open brackets agreed is told which remain; agreed once they are gone', () => {
    const { s, refusals, changes } = session(chair, 'States');
    expect(mayChangeStatus(s.state)).toBe(true);
    expect(changes(setParagraphStatus('agreed'))).toBe(false);
    expect(refusals[0]?.reason).toBe('Box I(2) still has 3 open brackets: [shall], [should], [promptly]');
    for (const words of ['shall', 'should', 'promptly']) {
      s.select(positionOf(s.state.doc, words) + 1);
      expect(changes(removeBracket)).toBe(true);
    }
    s.select(positionOf(s.state.doc, 'States'));
    expect(changes(setParagraphStatus('agreed'))).toBe(true);
  });

  it('the chair edits and reopens an agreed paragraph', () => {
    const { type, changes } = session(chair, 'without');
    expect(type('x')).toBe(true);
    expect(changes(setParagraphStatus('under_negotiation'))).toBe(true);
  });
});

/** The decorations the plugin draws for a writer. */
function lockedIn(writer: RoomWriter) {
  const { s } = session(writer, 'Plain');
  const plugin = s.state.plugins[0]!;
  const decorations = plugin.props.decorations!.call(plugin, s.state);
  return decorations instanceof DecorationSet ? decorations.find() : [];
}

describe('an agreed paragraph is read-only for a delegate, and says why', () => {
  it('marked for a delegate: the agreed paragraph only, with its note', () => {
    const found = lockedIn(arandia).filter((d) => d.from > 1);
    // One node decoration (class, title) and one note, both on Box I(1).
    expect(found).toHaveLength(2);
    expect(new Set(found.map((d) => d.from))).toEqual(new Set([1 + roomText().child(0).child(0).nodeSize, 2 + roomText().child(0).child(0).nodeSize]));
    expect(AGREED_NOTE).toBe('Agreed: only the chair or the secretariat may reopen it');
  });

  it('not for the chair', () => {
    expect(lockedIn(chair)).toEqual([]);
  });

  it('changes from Yjs (other people’s) always pass', () => {
    const { s } = session(arandia, 'Plain');
    const local = s.state.tr.insertText('x', positionOf(s.state.doc, 'without'));
    expect(s.state.apply(local).doc).toBe(s.state.doc);
    const tr = s.state.tr.insertText('x', positionOf(s.state.doc, 'without'));
    tr.setMeta('y-sync$', { isChangeOrigin: true });
    expect(s.state.apply(tr).doc).not.toBe(s.state.doc);
  });
});

/** The attributes the plugin gives Box I's title for a writer. */
const titleAttrs = (writer: RoomWriter) =>
  lockedIn(writer)
    .filter((d) => d.from === 1)
    .map((d) => (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs);

describe('the boxes are the chair’s: titles, and adding a box', () => {
  it('a delegate’s box titles take no caret, and say why', () => {
    expect(titleAttrs(arandia)).toEqual([{ contenteditable: 'false', class: 'rt-title-locked', title: BOX_TITLE_NOTE }]);
    expect(titleAttrs(chair)).toEqual([]);
  });

  it('a delegate typing in a box title, or adding a box, is refused with the rule', () => {
    const { s, refusals, changes } = session(arandia, 'Plain');
    expect(mayChangeBoxes(s.state)).toBe(false);
    expect(changes((state, dispatch) => (dispatch?.(state.tr.insertText('New ', 2)), true))).toBe(false);
    expect(refusals[0]).toEqual({ code: 'BOXES_STEWARDS_ONLY', reason: 'Box I: only the chair or the secretariat may change a box title' });
    expect(changes(insertBoxAfter)).toBe(false);
    expect(refusals[1]).toEqual({ code: 'BOXES_STEWARDS_ONLY', reason: 'only the chair or the secretariat may add, remove or move a box' });
  });

  it('the chair renames a box and adds one', () => {
    const { s, refusals, changes } = session(chair, 'Plain');
    expect(mayChangeBoxes(s.state)).toBe(true);
    expect(changes((state, dispatch) => (dispatch?.(state.tr.insertText('New ', 2)), true))).toBe(true);
    expect(changes(insertBoxAfter)).toBe(true);
    expect(refusals).toEqual([]);
    expect(s.state.doc.childCount).toBe(2);
    expect(s.state.doc.child(0).firstChild!.textContent).toBe('New Characterisation');
  });
});
