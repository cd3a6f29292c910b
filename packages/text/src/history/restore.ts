/**
 * Putting one paragraph (with its sub-paragraphs) or one sub-paragraph back as a revision had it:
 * replaced where it stands now, or, deleted since, reinserted after its nearest preceding sibling that
 * both texts hold (else first in its box or paragraph). The result stays a valid rolling text: what
 * came back cannot share an id with what stayed, claim a label another paragraph holds, or split an
 * alternative group.
 */
import { Fragment, type Mark, type Node } from 'prosemirror-model';
import { bracketOf } from '../bracket-mark.js';
import { TextModelError } from '../errors.js';
import { newId } from '../ids.js';
import { validClaim, type LabelClaim } from '../label-claims.js';
import { computeLabels, paragraphSlots, slotClaim } from '../labels.js';
import { N } from '../schema.js';
import { unitsOf, type Unit } from './units.js';

/** The top of the document as arrays that can be edited, each box's children included. */
interface Model {
  doc: Node;
  tops: Array<{ node: Node; children: Node[] | null }>;
}

interface Where {
  box: number;
  child: number;
}

export function restoreBlock(current: Node, revision: Node, id: string): Node {
  const units = unitsOf(revision);
  const source = units.byId.get(id);
  if (!source) throw new TextModelError(`paragraphId: no paragraph or sub-paragraph with id "${id}" in the revision`, 'paragraphId');
  return source.kind === 'paragraph' ? restoreParagraph(current, revision, source) : restoreSubparagraph(current, revision, source);
}

// -- a paragraph --------------------------------------------------------------------------------------

function restoreParagraph(current: Node, revision: Node, source: Unit): Node {
  const model = modelOf(current);
  const present = findParagraph(model, source.id);
  removeElsewhere(model, new Set([source.id, ...childIds(source.node)]), present ? paragraphAt(model, present) : null);
  let where = findParagraph(model, source.id);
  if (where) setParagraph(model, where, source.node);
  else where = insertParagraph(model, revision, source);
  setParagraph(model, where, renewInlineIds(source.node, inlineIdsOutside(model, where)));
  settleAlternatives(model, where);
  return settleParagraphClaim(model, where, source.id);
}

function insertParagraph(model: Model, revision: Node, source: Unit): Where {
  const revisionBox = boxOf(revision, source.node);
  const box = sameBox(model, revisionBox);
  const children = model.tops[box]!.children!;
  const siblings: Node[] = [];
  revisionBox?.node.forEach((child) => {
    if (child.type.name === N.paragraph) siblings.push(child);
  });
  // The nearest preceding sibling still in this box: one moved to another box since is no guide.
  for (let k = siblings.indexOf(source.node) - 1; k >= 0; k--) {
    const siblingId = idOf(siblings[k]!);
    const anchor = siblingId === null ? -1 : children.findIndex((c) => c.type.name === N.paragraph && idOf(c) === siblingId);
    if (anchor < 0) continue;
    let at = anchor + 1;
    // Not between two alternatives of a group it is not one of.
    const group = altOf(children[anchor]!);
    if (group !== null && group !== altOf(source.node)) while (at < children.length && altOf(children[at]!) === group) at++;
    children.splice(at, 0, source.node);
    return { box, child: at };
  }
  const first = children.findIndex((child) => child.type.name !== N.boxTitle);
  const child = first < 0 ? children.length : first;
  children.splice(child, 0, source.node);
  return { box, child };
}

/** The box of `current` that the revision's box is: the same id, else the same position, else the last. */
function sameBox(model: Model, revisionBox: { node: Node; index: number } | null): number {
  const boxes = model.tops.map((top, i) => ({ top, i })).filter(({ top }) => top.children !== null);
  if (boxes.length === 0) throw new TextModelError('paragraphId: the text has no box to restore the paragraph into', 'paragraphId');
  const id = revisionBox ? idOf(revisionBox.node) : null;
  const byId = id === null ? undefined : boxes.find(({ top }) => idOf(top.node) === id);
  return (byId ?? boxes[revisionBox?.index ?? -1] ?? boxes.at(-1)!).i;
}

function boxOf(doc: Node, paragraph: Node): { node: Node; index: number } | null {
  let found: { node: Node; index: number } | null = null;
  let index = 0;
  doc.forEach((box) => {
    if (box.type.name !== N.box) return;
    box.forEach((child) => {
      if (child === paragraph && !found) found = { node: box, index };
    });
    index++;
  });
  return found;
}

// -- a sub-paragraph ----------------------------------------------------------------------------------

function restoreSubparagraph(current: Node, revision: Node, source: Unit): Node {
  const model = modelOf(current);
  const present = findSubparagraph(model, source.id);
  removeElsewhere(model, new Set([source.id]), present ? childrenOf(paragraphAt(model, present.paragraph))[present.index]! : null);
  const target = findSubparagraph(model, source.id);
  const home = target?.paragraph ?? findParagraph(model, source.paragraphId ?? '');
  if (!home) {
    throw new TextModelError(
      `paragraphId: the paragraph of sub-paragraph "${source.id}" is no longer in the text; restore that paragraph (${source.paragraphId ?? 'without an id'}) instead`,
      'paragraphId',
    );
  }
  const children = childrenOf(paragraphAt(model, home));
  const restored = renewInlineIds(source.node, inlineIdsOutside(model, home, source.id));
  if (target) children[target.index] = restored;
  else children.splice(subInsertionIndex(children, revision, source), 0, restored);
  setParagraph(model, home, paragraphAt(model, home).copy(Fragment.from(children)));
  return settleSubparagraphClaim(model, home, source.id);
}

/** After its nearest preceding sibling still in the paragraph, else first among the sub-paragraphs. */
function subInsertionIndex(children: readonly Node[], revision: Node, source: Unit): number {
  const revisionParagraph = unitsOf(revision).byId.get(source.paragraphId ?? '')?.node;
  const siblings = revisionParagraph ? childrenOf(revisionParagraph).filter((c) => c.type.name === N.subparagraph) : [];
  for (let k = siblings.indexOf(source.node) - 1; k >= 0; k--) {
    const at = children.findIndex((c) => c.type.name === N.subparagraph && idOf(c) === idOf(siblings[k]!));
    if (at >= 0) return at + 1;
  }
  const first = children.findIndex((c) => c.type.name === N.subparagraph);
  return first < 0 ? children.length : first;
}

// -- the document as arrays -----------------------------------------------------------------------------

function modelOf(doc: Node): Model {
  const tops: Model['tops'] = [];
  doc.forEach((node) => tops.push({ node, children: node.type.name === N.box ? childrenOf(node) : null }));
  return { doc, tops };
}

function build(model: Model): Node {
  return model.doc.copy(Fragment.from(model.tops.map(({ node, children }) => (children ? node.copy(Fragment.from(children)) : node))));
}

function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  node.forEach((child) => children.push(child));
  return children;
}

function idOf(node: Node): string | null {
  const id: unknown = node.attrs.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function altOf(node: Node): string | null {
  const alt: unknown = node.attrs.alt;
  return node.type.name === N.paragraph && typeof alt === 'string' && alt !== '' ? alt : null;
}

function findParagraph(model: Model, id: string): Where | null {
  for (let box = 0; box < model.tops.length; box++) {
    const children = model.tops[box]!.children;
    const child = children?.findIndex((c) => c.type.name === N.paragraph && idOf(c) === id) ?? -1;
    if (child >= 0) return { box, child };
  }
  return null;
}

function findSubparagraph(model: Model, id: string): { paragraph: Where; index: number } | null {
  for (let box = 0; box < model.tops.length; box++) {
    const children = model.tops[box]!.children ?? [];
    for (let child = 0; child < children.length; child++) {
      if (children[child]!.type.name !== N.paragraph) continue;
      const index = childrenOf(children[child]!).findIndex((c) => c.type.name === N.subparagraph && idOf(c) === id);
      if (index >= 0) return { paragraph: { box, child }, index };
    }
  }
  return null;
}

function paragraphAt(model: Model, where: Where): Node {
  return model.tops[where.box]!.children![where.child]!;
}

function setParagraph(model: Model, where: Where, node: Node): void {
  model.tops[where.box]!.children![where.child] = node;
}

/** The ids of a paragraph's sub-paragraphs. */
function childIds(paragraph: Node): string[] {
  return childrenOf(paragraph).flatMap((c) => (c.type.name === N.subparagraph && idOf(c) !== null ? [idOf(c)!] : []));
}

/**
 * What comes back takes its ids with it: a sub-paragraph moved to another paragraph since leaves it
 * again. `keep` (the node about to be replaced in place) stays.
 */
function removeElsewhere(model: Model, ids: ReadonlySet<string>, keep: Node | null): void {
  // Only the node that is the paragraph (or sub-paragraph): the first holding its id, in `keep` or in
  // reading order. A later node with the same id is a copy holding other wording, and stays.
  const seen = new Set<string>();
  if (keep) {
    if (idOf(keep) !== null) seen.add(idOf(keep)!);
    keep.forEach((child) => {
      if (child.type.name === N.subparagraph && idOf(child) !== null) seen.add(idOf(child)!);
    });
  }
  const claims = (node: Node): boolean => {
    const id = idOf(node);
    if (id === null || !ids.has(id) || seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  for (const top of model.tops) {
    if (!top.children) continue;
    top.children = top.children.flatMap((child) => {
      if (child.type.name !== N.paragraph || child === keep) return [child];
      if (claims(child)) return [];
      const subs = childrenOf(child);
      const stay = subs.filter((c) => c === keep || c.type.name !== N.subparagraph || !claims(c));
      return [stay.length === subs.length ? child : child.copy(Fragment.from(stay))];
    });
  }
}

// -- keeping the text valid ---------------------------------------------------------------------------

/** Footnote and bracket ids used anywhere but in the paragraph at `where` (or its sub-paragraph `subId`). */
function inlineIdsOutside(model: Model, where: Where, subId?: string): Set<string> {
  const ids = new Set<string>();
  const collect = (node: Node): void => {
    node.descendants((inline) => {
      if (inline.type.name === N.footnote && idOf(inline) !== null) ids.add(idOf(inline)!);
      const bracket = bracketOf(inline);
      if (bracket && typeof bracket.attrs.id === 'string') ids.add(bracket.attrs.id);
    });
  };
  model.tops.forEach((top, box) => {
    if (!top.children) return;
    top.children.forEach((child, index) => {
      if (box !== where.box || index !== where.child) return collect(child);
      if (subId === undefined) return;
      child.forEach((block) => {
        if (block.type.name !== N.subparagraph || idOf(block) !== subId) collect(block);
      });
    });
  });
  return ids;
}

/** The restored node with fresh ids for footnotes and brackets whose ids the rest of the text now uses. */
function renewInlineIds(node: Node, taken: ReadonlySet<string>): Node {
  const renamed = new Map<string, string>();
  const fresh = (id: string): string => {
    let next = renamed.get(id);
    if (!next) renamed.set(id, (next = newId()));
    return next;
  };
  const walk = (parent: Node): Node => {
    if (parent.isTextblock) {
      const inline = childrenOf(parent).map((child) => {
        const marks = child.marks.map((mark): Mark => {
          const id: unknown = mark.attrs.id;
          return mark === bracketOf(child) && typeof id === 'string' && taken.has(id) ? mark.type.create({ ...mark.attrs, id: fresh(id) }) : mark;
        });
        const id = idOf(child);
        const attrs = child.type.name === N.footnote && id !== null && taken.has(id) ? { ...child.attrs, id: fresh(id) } : child.attrs;
        if (child.isText) return child.mark(marks);
        return child.type.create(attrs, child.content, marks);
      });
      return parent.copy(Fragment.from(inline));
    }
    return parent.copy(Fragment.from(childrenOf(parent).map(walk)));
  };
  return walk(node);
}

/**
 * An alternative group stays one run of two or more: a paragraph restored between two alternatives
 * joins their group, one restored with a group that is no longer beside it stands alone, and a group
 * left with one paragraph is no group (a lone alternative is labelled as a plain paragraph already, so
 * clearing it changes no label).
 */
function settleAlternatives(model: Model, where: Where): void {
  const children = model.tops[where.box]!.children!;
  const restored = children[where.child]!;
  const before = where.child > 0 ? altOf(children[where.child - 1]!) : null;
  const after = where.child + 1 < children.length ? altOf(children[where.child + 1]!) : null;
  let alt = altOf(restored);
  if (before !== null && before === after) alt = before;
  else if (alt !== null && alt !== before && alt !== after) alt = null;
  else if (alt !== null && !runIsWhole(model, where, alt)) alt = null;
  if (alt !== altOf(restored)) children[where.child] = restored.type.create({ ...restored.attrs, alt }, restored.content, restored.marks);

  const members = new Map<string, Where[]>();
  model.tops.forEach((top, box) =>
    top.children?.forEach((child, index) => {
      const group = altOf(child);
      if (group === null) return;
      const list = members.get(group);
      if (list) list.push({ box, child: index });
      else members.set(group, [{ box, child: index }]);
    }),
  );
  for (const list of members.values()) {
    if (list.length !== 1) continue;
    const lone = list[0]!;
    const node = model.tops[lone.box]!.children![lone.child]!;
    model.tops[lone.box]!.children![lone.child] = node.type.create({ ...node.attrs, alt: null }, node.content, node.marks);
  }
}

/** Whether every paragraph of group `alt` stands in the run around `where`. */
function runIsWhole(model: Model, where: Where, alt: string): boolean {
  const children = model.tops[where.box]!.children!;
  let start = where.child;
  while (start > 0 && altOf(children[start - 1]!) === alt) start--;
  let end = where.child;
  while (end + 1 < children.length && altOf(children[end + 1]!) === alt) end++;
  let total = 0;
  for (const top of model.tops) for (const child of top.children ?? []) if (altOf(child) === alt) total++;
  return total === end - start + 1;
}

/**
 * A restored paragraph whose label another paragraph of its box has claimed since gives its claim
 * up and takes the label the rule gives it ("2ter"), stored so it keeps it.
 */
function settleParagraphClaim(model: Model, where: Where, id: string): Node {
  const doc = build(model);
  const box = doc.child(where.box);
  const restored = box.child(where.child);
  const slots = paragraphSlots(box);
  const own = slots.find((slot) => slot.some((p) => p.node === restored))!;
  const claim = validClaim(restored.attrs as LabelClaim);
  const ownSlotClaim = validClaim(slotClaim(own.map((p) => p.node)));
  if (claim === null || ownSlotClaim === null || !sameClaim(claim, ownSlotClaim)) return doc;
  const taken = slots.some((slot) => slot !== own && sameClaim(validClaim(slotClaim(slot.map((p) => p.node))), claim));
  if (!taken) return doc;
  setParagraph(model, where, restored.type.create({ ...restored.attrs, num: null, sfx: 0 }, restored.content, restored.marks));
  return storeComputedLabel(model, where, null, id);
}

function settleSubparagraphClaim(model: Model, home: Where, id: string): Node {
  const doc = build(model);
  const paragraph = doc.child(home.box).child(home.child);
  const subs = childrenOf(paragraph).filter((c) => c.type.name === N.subparagraph);
  const restored = subs.find((s) => idOf(s) === id)!;
  const claim = validClaim(restored.attrs as LabelClaim);
  if (claim === null || !subs.some((s) => s !== restored && sameClaim(validClaim(s.attrs as LabelClaim), claim))) return doc;
  const children = childrenOf(paragraphAt(model, home)).map((c) => (c.type.name === N.subparagraph && idOf(c) === id ? c.type.create({ ...c.attrs, num: null, sfx: 0 }, c.content, c.marks) : c));
  setParagraph(model, home, paragraphAt(model, home).copy(Fragment.from(children)));
  return storeComputedLabel(model, home, id, id);
}

/** Writes the label the rule computes for the unit `id` into its node, as the editor's label repairs do. */
function storeComputedLabel(model: Model, paragraph: Where, subId: string | null, id: string): Node {
  const label = computeLabels(build(model)).byId.get(id)!;
  const node = paragraphAt(model, paragraph);
  if (subId === null) {
    setParagraph(model, paragraph, node.type.create({ ...node.attrs, num: label.num, sfx: label.sfx }, node.content, node.marks));
  } else {
    const children = childrenOf(node).map((c) => (c.type.name === N.subparagraph && idOf(c) === subId ? c.type.create({ ...c.attrs, num: label.num, sfx: label.sfx }, c.content, c.marks) : c));
    setParagraph(model, paragraph, node.copy(Fragment.from(children)));
  }
  return build(model);
}

function sameClaim(a: { num: number; sfx: number } | null, b: { num: number; sfx: number } | null): boolean {
  return a !== null && b !== null && a.num === b.num && a.sfx === b.sfx;
}
