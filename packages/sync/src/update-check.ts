/**
 * Checks a client's Yjs update (v1 encoding) against the server's document BEFORE it is applied.
 *
 * Yjs trusts its input: a malformed update can throw halfway through a transaction and leave the
 * document half-changed, allocate from a declared length, or be parked as "pending" forever when it
 * refers to content the server has never seen. So every update is walked here first, with bounds
 * checks and without allocating from declared sizes, and refused unless Yjs can integrate all of it.
 */
import * as Y from 'yjs';
import { parseJsonValue } from './json-value.js';
import { BoundedReader, MalformedInput } from './protocol/reader.js';

export interface UpdateCheckLimits {
  /** Root types a document may hold (Accord documents use one or two). */
  maxRootTypes: number;
  maxRootNameLength: number;
  /** Nesting depth of `Any` values (lib0 decodes them recursively). */
  maxValueDepth: number;
  /** Highest clock a client may reach: far beyond any real history, far below 2^53. */
  maxClock: number;
  /**
   * Clocks of deleted or garbage-collected content an update may create, whatever its size: content
   * typed and deleted again before it was sent. Beyond that, `deletedClocksPerByte` per byte of the update.
   */
  deletedClocksFloor: number;
  deletedClocksPerByte: number;
}

export type UpdateCheck =
  | {
      ok: true;
      /** Every client id the update carries structs for. */
      clients: number[];
      /** The client ids it brings new content for: structs beyond what the server holds of that client. */
      writes: number[];
      /** Where each client's structs and the delete set sit in the update's bytes. */
      layout: UpdateLayout;
    }
  | { ok: false; code: 'MALFORMED_UPDATE' | 'MISSING_PREDECESSORS'; reason: string };

export interface UpdateLayout {
  runs: Array<{ client: number; start: number; end: number }>;
  deleteSetStart: number;
}

class MissingPredecessor extends Error {}

const STRUCT_GC = 0;
const STRUCT_SKIP = 10;
const CONTENT_DELETED = 1;
const CONTENT_DOC = 9;
const TYPE_REF_MAX = 6;
const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;

export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateCheckLimits): UpdateCheck {
  try {
    return { ok: true, ...walk(doc, update, limits) };
  } catch (error) {
    if (error instanceof MalformedInput) return { ok: false, code: 'MALFORMED_UPDATE', reason: error.message };
    if (error instanceof MissingPredecessor) {
      return { ok: false, code: 'MISSING_PREDECESSORS', reason: error.message };
    }
    // JSON.parse on embedded JSON, or a stack overflow on absurd nesting.
    return { ok: false, code: 'MALFORMED_UPDATE', reason: error instanceof Error ? error.message : String(error) };
  }
}

function walk(doc: Y.Doc, update: Uint8Array, limits: UpdateCheckLimits): { clients: number[]; writes: number[]; layout: UpdateLayout } {
  const r = new BoundedReader(update);
  const stateOf = (client: number) => Y.getState(doc.store, client);
  // End of what the server will know of each client once this update is integrated.
  const reach = new Map<number, number>();
  const typeItems = new Set<string>();
  const refs: number[] = [];
  const parentRefs: number[] = [];
  const newRoots = new Set<string>();
  // A deleted struct costs a few bytes whatever its length: without a bound, 30 bytes could mint a
  // million clocks (fault 2 of issue 9 used that to shadow a victim's offline edits).
  const deletedBudget = Math.max(limits.deletedClocksFloor, limits.deletedClocksPerByte * update.length);
  let deletedNew = 0;

  const clientRuns = r.count(3);
  const runs: UpdateLayout['runs'] = [];
  for (let run = 0; run < clientRuns; run++) {
    const start = r.pos;
    const structs = r.count(1);
    const client = r.varUint();
    let clock = r.varUint();
    if (reach.has(client)) throw new MalformedInput(`client ${client} appears twice`);
    const held = stateOf(client);
    let known = held;
    for (let i = 0; i < structs; i++) {
      const info = r.byte();
      const ref = info & 0x1f;
      let length: number;
      if (ref === STRUCT_SKIP) {
        length = r.varUint();
      } else {
        if (clock > known) {
          throw new MissingPredecessor(`client ${client} continues at ${clock}, the server knows up to ${known}`);
        }
        if (ref === STRUCT_GC) {
          length = r.varUint();
        } else {
          if ((info & 0x80) !== 0) refs.push(...earlierId(r, client, clock));
          if ((info & 0x40) !== 0) refs.push(...earlierId(r, client, clock));
          if ((info & 0xc0) === 0) {
            const parentIsRoot = r.varUint();
            if (parentIsRoot === 1) {
              const name = r.string();
              if (name.length > limits.maxRootNameLength) throw new MalformedInput('root type name too long');
              if (!doc.share.has(name)) newRoots.add(name);
            } else if (parentIsRoot === 0) {
              parentRefs.push(...earlierId(r, client, clock));
            } else {
              throw new MalformedInput('invalid parent info');
            }
            if ((info & 0x20) !== 0) r.string();
          }
          length = readContentLength(r, ref, limits);
          if (ref === 7) typeItems.add(`${client}:${clock}`);
        }
        if (length < 1) throw new MalformedInput('empty struct');
        if (ref === STRUCT_GC || ref === CONTENT_DELETED) {
          deletedNew += Math.max(0, clock + length - Math.max(clock, held));
          if (deletedNew > deletedBudget) throw new MalformedInput('too much deleted content for the size of the update');
        }
        known = Math.max(known, clock + length);
      }
      if (clock + length > limits.maxClock) throw new MalformedInput('clock out of range');
      clock += length;
    }
    reach.set(client, known);
    runs.push({ client, start, end: r.pos });
  }
  if (doc.share.size + newRoots.size > limits.maxRootTypes) throw new MalformedInput('too many root types');

  const knownEnd = (client: number) => reach.get(client) ?? stateOf(client);
  const deleteSetStart = r.pos;
  const deleteClients = r.count(2);
  for (let i = 0; i < deleteClients; i++) {
    const client = r.varUint();
    const ranges = r.count(2);
    for (let j = 0; j < ranges; j++) {
      const clock = r.varUint();
      const length = r.varUint();
      // Yjs never writes an empty range, and throws while applying one it cannot place yet.
      if (length < 1) throw new MalformedInput('empty delete range');
      if (clock + length > limits.maxClock) throw new MalformedInput('clock out of range');
      if (clock + length > knownEnd(client)) {
        throw new MissingPredecessor(`deletes content of client ${client} the server has not seen`);
      }
    }
  }
  r.end();

  for (let i = 0; i < refs.length; i += 2) {
    if (refs[i + 1]! >= knownEnd(refs[i]!)) throw new MissingPredecessor('refers to content the server has not seen');
  }
  for (let i = 0; i < parentRefs.length; i += 2) {
    const client = parentRefs[i]!;
    const clock = parentRefs[i + 1]!;
    if (clock < stateOf(client)) {
      const parent = Y.getItem(doc.store, Y.createID(client, clock));
      // A garbage-collected parent is fine (Yjs turns the child into garbage too); content is not a parent.
      if (parent instanceof Y.Item && !(parent.content instanceof Y.ContentType)) {
        throw new MalformedInput('parent is not a shared type');
      }
    } else if (clock < knownEnd(client)) {
      if (!typeItems.has(`${client}:${clock}`)) throw new MalformedInput('parent is not a shared type');
    } else {
      throw new MissingPredecessor('parent the server has not seen');
    }
  }
  const writes = [...reach].filter(([client, end]) => end > stateOf(client)).map(([client]) => client);
  return { clients: [...reach.keys()], writes, layout: { runs, deleteSetStart } };
}

/**
 * Reads the ID an item refers to (origin, right origin, parent). Yjs integrates a client's structs in
 * clock order, so an item can only refer to its own client's content from before it: an ID at or after
 * its own clock makes Yjs throw halfway through the transaction. Real clients never write one.
 */
function earlierId(r: BoundedReader, client: number, clock: number): [number, number] {
  const refClient = r.varUint();
  const refClock = r.varUint();
  if (refClient === client && refClock >= clock) throw new MalformedInput('an item refers to later content of its own client');
  return [refClient, refClock];
}

/** Reads one item's content and returns its length in clock units, as Yjs counts it. */
function readContentLength(r: BoundedReader, ref: number, limits: UpdateCheckLimits): number {
  switch (ref) {
    case 1: // deleted
      return r.varUint();
    case 2: {
      // JSON: strings, each "undefined" or JSON
      const n = r.count(1);
      for (let i = 0; i < n; i++) {
        const s = r.string();
        if (s !== 'undefined') parseJsonValue(s, limits.maxValueDepth);
      }
      return n;
    }
    case 3: // binary
      r.varBytes();
      return 1;
    case 4: // string, counted in UTF-16 code units
      return r.string().length;
    case 5: // embed
      parseJsonValue(r.string(), limits.maxValueDepth);
      return 1;
    case 6: // format: key + JSON value
      r.string();
      parseJsonValue(r.string(), limits.maxValueDepth);
      return 1;
    case 7: {
      const typeRef = r.varUint();
      if (typeRef > TYPE_REF_MAX) throw new MalformedInput('unknown type');
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) r.string();
      return 1;
    }
    case 8: {
      const n = r.count(1);
      for (let i = 0; i < n; i++) readAny(r, 0, limits.maxValueDepth);
      return n;
    }
    case CONTENT_DOC:
      throw new MalformedInput('subdocuments are not supported');
    default:
      throw new MalformedInput(`unknown content type ${ref}`);
  }
}

function readAny(r: BoundedReader, depth: number, maxDepth: number): void {
  if (depth > maxDepth) throw new MalformedInput('value nested too deeply');
  const tag = r.byte();
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      r.varInt();
      return;
    case 124:
      r.skip(4);
      return;
    case 123:
    case 122:
      r.skip(8);
      return;
    case 119:
      r.string();
      return;
    case 118: {
      const n = r.count(2);
      for (let i = 0; i < n; i++) {
        r.string();
        readAny(r, depth + 1, maxDepth);
      }
      return;
    }
    case 117: {
      const n = r.count(1);
      for (let i = 0; i < n; i++) readAny(r, depth + 1, maxDepth);
      return;
    }
    case 116:
      r.varBytes();
      return;
    default:
      throw new MalformedInput(`unknown value tag ${tag}`);
  }
}

/** A state vector (sync step 1): pairs of client and clock. */
export function checkStateVector(bytes: Uint8Array): boolean {
  try {
    const r = new BoundedReader(bytes);
    const n = r.count(2);
    for (let i = 0; i < n; i++) {
      r.varUint();
      r.varUint();
    }
    r.end();
    return true;
  } catch {
    return false;
  }
}
