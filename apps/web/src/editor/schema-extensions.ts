import { type Attributes, type Extensions, Mark, Node } from '@tiptap/core';
import type { AttributeSpec, DOMOutputSpec, MarkSpec, NodeSpec, Schema } from '@tiptap/pm/model';
import { schema as rollingTextSchema } from '@accord/text';

/**
 * Tiptap extensions generated from the shared ProseMirror schema, so the editor's schema is the
 * model every other part of Accord reads and writes: same names in the same order (mark order is
 * mark nesting), same content expressions, attributes, parse rules and rendering. Nothing here is
 * written by hand per node; test/schema-parity.test.ts holds the two schemas side by side.
 */

/** Spec fields Tiptap builds itself from a Node's config; any other field is passed through as is. */
const tiptapNodeFields = [
  'content',
  'marks',
  'group',
  'inline',
  'atom',
  'selectable',
  'draggable',
  'code',
  'whitespace',
  'linebreakReplacement',
  'defining',
  'isolating',
] as const;
const tiptapMarkFields = ['inclusive', 'excludes', 'group', 'spanning', 'code'] as const;
/** Fields Tiptap derives from `addAttributes`, `parseHTML` and `renderHTML`. */
const derivedFields = ['attrs', 'parseDOM', 'toDOM'];

function pick<T extends object>(spec: T, fields: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (spec as Record<string, unknown>)[field];
    if (value !== undefined) picked[field] = value;
  }
  return picked;
}

function rest<T extends object>(spec: T, taken: readonly string[]): Record<string, unknown> {
  const others: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(spec)) {
    if (!taken.includes(field) && !derivedFields.includes(field)) others[field] = value;
  }
  return others;
}

/**
 * The spec's attributes as Tiptap attributes. Tiptap would otherwise also read each attribute from
 * an HTML attribute of the same name when parsing, and render it as one: the spec's own parse rules
 * and toDOM already do both, so Tiptap's versions are turned off.
 */
function attributesOf(attrs: Record<string, AttributeSpec> | undefined): Attributes {
  const attributes: Attributes = {};
  for (const [name, spec] of Object.entries(attrs ?? {})) {
    attributes[name] = {
      ...('default' in spec ? { default: spec.default } : { isRequired: true }),
      ...(spec.validate !== undefined ? { validate: spec.validate } : {}),
      rendered: false,
      parseHTML: () => null,
    };
  }
  return attributes;
}

function nodeExtension(name: string, spec: NodeSpec, topNode: boolean) {
  const extra = rest(spec, tiptapNodeFields);
  return Node.create({
    name,
    topNode,
    ...pick(spec, tiptapNodeFields),
    addAttributes: () => attributesOf(spec.attrs),
    ...(spec.parseDOM ? { parseHTML: () => spec.parseDOM } : {}),
    ...(spec.toDOM ? { renderHTML: ({ node }) => spec.toDOM!(node) } : {}),
    extendNodeSchema: (extension) => (extension.name === name ? extra : {}),
  });
}

function markExtension(name: string, spec: MarkSpec) {
  const extra = rest(spec, tiptapMarkFields);
  return Mark.create({
    name,
    ...pick(spec, tiptapMarkFields),
    addAttributes: () => attributesOf(spec.attrs),
    ...(spec.parseDOM ? { parseHTML: () => spec.parseDOM } : {}),
    ...(spec.toDOM ? { renderHTML: ({ mark }): DOMOutputSpec => spec.toDOM!(mark, true) } : {}),
    extendMarkSchema: (extension) => (extension.name === name ? extra : {}),
  });
}

/** One Tiptap extension per node and mark of `schema`, in the schema's order. */
export function extensionsFromSchema(schema: Schema): Extensions {
  const topNode = schema.topNodeType.name;
  const extensions: Extensions = [];
  schema.spec.nodes.forEach((name, spec) => extensions.push(nodeExtension(name, spec, name === topNode)));
  schema.spec.marks.forEach((name, spec) => extensions.push(markExtension(name, spec)));
  return extensions;
}

/** The rolling text's nodes and marks: the schema half of the editor, without any behaviour. */
export function rollingTextSchemaExtensions(): Extensions {
  return extensionsFromSchema(rollingTextSchema);
}
