/** The demo text and an edited later version of it, for the renderers' tests (helper B). */
import { fromJSON, fromPlainText, toJSON } from '@accord/text';
import { demoRollingText } from '@accord/text/demo';
import type { Node } from 'prosemirror-model';

export const DEMO_SPONSORS = ['Arandia', 'Veloria', 'Kestria', 'Solmar'];

export function demoDoc(): Node {
  return fromPlainText(demoRollingText);
}

/**
 * The demo text a session later: one paragraph reworded, one deleted, one inserted, a status agreed,
 * and Box II(5) moved to the end of Box III (same ids: the newer text is a copy of the older's JSON).
 */
export function demoPair(): { older: Node; newer: Node } {
  const older = demoDoc();
  const json = toJSON(older);
  const [box1, box2, box3] = json.content!;
  const p2 = box1!.content![2]!;
  p2.content![0]!.content = [{ type: 'text', text: 'For the purposes of this instrument, lethal autonomous weapons systems are weapon systems that select and engage targets without intervention by a human operator.' }];
  box1!.content!.splice(3, 1); // Box I(2bis) deleted
  const moved = box2!.content!.splice(box2!.content!.length - 1, 1)[0]!; // Box II(5) moved
  moved.attrs = { ...moved.attrs, num: null, sfx: 0 };
  box3!.content!.push(moved);
  box3!.content!.splice(2, 0, { type: 'paragraph', attrs: { id: 'newPara00001', num: null, sfx: 0, status: 'under_negotiation', alt: null }, content: [{ type: 'paragraphText', content: [{ type: 'text', text: 'A new paragraph inserted in this session.' }] }] });
  const p1 = box3!.content![1]!;
  p1.attrs = { ...p1.attrs, status: 'agreed' };
  return { older, newer: fromJSON(json) };
}
