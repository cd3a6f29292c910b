/**
 * What the rolling text may hold in Yjs, read from the ProseMirror schema (schema.ts): the server
 * checks every incoming update with checkRollingTextUpdate before applying it, and the editor checks
 * a document with findUnrenderable before binding to it.
 *
 * The mapping is y-tiptap's (docs/protocol.md, "The rolling text in Yjs"): one root Y.XmlFragment
 * named `rollingText`; a node is a Y.XmlElement named after its type, its attributes are the
 * element's attributes (one map entry per key, a JSON value); the words of a text block are
 * Y.XmlText children, with each mark a format (key = mark name, value = the mark's attributes, null
 * to remove it); a footnote is a Y.XmlElement among them. Nothing else: no other roots, embeds,
 * nested maps or arrays, attributes on text, or element names, marks and attribute keys the schema
 * does not name.
 *
 * A separate entry point from yjs.ts: the editor loads this without loading the y-tiptap binding twice.
 */
import type { ContentMatch, MarkType, NodeType } from 'prosemirror-model';
import * as Y from 'yjs';
import { updateItems } from './yjs-update-items.js';
import { attrRuleOf, schema } from './schema.js';
import { ROLLING_TEXT_FIELD } from './yjs-root.js';

export { ROLLING_TEXT_FIELD };

export type RollingTextVerdict = { ok: true } | { ok: false; reason: string };

/** Where an item sits: in the root, in an element (by name), in the text of an element, or nowhere that matters. */
type Place =
  | { kind: 'gone' }
  | { kind: 'root'; name: string }
  | { kind: 'element'; name: string }
  | { kind: 'text'; element: string | null }
  | { kind: 'other'; what: string };

interface Slot {
  place: Place;
  /** The attribute (map key) the item is the value of, or null for a child in sequence. */
  key: string | null;
}

/** A refusal: the first thing found wrong, named for the sender. */
class Refusal extends Error {}

type Content = Y.Item['content'];

const GONE: Place = { kind: 'gone' };

/** Where a Y.XmlText sits, from where its parent sits. */
function textIn(parent: Place): Place {
  if (parent.kind === 'gone') return GONE;
  if (parent.kind === 'element') return { kind: 'text', element: parent.name };
  if (parent.kind === 'root') return { kind: 'text', element: null };
  return { kind: 'other', what: 'text outside an element' };
}

/** For each node type, the node types its content expression allows anywhere among its children. */
const childTypes = new Map<string, Set<string>>(
  Object.values(schema.nodes).map((type) => [type.name, reachableTypes(type.contentMatch)]),
);

function reachableTypes(start: ContentMatch): Set<string> {
  const names = new Set<string>();
  const seen = new Set<ContentMatch>();
  const stack = [start];
  while (stack.length > 0) {
    const match = stack.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      names.add(edge.type.name);
      stack.push(edge.next);
    }
  }
  return names;
}

/** The element node types (every node type but text), by name. */
function elementType(name: string): NodeType | undefined {
  const type = Object.hasOwn(schema.nodes, name) ? schema.nodes[name] : undefined;
  return type && !type.isText ? type : undefined;
}

function markType(name: string): MarkType | undefined {
  return Object.hasOwn(schema.marks, name) ? schema.marks[name] : undefined;
}

function canHold(parent: NodeType, child: string): boolean {
  return childTypes.get(parent.name)?.has(child) ?? false;
}

/** A value, short and safe, for a refusal's message. */
function shown(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json === undefined) return typeof value;
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return typeof value;
  }
}

function checkAttribute(type: NodeType | MarkType, owner: string, key: string, value: unknown): void {
  if (!Object.hasOwn(type.spec.attrs ?? {}, key)) throw new Refusal(`unknown attribute "${key}" of ${owner}`);
  const rule = attrRuleOf(type, key);
  // Fail closed: an attribute added to the schema without a rule is refused until it gets one.
  if (!rule) throw new Refusal(`attribute "${key}" of ${owner} has no rule`);
  if (!rule.accepts(value)) throw new Refusal(`${owner}.${key} must be ${rule.expected}, got ${shown(value)}`);
}

/** A mark as a format: its name must be a mark the block allows, its value null or the mark's attributes. */
function checkFormat(block: NodeType, key: string, value: unknown): void {
  const mark = markType(key);
  if (!mark) throw new Refusal(`unknown mark "${key}"`);
  if (!block.allowsMarkType(mark)) throw new Refusal(`a ${block.name} takes no ${key} mark`);
  if (value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Refusal(`the ${key} mark's value must be an object of its attributes or null, got ${shown(value)}`);
  for (const [attr, attrValue] of Object.entries(value)) checkAttribute(mark, `the ${key} mark`, attr, attrValue);
}

function checkChild(parent: NodeType | null, content: Content): void {
  const where = parent ? `a ${parent.name}` : 'the rolling text';
  const allowed = parent ?? schema.topNodeType;
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement) {
      const name = type.nodeName;
      if (!elementType(name)) throw new Refusal(`"${name}" is not an element of the rolling text`);
      if (!canHold(allowed, name)) throw new Refusal(`${where} cannot hold a ${name}`);
      return;
    }
    if (type instanceof Y.XmlText) {
      if (!allowed.inlineContent) throw new Refusal(`${where} cannot hold text`);
      return;
    }
    throw new Refusal(`${where} cannot hold a ${typeName(type)}`);
  }
  throw new Refusal(`${where} cannot hold ${contentName(content)}`);
}

function checkText(element: string | null, key: string | null, content: Content): void {
  if (key !== null) throw new Refusal('text takes no attributes');
  if (content instanceof Y.ContentString) return;
  if (element === null) throw new Refusal('the rolling text cannot hold text outside a block');
  const block = elementType(element);
  if (!block) throw new Refusal(`"${element}" is not an element of the rolling text`);
  if (content instanceof Y.ContentFormat) return checkFormat(block, content.key, content.value);
  throw new Refusal(`text cannot hold ${contentName(content)}`);
}

function checkElementAttribute(element: NodeType, key: string, content: Content): void {
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
    throw new Refusal(`attribute "${key}" of a ${element.name} must be one JSON value, not ${contentName(content)}`);
  }
  checkAttribute(element, `a ${element.name}`, key, content.arr[0]);
}

function typeName(type: Y.AbstractType<unknown>): string {
  if (type instanceof Y.XmlElement) return `"${type.nodeName}" element`;
  if (type instanceof Y.XmlText) return 'text';
  if (type instanceof Y.XmlHook) return 'XML hook';
  if (type instanceof Y.XmlFragment) return 'XML fragment';
  if (type instanceof Y.Text) return 'Y.Text';
  if (type instanceof Y.Map) return 'Y.Map';
  if (type instanceof Y.Array) return 'Y.Array';
  return 'shared type';
}

function contentName(content: Content): string {
  if (content instanceof Y.ContentString) return 'text';
  if (content instanceof Y.ContentEmbed) return 'an embed';
  if (content instanceof Y.ContentFormat) return `a format ("${content.key}")`;
  if (content instanceof Y.ContentType) return `a ${typeName(content.type)}`;
  if (content instanceof Y.ContentBinary) return 'binary content';
  if (content instanceof Y.ContentDoc) return 'a subdocument';
  return 'a JSON value';
}

/**
 * Whether an update (v1) writes only what the rolling text allows, given the document it will be
 * applied to. The update must have passed the engine's structural check, which guarantees that
 * everything it refers to is in the document or earlier in the update. Deletions are always allowed;
 * content the document already holds is skipped. Nothing is applied or re-encoded.
 */
export function checkRollingTextUpdate(doc: Y.Doc, update: Uint8Array): RollingTextVerdict {
  try {
    checkStructs(doc, Y.decodeUpdate(update).structs);
    return { ok: true };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    return { ok: false, reason: `the update cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function checkStructs(doc: Y.Doc, structs: Array<Y.Item | Y.GC | Y.Skip>): void {
  const store = doc.store;
  const { find, inDocument } = updateItems(doc, structs);
  const slots = new Map<Y.Item, Slot>();

  /** Where a live type of the document sits. */
  const placeOfType = (type: Y.AbstractType<unknown>): Place => {
    if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName };
    const parent = type.parent;
    if (parent === null) {
      for (const [name, root] of doc.share) if (root === type) return { kind: 'root', name };
      return { kind: 'other', what: 'detached type' };
    }
    if (type instanceof Y.XmlText) return textIn(placeOfType(parent));
    return { kind: 'other', what: typeName(type) };
  };
  /** Where a type item (by ID) sits as a parent: the type's own kind. */
  const placeOfParent = (id: Y.ID): Place => {
    const parent = find(id);
    if (!(parent instanceof Y.Item) || !(parent.content instanceof Y.ContentType)) return GONE;
    if (inDocument(parent)) return placeOfType(parent.content.type);
    const type = parent.content.type;
    if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName };
    if (type instanceof Y.XmlText) return textIn(slotOf(parent).place);
    return { kind: 'other', what: typeName(type) };
  };
  /** Where an item sits by what it encodes itself, or the neighbour in this update it takes that from. */
  const ownSlot = (item: Y.Item): Slot | Y.Item => {
    const parent = item.parent as Y.AbstractType<unknown> | Y.ID | string | null;
    if (typeof parent === 'string') return { place: { kind: 'root', name: parent }, key: item.parentSub };
    if (parent instanceof Y.AbstractType) return { place: placeOfType(parent), key: item.parentSub };
    if (parent !== null) return { place: placeOfParent(parent), key: item.parentSub };
    // Written with an origin: Yjs takes the parent (and map key) from the neighbour.
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? find(neighbourId) : null;
    if (!(neighbour instanceof Y.Item)) return { place: GONE, key: null };
    if (!inDocument(neighbour)) return neighbour;
    return { place: neighbour.parent instanceof Y.AbstractType ? placeOfType(neighbour.parent) : GONE, key: neighbour.parentSub };
  };
  /**
   * Follows neighbours iteratively: a paste can chain thousands of items, each placed by the one
   * before it, and a hostile update can make them refer to each other in a circle.
   */
  const slotOf = (start: Y.Item): Slot => {
    const chain: Y.Item[] = [];
    const visiting = new Set<Y.Item>();
    let item = start;
    let slot: Slot;
    for (;;) {
      const known = slots.get(item);
      if (known) {
        slot = known;
        break;
      }
      if (visiting.has(item)) throw new Refusal('items of the update are placed next to each other in a circle');
      visiting.add(item);
      chain.push(item);
      const own = ownSlot(item);
      if (own instanceof Y.Item) item = own;
      else {
        slot = own;
        break;
      }
    }
    for (const link of chain) slots.set(link, slot);
    return slot;
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Content the document already holds is skipped by Yjs; deleted content carries nothing.
    if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) continue;
    const { place, key } = slotOf(struct);
    switch (place.kind) {
      case 'gone':
        continue;
      case 'root':
        if (place.name !== ROLLING_TEXT_FIELD) throw new Refusal(`unknown root type "${place.name}"; the document holds only "${ROLLING_TEXT_FIELD}"`);
        if (key !== null) throw new Refusal('the rolling text takes no attributes');
        checkChild(null, content);
        continue;
      case 'element': {
        const element = elementType(place.name);
        if (!element) throw new Refusal(`"${place.name}" is not an element of the rolling text`);
        if (key !== null) checkElementAttribute(element, key, content);
        else checkChild(element, content);
        continue;
      }
      case 'text':
        checkText(place.element, key, content);
        continue;
      case 'other':
        throw new Refusal(`content in a ${place.what}, which the rolling text does not have`);
    }
  }
}

/** Something in a document the editor cannot show as it is, with where it is. */
export interface Unrenderable {
  /** "rollingText/box[2]/paragraph[0]/paragraphText[0]": each element with its index among its parent's children. */
  path: string;
  problem: string;
}

/**
 * Everything in a document's rolling text that the editor would drop or fail to show: unknown
 * elements, elements where their parent may not hold them, unknown or ill-typed attributes, unknown
 * or ill-typed marks, embeds. y-tiptap deletes what it cannot convert and rewrites attributes it does
 * not know, so an editor bound to such a document would destroy content: it opens read-only instead.
 * Stops after `limit` findings.
 */
export function findUnrenderable(doc: Y.Doc, limit = 20): Unrenderable[] {
  const found: Unrenderable[] = [];
  const note = (path: string, problem: string) => {
    if (found.length < limit) found.push({ path, problem });
  };
  const guard = (path: string, check: () => void) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      note(path, error.message);
    }
  };
  if (!doc.share.has(ROLLING_TEXT_FIELD)) return found;
  let fragment: Y.XmlFragment;
  try {
    fragment = doc.getXmlFragment(ROLLING_TEXT_FIELD);
  } catch {
    return [{ path: ROLLING_TEXT_FIELD, problem: 'the rolling text is not an XML fragment' }];
  }

  const walk = (parent: Y.XmlFragment, parentType: NodeType | null, path: string): void => {
    parent.toArray().forEach((child, index) => {
      if (found.length >= limit) return;
      if (child instanceof Y.XmlElement) {
        const here = `${path}/${child.nodeName}[${index}]`;
        const type = elementType(child.nodeName);
        if (!type) return note(here, `"${child.nodeName}" is not an element of the rolling text`);
        if (!canHold(parentType ?? schema.topNodeType, child.nodeName)) {
          note(here, `${parentType ? `a ${parentType.name}` : 'the rolling text'} cannot hold a ${child.nodeName}`);
        }
        for (const [key, value] of Object.entries(child.getAttributes())) guard(here, () => checkAttribute(type, `a ${type.name}`, key, value));
        walk(child, type, here);
      } else if (child instanceof Y.XmlText) {
        const here = `${path}/text[${index}]`;
        if (!parentType?.inlineContent) return note(here, `${parentType ? `a ${parentType.name}` : 'the rolling text'} cannot hold text`);
        for (const op of child.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
          if (typeof op.insert !== 'string') note(here, 'text cannot hold an embed');
          for (const [key, value] of Object.entries(op.attributes ?? {})) guard(here, () => checkFormat(parentType, key, value));
        }
      } else {
        note(`${path}[${index}]`, `${parentType ? `a ${parentType.name}` : 'the rolling text'} cannot hold a ${typeName(child as Y.AbstractType<unknown>)}`);
      }
    });
  };
  walk(fragment, null, ROLLING_TEXT_FIELD);
  return found;
}
