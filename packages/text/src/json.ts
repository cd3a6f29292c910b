import { Node } from 'prosemirror-model';
import { TextModelError } from './errors.js';
import { schema } from './schema.js';

export interface RollingTextMarkJSON {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface RollingTextNodeJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RollingTextNodeJSON[];
  marks?: RollingTextMarkJSON[];
  text?: string;
}

/** A whole rolling text as ProseMirror JSON: the lossless form stored, exported and compared. */
export interface RollingTextJSON extends RollingTextNodeJSON {
  type: 'doc';
  content: RollingTextNodeJSON[];
}

export function toJSON(doc: Node): RollingTextJSON {
  return doc.toJSON() as RollingTextJSON;
}

/** Parse JSON into a document the schema accepts; anything else is a TextModelError saying why. */
export function fromJSON(json: unknown): Node {
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== 'doc') {
    throw new TextModelError('not a rolling-text document: expected an object with type "doc"');
  }
  let doc: Node;
  try {
    doc = Node.fromJSON(schema, json);
    doc.check();
  } catch (error) {
    throw new TextModelError(`not a valid rolling-text document: ${error instanceof Error ? error.message : String(error)}`);
  }
  return doc;
}
