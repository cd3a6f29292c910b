/**
 * The rules of the room (docs/rules-of-the-room.md), as one pure comparison of the text before and
 * after a change. The server's policy (yjs-room-rules.ts) asks it when an update could be at stake;
 * the editor asks it before applying a local transaction, so that what the server would refuse is
 * never typed.
 *
 * Paragraphs are compared by their permanent id: the first paragraph holding an id is that
 * paragraph; a paragraph without one, or a second copy of an id (a paste before the repairs give it
 * its own), is a new paragraph. `num` and `sfx` are ignored: they record the label the editor's
 * repairs store, which any writer's editor may write.
 */
import type { Mark, Node } from 'prosemirror-model';
import { bracketOf } from './bracket-mark.js';
import { romanNumeral } from './label-format.js';
import { computeLabels } from './labels.js';
import { N, sponsorNames } from './schema.js';

export type RoomRuleCode = 'STATUS_STEWARDS_ONLY' | 'PARAGRAPH_AGREED' | 'BOXES_STEWARDS_ONLY' | 'BRACKET_NOT_YOURS' | 'OPEN_BRACKETS';

export interface RoomRuleViolation {
  code: RoomRuleCode;
  /** For the writer: what is refused and why, naming the paragraph by its citation. */
  reason: string;
}

/** Who writes, as the server knows them: their role in the dialogue and their affiliation's name. */
export interface RoomWriter {
  role: string;
  affiliation: string | null;
}

/** The chair and the secretariat: they change statuses, reopen agreed text and agree brackets away. */
export function isSteward(role: string): boolean {
  return role === 'chair' || role === 'secretariat';
}

/** Who writes the text at all; civil society and observers propose through amendments only. */
export function writesText(role: string): boolean {
  return isSteward(role) || role === 'delegate';
}

function normalName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** "Republic of Arandia" → "arandia", "Kingdom of the Netherlands" → "netherlands". */
function shortName(name: string): string {
  const normal = normalName(name);
  const at = normal.lastIndexOf(' of ');
  const tail = at < 0 ? normal : normal.slice(at + 4);
  return tail.replace(/^the /, '');
}

/**
 * Whether a sponsor named in a bracket is the writer's own delegation: the affiliation's name or its
 * short form, case aside. Only that direction: "Korea" is not the Republic of Korea's to claim for
 * every state whose name ends so, but "Republic of Korea" writing "Korea" is its own.
 */
export function isOwnSponsor(affiliation: string | null, sponsor: string): boolean {
  if (!affiliation || normalName(affiliation) === '') return false;
  const name = normalName(sponsor);
  return name === normalName(affiliation) || name === shortName(affiliation);
}

interface Placed {
  node: Node;
  /** The box's id, or its index when it has none: moving a paragraph to another box changes its citation. */
  box: string;
}

interface Paragraphs {
  /** By permanent id: the first paragraph holding it (among those compared). */
  byId: Map<string, Placed>;
  /** Paragraphs without an id, or holding one an earlier paragraph holds. */
  unnamed: Placed[];
}

interface BoxAt {
  node: Node;
  key: string;
}

function boxesOf(doc: Node): BoxAt[] {
  const boxes: BoxAt[] = [];
  doc.forEach((node) => {
    if (node.type.name !== N.box) return;
    boxes.push({ node, key: typeof node.attrs.id === 'string' && node.attrs.id !== '' ? node.attrs.id : `#${boxes.length}` });
  });
  return boxes;
}

/**
 * The paragraphs a change may concern, on each side: those of boxes that changed, less the
 * paragraphs that stayed the very same node in the same box. An edit leaves every other box and
 * paragraph the same object, so a keystroke costs the paragraphs of one box, not of the text.
 */
function changedParagraphs(before: Node, after: Node): { old: Paragraphs; now: Paragraphs } {
  let oldBoxes = boxesOf(before);
  let nowBoxes = boxesOf(after);
  if (oldBoxes.length === nowBoxes.length) {
    const keep = oldBoxes.map((box, i) => box.node !== nowBoxes[i]!.node || box.key !== nowBoxes[i]!.key);
    oldBoxes = oldBoxes.filter((_, i) => keep[i]);
    nowBoxes = nowBoxes.filter((_, i) => keep[i]);
  }
  const nowPlaces = new Map<Node, string>();
  for (const box of nowBoxes) box.node.forEach((paragraph) => nowPlaces.set(paragraph, box.key));
  const same = new Set<Node>();
  for (const box of oldBoxes) box.node.forEach((paragraph) => nowPlaces.get(paragraph) === box.key && same.add(paragraph));
  return { old: paragraphsIn(oldBoxes, same), now: paragraphsIn(nowBoxes, same) };
}

function paragraphsIn(boxes: readonly BoxAt[], same: ReadonlySet<Node>): Paragraphs {
  const byId = new Map<string, Placed>();
  const unnamed: Placed[] = [];
  for (const box of boxes) {
    box.node.forEach((node) => {
      if (node.type.name !== N.paragraph || same.has(node)) return;
      const id = idOf(node);
      const placed = { node, box: box.key };
      if (id === null || byId.has(id)) unnamed.push(placed);
      else byId.set(id, placed);
    });
  }
  return { byId, unnamed };
}

function idOf(node: Node): string | null {
  const id: unknown = node.attrs.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function statusOf(node: Node): unknown {
  return node.attrs.status;
}

function altOf(node: Node): string | null {
  const alt: unknown = node.attrs.alt;
  return typeof alt === 'string' && alt !== '' ? alt : null;
}

/** The same words, brackets, footnotes and sub-paragraphs: everything but the stored label numbers. */
function sameText(a: Node, b: Node): boolean {
  if (a === b) return true;
  if (a.childCount !== b.childCount || idOf(a) !== idOf(b) || altOf(a) !== altOf(b) || statusOf(a) !== statusOf(b)) return false;
  for (let i = 0; i < a.childCount; i++) {
    const x = a.child(i);
    const y = b.child(i);
    if (x === y) continue;
    if (x.type !== y.type || x.attrs.id !== y.attrs.id || !x.content.eq(y.content)) return false;
  }
  return true;
}

/**
 * Whether a paragraph's stored label (num, sfx) was rewritten, not merely given: a label is its
 * citation, and delegations cite agreed text by it, so only a steward renumbers agreed text. An
 * editor storing the label of a paragraph that had none (its repair) changes no citation.
 */
function relabelled(a: Node, b: Node): boolean {
  if (a.attrs.num === null || a.attrs.num === undefined) return false;
  return a.attrs.num !== b.attrs.num || (a.attrs.sfx ?? 0) !== (b.attrs.sfx ?? 0);
}

/** The citations of the paragraphs, computed only when a reason needs one. */
class Citations {
  private before: Map<string, string> | null = null;
  private after: Map<string, string> | null = null;
  constructor(
    private readonly beforeDoc: Node,
    private readonly afterDoc: Node,
  ) {}

  of(node: Node, inAfter = false): string {
    const id = idOf(node);
    const map = inAfter ? (this.after ??= citationsOf(this.afterDoc)) : (this.before ??= citationsOf(this.beforeDoc));
    return (id !== null ? map.get(id) : undefined) ?? 'A new paragraph';
  }
}

function citationsOf(doc: Node): Map<string, string> {
  const map = new Map<string, string>();
  for (const label of computeLabels(doc).list) {
    if (label.kind === 'paragraph' && label.id !== null && !map.has(label.id)) map.set(label.id, label.citation);
  }
  return map;
}

interface Bracket {
  key: string;
  /** Its words, as far as the paragraph shows them (footnotes aside). */
  text: string;
  sponsors: string[];
  /**
   * Every sponsor list its runs carry, `sponsors` first: runs of one bracket that name other sponsors
   * (one letter written with its id, the rest reformatted as another delegation's) are judged each.
   */
  variants: string[][];
}

function bracketKey(mark: Mark): string {
  const id: unknown = mark.attrs.id;
  return typeof id === 'string' && id !== '' ? id : `~${JSON.stringify(mark.attrs)}`;
}

/** The brackets of a paragraph (its text and sub-paragraphs), by key; a bracket split by emphasis is one. */
function bracketsOf(paragraph: Node, into = new Map<string, Bracket>()): Map<string, Bracket> {
  paragraph.descendants((node) => {
    if (!node.isText) return true;
    const mark = bracketOf(node);
    if (!mark) return false;
    const key = bracketKey(mark);
    const known = into.get(key);
    const sponsors = sponsorNames(mark.attrs.sponsors);
    if (!known) into.set(key, { key, text: node.text ?? '', sponsors, variants: [sponsors] });
    else {
      known.text += node.text ?? '';
      if (!known.variants.some((v) => sameSponsors(v, sponsors))) known.variants.push(sponsors);
    }
    return false;
  });
  return into;
}

function hasBracket(paragraph: Node): boolean {
  let found = false;
  paragraph.descendants((node) => {
    if (found) return false;
    if (node.isText && bracketOf(node)) found = true;
    return !node.isText;
  });
  return found;
}

function shownBracket(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ');
  return `[${words.length > 60 ? `${words.slice(0, 57)}...` : words}]`;
}

function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

const AGREED = 'agreed';

/**
 * The first rule of the room a change breaks, or null. `before` and `after` are the whole text;
 * `writer` is who makes the change. In the order of the rules: a status changed by a non-steward
 * (STATUS_STEWARDS_ONLY), an agreed paragraph changed or deleted by a non-steward (PARAGRAPH_AGREED),
 * a box title changed or a box added, removed or moved by a non-steward (BOXES_STEWARDS_ONLY),
 * another delegation's bracket or sponsor removed by a delegate (BRACKET_NOT_YOURS), a paragraph
 * marked agreed with open brackets, by anyone (OPEN_BRACKETS). Civil society and observers do not
 * write the text (the server refuses them before any rule): asked about them, every change to a
 * paragraph is refused as to agreed text.
 */
export function roomRuleViolation(before: Node, after: Node, writer: RoomWriter): RoomRuleViolation | null {
  if (before === after) return null;
  const steward = isSteward(writer.role);
  const reader = !writesText(writer.role);
  const { old, now } = changedParagraphs(before, after);
  const citations = new Citations(before, after);

  // Paragraphs of `after` that are new, and pairs that changed.
  const added: Placed[] = [...now.unnamed];
  const changed: Array<{ was: Placed; is: Placed }> = [];
  const removed: Placed[] = [];
  for (const [id, is] of now.byId) {
    const was = old.byId.get(id);
    if (!was) added.push(is);
    else if (was.node !== is.node || was.box !== is.box) changed.push({ was, is });
  }
  for (const [id, was] of old.byId) if (!now.byId.has(id)) removed.push(was);

  if (!steward) {
    // 1. Only the chair and the secretariat change a paragraph's status.
    for (const { was, is } of changed) {
      if (statusOf(was.node) !== statusOf(is.node)) {
        return { code: 'STATUS_STEWARDS_ONLY', reason: `${citations.of(was.node)}: only the chair or the secretariat may change a paragraph's status` };
      }
    }
    // A new paragraph is under negotiation, or takes the status of a paragraph it was split from
    // (Enter in the middle of an ad ref paragraph leaves two ad ref halves): one whose words changed,
    // right before or after it (or its run of new paragraphs), not any paragraph the update touched.
    if (added.length > 0 && !newParagraphsSplit(after, added, changed)) {
      return { code: 'STATUS_STEWARDS_ONLY', reason: 'only the chair or the secretariat may add a paragraph with a status other than under negotiation' };
    }

    // 2. Agreed text is locked; civil society and observers write no paragraph at all.
    const locked = (node: Node) => reader || statusOf(node) === AGREED;
    const lockedReason = (citation: string) =>
      reader
        ? `${citation}: civil society and observers do not write the text; their wording enters it through an accepted amendment`
        : `${citation} is agreed: only the chair or the secretariat may reopen it`;
    for (const was of removed) {
      if (locked(was.node)) return { code: 'PARAGRAPH_AGREED', reason: lockedReason(citations.of(was.node)) };
    }
    for (const { was, is } of changed) {
      if (locked(was.node) && (was.box !== is.box || !sameText(was.node, is.node) || relabelled(was.node, is.node))) {
        return { code: 'PARAGRAPH_AGREED', reason: lockedReason(citations.of(was.node)) };
      }
    }
    if (reader && added.length > 0) return { code: 'PARAGRAPH_AGREED', reason: lockedReason(citations.of(added[0]!.node, true)) };
    // A new alternative to agreed text reopens it as surely as editing it: a paragraph added to its
    // group, or one already there made a member of it (its alt written).
    const joining = [...added.map(({ node }) => node), ...changed.filter(({ was, is }) => altOf(is.node) !== null && altOf(was.node) !== altOf(is.node)).map(({ is }) => is.node)];
    if (joining.length > 0) {
      const agreedGroups = new Map<string, Node>();
      for (const { node: box } of boxesOf(before)) {
        box.forEach((node) => {
          const alt = altOf(node);
          if (alt !== null && statusOf(node) === AGREED && !agreedGroups.has(alt)) agreedGroups.set(alt, node);
        });
      }
      for (const node of joining) {
        const agreed = altOf(node) !== null ? agreedGroups.get(altOf(node)!) : undefined;
        if (agreed) return { code: 'PARAGRAPH_AGREED', reason: lockedReason(citations.of(agreed)) };
      }
    }
    if (reader && !sameBoxTitles(before, after)) {
      return { code: 'PARAGRAPH_AGREED', reason: 'civil society and observers do not write the text; their wording enters it through an accepted amendment' };
    }

    // 3. The boxes are the chair's: their titles, their number and their order.
    const boxes = boxViolation(before, after);
    if (boxes) return boxes;

    // 4. A bracket belongs to its sponsors.
    const violation = bracketViolation(changed, removed, added, writer.affiliation, citations);
    if (violation) return violation;
  }

  // 5. No paragraph is agreed while it holds open brackets.
  const candidates: Array<{ was: Placed | null; is: Placed }> = [...changed, ...added.map((is) => ({ was: null, is }))];
  for (const { was, is } of candidates) {
    if (statusOf(is.node) !== AGREED || !hasBracket(is.node)) continue;
    const open = [...bracketsOf(is.node).values()];
    // Agreed text holding brackets from before these rules (an imported text) stays as it was; no new ones.
    if (was && statusOf(was.node) === AGREED) {
      const had = bracketsOf(was.node);
      if (open.every((b) => had.has(b.key))) continue;
    }
    const citation = citations.of(is.node, true);
    const count = `${open.length} open bracket${open.length === 1 ? '' : 's'}`;
    const shown = open.slice(0, 10).map((b) => shownBracket(b.text));
    if (open.length > 10) shown.push(`and ${open.length - 10} more`);
    const verb = was && statusOf(was.node) === AGREED ? 'is agreed and would hold' : 'still has';
    return { code: 'OPEN_BRACKETS', reason: `${citation} ${verb} ${count}: ${shown.join(', ')}` };
  }
  return null;
}

/** Whether each new paragraph is under negotiation or has the status of a split paragraph beside its run of new ones. */
function newParagraphsSplit(after: Node, added: readonly Placed[], changed: ReadonlyArray<{ was: Placed; is: Placed }>): boolean {
  const isNew = new Set(added.map(({ node }) => node));
  const split = new Map<Node, unknown>();
  for (const { was, is } of changed) if (statusOf(was.node) !== AGREED && !sameText(was.node, is.node)) split.set(is.node, statusOf(is.node));
  for (const { node: box } of boxesOf(after)) {
    const children: Node[] = [];
    box.forEach((child) => void children.push(child));
    for (let i = 0; i < children.length; ) {
      if (!isNew.has(children[i]!)) {
        i++;
        continue;
      }
      let end = i;
      while (end < children.length && isNew.has(children[end]!)) end++;
      const allowed = new Set<unknown>(['under_negotiation']);
      for (const beside of [children[i - 1], children[end]]) if (beside && split.has(beside)) allowed.add(split.get(beside));
      for (let j = i; j < end; j++) if (!allowed.has(statusOf(children[j]!))) return false;
      i = end;
    }
  }
  return true;
}

function sameSponsors(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map(normalName));
  const y = new Set(b.map(normalName));
  return x.size === y.size && [...x].every((n) => y.has(n));
}

function sameWords(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');
}

/**
 * A box's title changed, or a box added, removed, replaced or moved (the boxes compared in order by
 * their ids): the boxes are the structure the chair gives the text, and every citation starts from
 * them ("Box III(2)"). A box given an id where it had none is named by its place, as a repair does.
 * Costs one look per box: an edit leaves every box it does not touch the same object.
 */
function boxViolation(before: Node, after: Node): RoomRuleViolation | null {
  const was = boxesOf(before);
  const is = boxesOf(after);
  const moved: RoomRuleViolation = { code: 'BOXES_STEWARDS_ONLY', reason: 'only the chair or the secretariat may add, remove or move a box' };
  if (was.length !== is.length) return moved;
  for (let i = 0; i < was.length; i++) {
    const a = was[i]!;
    const b = is[i]!;
    if (a.node === b.node) continue;
    if (a.key !== b.key && !a.key.startsWith('#')) return moved;
    if (!sameTitles(a.node, b.node)) {
      return { code: 'BOXES_STEWARDS_ONLY', reason: `Box ${romanNumeral(i + 1)}: only the chair or the secretariat may change a box title` };
    }
  }
  return null;
}

/**
 * Whether two versions of a box have the same title: its first child, and every other boxTitle it
 * holds. The content check lets a boxTitle anywhere in a box (concurrent edits may briefly misplace
 * one), so a title element written before the title, or among the paragraphs, is a title too: the
 * first renames the box in the text and the exports, the second reads like a box of its own.
 */
function sameTitles(a: Node, b: Node): boolean {
  const was = titlesOf(a);
  const is = titlesOf(b);
  if (was.length !== is.length) return false;
  return was.every((titleA, i) => {
    const titleB = is[i]!;
    return titleA === titleB || (titleA.type === titleB.type && titleA.content.eq(titleB.content));
  });
}

/** A box's first child (its title where the box is well formed) and every boxTitle after it. */
function titlesOf(box: Node): Node[] {
  const found: Node[] = [];
  box.forEach((child, _offset, index) => {
    if (index === 0 || child.type.name === N.boxTitle) found.push(child);
  });
  return found;
}

function sameBoxTitles(before: Node, after: Node): boolean {
  if (before.childCount !== after.childCount) return false;
  for (let i = 0; i < before.childCount; i++) {
    const a = before.child(i).firstChild;
    const b = after.child(i).firstChild;
    if (a !== b && !(a && b && a.eq(b))) return false;
  }
  return true;
}

function bracketViolation(
  changed: ReadonlyArray<{ was: Placed; is: Placed }>,
  removed: readonly Placed[],
  added: readonly Placed[],
  affiliation: string | null,
  citations: Citations,
): RoomRuleViolation | null {
  // Brackets are followed across paragraphs by their id: a bracket cut from one paragraph and
  // pasted into another is moved, not removed. Only paragraphs that changed can lose or gain one.
  const had = new Map<string, { bracket: Bracket; paragraph: Node }>();
  for (const { was, is } of changed) {
    if (sameText(was.node, is.node)) continue;
    for (const bracket of bracketsOf(was.node).values()) if (!had.has(bracket.key)) had.set(bracket.key, { bracket, paragraph: was.node });
  }
  for (const was of removed) {
    for (const bracket of bracketsOf(was.node).values()) if (!had.has(bracket.key)) had.set(bracket.key, { bracket, paragraph: was.node });
  }
  if (had.size === 0) return null;
  const has = new Map<string, Bracket>();
  // Where each bracket is now, paragraph by paragraph: a bracket that left its paragraph was moved
  // only if its words went with it; one letter elsewhere given its id is a decoy, not the bracket.
  const places = new Map<string, Array<{ paragraph: string | null; text: string }>>();
  // A new paragraph is nobody's continuation, even one holding a copy of an id.
  const nowIn = [...changed.map(({ is }) => ({ node: is.node, paragraph: idOf(is.node) })), ...added.map((is) => ({ node: is.node, paragraph: null }))];
  for (const { node, paragraph } of nowIn) {
    for (const bracket of bracketsOf(node).values()) {
      const list = places.get(bracket.key) ?? [];
      list.push({ paragraph, text: bracket.text });
      places.set(bracket.key, list);
    }
    bracketsOf(node, has);
  }
  const kept = (bracket: Bracket, paragraph: Node) =>
    (places.get(bracket.key) ?? []).some((p) => (p.paragraph !== null && p.paragraph === idOf(paragraph)) || sameWords(p.text, bracket.text));

  const own = (sponsor: string) => isOwnSponsor(affiliation, sponsor);
  for (const { bracket, paragraph } of had.values()) {
    const shown = shownBracket(bracket.text);
    const now = kept(bracket, paragraph) ? has.get(bracket.key) : undefined;
    if (!now) {
      if (bracket.sponsors.length > 0 && bracket.sponsors.every(own)) continue;
      const citation = citations.of(paragraph);
      const whose = bracket.sponsors.length === 0 ? 'has no sponsor' : `is sponsored by ${listed(bracket.sponsors)}`;
      return {
        code: 'BRACKET_NOT_YOURS',
        reason: `${citation}: the bracket ${shown} ${whose}; only its sponsors alone, the chair or the secretariat may remove it`,
      };
    }
    const before = new Set(bracket.variants.flat().map(normalName));
    // Only sponsor lists this change brings are judged: one the text already held is not this writer's doing.
    const lists = now.variants.filter((v) => !bracket.variants.some((b) => sameSponsors(b, v)));
    const withdrawn = [...new Set(lists.flatMap((v) => bracket.sponsors.filter((s) => !v.some((n) => normalName(n) === normalName(s)) && !own(s))))];
    if (withdrawn.length > 0) {
      const citation = citations.of(paragraph);
      return {
        code: 'BRACKET_NOT_YOURS',
        reason: `${citation}: only ${listed(withdrawn)}, the chair or the secretariat may withdraw ${listed(withdrawn)} as sponsor of ${shown}`,
      };
    }
    const joined = [...new Set(lists.flat().filter((s) => !before.has(normalName(s)) && !own(s)))];
    if (joined.length > 0) {
      const citation = citations.of(paragraph);
      return {
        code: 'BRACKET_NOT_YOURS',
        reason: `${citation}: a delegation adds only itself as sponsor of ${shown}; ${listed(joined)} must add itself`,
      };
    }
  }
  for (const { was, is } of changed) {
    const taken = wordsTakenOut(was.node, is.node, own);
    if (taken) {
      return {
        code: 'BRACKET_NOT_YOURS',
        reason: `${citations.of(was.node)}: the bracket ${shownBracket(taken.text)} ${taken.whose}; only its sponsors alone, the chair or the secretariat may take words out of it`,
      };
    }
  }
  return null;
}

interface Letter {
  char: string;
  /** The bracket the character is in: its sponsors (normalised, sorted) and the bracket itself. */
  sponsors: string | null;
  bracket: Bracket | null;
}

/** A paragraph's characters in reading order, each with its bracket; blocks end with a separator. */
function lettersOf(paragraph: Node): Letter[] {
  const letters: Letter[] = [];
  const brackets = bracketsOf(paragraph);
  paragraph.forEach((block) => {
    block.forEach((inline) => {
      const mark = inline.isText ? bracketOf(inline) : undefined;
      const bracket = mark ? (brackets.get(bracketKey(mark)) ?? null) : null;
      const sponsors = bracket ? bracket.sponsors.map(normalName).toSorted().join('\n') : null;
      const text = inline.isText ? (inline.text ?? '') : '\uFFFC';
      for (const char of text) letters.push({ char, sponsors, bracket });
    });
    letters.push({ char: '\n', sponsors: null, bracket: null });
  });
  return letters;
}

/**
 * Words that stayed where they were but left another delegation's bracket: unbracketing part of it
 * agrees those words as surely as removing the whole bracket. The words kept are those of the
 * common start and end of the paragraph (an edit changes one stretch in between); a word kept in a
 * bracket with the same sponsors (a bracket split in two by the editor's repairs) stays bracketed.
 */
function wordsTakenOut(before: Node, after: Node, own: (sponsor: string) => boolean): { text: string; whose: string } | null {
  if (!hasBracket(before)) return null;
  const a = lettersOf(before);
  const b = lettersOf(after);
  const check = (x: Letter, y: Letter) => {
    // Still in its bracket (whose sponsors the checks above judge), or in one with the same sponsors.
    if (!x.bracket || (y.bracket && (y.bracket.key === x.bracket.key || y.sponsors === x.sponsors))) return null;
    const sponsors = x.bracket.sponsors;
    if (sponsors.length > 0 && sponsors.every(own)) return null;
    return { text: x.bracket.text, whose: sponsors.length === 0 ? 'has no sponsor' : `is sponsored by ${listed(sponsors)}` };
  };
  let start = 0;
  for (; start < a.length && start < b.length && a[start]!.char === b[start]!.char; start++) {
    const taken = check(a[start]!, b[start]!);
    if (taken) return taken;
  }
  for (let i = a.length - 1, j = b.length - 1; i >= start && j >= start && a[i]!.char === b[j]!.char; i--, j--) {
    const taken = check(a[i]!, b[j]!);
    if (taken) return taken;
  }
  return null;
}
