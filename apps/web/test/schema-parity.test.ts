import { schema as shared } from '@accord/text';
import { getSchema } from '@tiptap/core';
import { type DOMOutputSpec, type Mark, Node, type ParseRule, Schema } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { extensionsFromSchema, rollingTextSchemaExtensions } from '../src/editor/schema-extensions';

/**
 * Rule: the editor's schema IS the shared rolling-text schema. The Tiptap extensions are generated
 * from packages/text's schema; this holds the two side by side — names and their order, content
 * expressions, groups, every spec flag, attributes and defaults, rendering and parsing — so a
 * document one side writes is one the other reads unchanged.
 */

/** A document using every node, mark and attribute, none of them at its default. */
const sample = {
  type: 'doc',
  content: [
    {
      type: 'box',
      attrs: { id: 'box-3' },
      content: [
        { type: 'boxTitle', content: [{ type: 'text', text: 'Prohibitions and requirements' }] },
        {
          type: 'paragraph',
          attrs: { id: 'par-2bis', num: 2, sfx: 1, status: 'agreed_ad_ref', alt: 'alt-group' },
          content: [
            {
              type: 'paragraphText',
              content: [
                { type: 'text', text: 'States ' },
                { type: 'text', text: 'shall', marks: [{ type: 'bracket', attrs: { id: 'br-1', sponsors: ['Arandia', 'Veloria'] } }, { type: 'em' }] },
                { type: 'footnote', attrs: { id: 'fn-1', text: 'See CCW/GGE.1/2023/2, para. 12.' } },
                { type: 'text', text: ' ensure', marks: [{ type: 'strong' }] },
              ],
            },
            { type: 'subparagraph', attrs: { id: 'sub-a', num: 1, sfx: 2 }, content: [{ type: 'text', text: 'human control' }] },
          ],
        },
      ],
    },
  ],
};

/** An element with just what parse rules read: attributes and text. */
function fakeElement(attrs: Record<string, string>): HTMLElement {
  return { getAttribute: (name: string) => attrs[name] ?? null, hasAttribute: (name: string) => name in attrs, textContent: '' } as unknown as HTMLElement;
}

function domAttrs(spec: DOMOutputSpec): Record<string, string> {
  if (!Array.isArray(spec)) return {};
  const second: unknown = spec[1];
  return second && typeof second === 'object' && !Array.isArray(second) ? (second as Record<string, string>) : {};
}

function parsedAttrs(rule: ParseRule, element: HTMLElement): unknown {
  const got = rule.getAttrs ? rule.getAttrs(element as never) : rule.attrs;
  // Tiptap wraps getAttrs and returns {} where the rule returned nothing: the same to ProseMirror.
  return got === null || got === undefined ? {} : got;
}

const derived = new Set(['attrs', 'parseDOM', 'toDOM']);

function specFields(spec: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(spec).filter(([key, value]) => !derived.has(key) && value !== undefined));
}

function attrSpecs(spec: { attrs?: Record<string, { default?: unknown; validate?: unknown }> }) {
  return Object.fromEntries(
    Object.entries(spec.attrs ?? {}).map(([name, a]) => [name, { hasDefault: 'default' in a, default: a.default, validate: a.validate }]),
  );
}

function ruleShape(rule: ParseRule): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule).filter(([key]) => key !== 'getAttrs'));
}

/** Every way `actual` differs from `expected`, as sentences; empty when they are the same model. */
function schemaDifferences(expected: Schema, actual: Schema): string[] {
  const problems: string[] = [];
  const check = (what: string, a: unknown, b: unknown) => {
    try {
      expect(b).toEqual(a);
    } catch {
      problems.push(`${what}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`);
    }
  };
  check('node names in order', Object.keys(expected.nodes), Object.keys(actual.nodes));
  check('mark names in order', Object.keys(expected.marks), Object.keys(actual.marks));
  check('top node', expected.topNodeType.name, actual.topNodeType.name);

  const types = [
    ...Object.keys(expected.nodes).map((name) => ['node', name, expected.nodes[name]!.spec, actual.nodes[name]?.spec] as const),
    ...Object.keys(expected.marks).map((name) => ['mark', name, expected.marks[name]!.spec, actual.marks[name]?.spec] as const),
  ];
  for (const [kind, name, want, got] of types) {
    if (!got) continue;
    check(`${kind} ${name} spec`, specFields(want), specFields(got));
    check(`${kind} ${name} attributes`, attrSpecs(want), attrSpecs(got));
    const wantRules = want.parseDOM ?? [];
    const gotRules = got.parseDOM ?? [];
    check(`${kind} ${name} parse rules`, wantRules.map(ruleShape), gotRules.map(ruleShape));
  }

  // Rendering and parsing, on a document that uses everything.
  let a: Node;
  let b: Node;
  try {
    a = Node.fromJSON(expected, sample);
    b = Node.fromJSON(actual, sample);
    a.check();
    b.check();
  } catch (error) {
    problems.push(`the sample document: ${String(error)}`);
    return problems;
  }
  check('the sample document', a.toJSON(), b.toJSON());
  const nodesA: Node[] = [];
  const nodesB: Node[] = [];
  a.descendants((node) => void nodesA.push(node));
  b.descendants((node) => void nodesB.push(node));
  nodesA.forEach((nodeA, i) => {
    const nodeB = nodesB[i]!;
    const renderings: Array<[string, DOMOutputSpec | undefined, DOMOutputSpec | undefined, readonly ParseRule[]]> = [];
    if (!nodeA.isText) renderings.push([`node ${nodeA.type.name}`, nodeA.type.spec.toDOM?.(nodeA), nodeB.type.spec.toDOM?.(nodeB), nodeB.type.spec.parseDOM ?? []]);
    nodeA.marks.forEach((markA: Mark, m) => {
      const markB = nodeB.marks[m]!;
      renderings.push([`mark ${markA.type.name}`, markA.type.spec.toDOM?.(markA, true), markB.type.spec.toDOM?.(markB, true), markB.type.spec.parseDOM ?? []]);
    });
    for (const [what, domA, domB, rulesB] of renderings) {
      check(`${what} rendering`, domA, domB);
      if (!domA) continue;
      // What one side renders, the other parses back to the same attributes.
      const element = fakeElement(domAttrs(domA));
      const rulesA = (what.startsWith('node') ? nodeA.type.spec.parseDOM : nodeA.marks.find((m) => `mark ${m.type.name}` === what)?.type.spec.parseDOM) ?? [];
      rulesA.forEach((rule, r) => {
        if (rulesB[r]) check(`${what} parse rule ${r} attributes`, parsedAttrs(rule, element), parsedAttrs(rulesB[r], element));
      });
    }
  });
  return problems;
}

describe('the editor schema is the shared rolling-text schema', () => {
  const editorSchema = getSchema(rollingTextSchemaExtensions());

  it('has every node and mark of the shared schema, in the same order, and nothing else', () => {
    expect(Object.keys(editorSchema.nodes)).toEqual(Object.keys(shared.nodes));
    expect(Object.keys(editorSchema.marks)).toEqual(Object.keys(shared.marks));
    expect(editorSchema.topNodeType.name).toBe('doc');
  });

  it('matches content expressions, groups, flags, attributes, rendering and parsing', () => {
    expect(schemaDifferences(shared, editorSchema)).toEqual([]);
  });

  it('compiles the same content rules: the empty document both fill is the same', () => {
    const a = shared.topNodeType.createAndFill()!;
    const b = editorSchema.topNodeType.createAndFill()!;
    expect(b.toJSON()).toEqual(a.toJSON());
    for (const name of Object.keys(shared.nodes)) {
      expect(editorSchema.nodes[name]!.contentMatch.defaultType?.name, name).toBe(shared.nodes[name]!.contentMatch.defaultType?.name);
      expect(editorSchema.nodes[name]!.isInline, name).toBe(shared.nodes[name]!.isInline);
      expect(editorSchema.nodes[name]!.isAtom, name).toBe(shared.nodes[name]!.isAtom);
    }
  });

  it('the sample document uses every node and mark type, so rendering and parsing are checked for all', () => {
    const doc = Node.fromJSON(shared, sample);
    const used = new Set<string>([doc.type.name]);
    doc.descendants((node) => {
      used.add(node.type.name);
      for (const mark of node.marks) used.add(mark.type.name);
    });
    expect([...used].toSorted()).toEqual([...Object.keys(shared.nodes), ...Object.keys(shared.marks)].toSorted());
  });

  it('the comparison notices a difference: a schema with one changed default is not the shared one', () => {
    const altered = new Schema({
      nodes: shared.spec.nodes.update('paragraph', {
        ...shared.spec.nodes.get('paragraph')!,
        attrs: { ...shared.spec.nodes.get('paragraph')!.attrs, status: { default: 'agreed' } },
      }),
      marks: shared.spec.marks,
    });
    const differences = schemaDifferences(shared, getSchema(extensionsFromSchema(altered)));
    expect(differences.some((d) => d.startsWith('node paragraph attributes'))).toBe(true);
  });

  it('the comparison notices a difference: a mark moved changes the nesting order', () => {
    const reordered = new Schema({ nodes: shared.spec.nodes, marks: shared.spec.marks.remove('bracket').append({ bracket: shared.spec.marks.get('bracket')! }) });
    expect(schemaDifferences(shared, getSchema(extensionsFromSchema(reordered)))).toContainEqual(expect.stringContaining('mark names in order'));
  });
});
