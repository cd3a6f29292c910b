import { Node } from 'prosemirror-model';
import { bracketRepairs } from './identity.js';
import { isLabelNumber, MAX_LABEL_NUMBER, validClaim, type LabelClaim } from './label-claims.js';
import { computeLabels, paragraphSlots, slotClaim } from './labels.js';
import { isParagraphStatus, M, N, PARAGRAPH_STATUSES, schema } from './schema.js';

export interface DocumentProblem {
  /** Where: "box[2].paragraph[3].status"; indices are 0-based among siblings of the same type. */
  path: string;
  message: string;
}

export type DocumentValidation = { ok: true; doc: Node } | { ok: false; problems: DocumentProblem[] };

const IDENTIFIED = new Set<string>([N.box, N.paragraph, N.subparagraph, N.footnote]);
/** Nodes that occur once in their parent, so their path needs no index. */
const SINGLE = new Set<string>([N.boxTitle, N.paragraphText]);

interface Visit {
  node: Node;
  path: string;
}

/**
 * Everything a stored or uploaded rolling text must satisfy beyond parsing: the schema, ids present
 * and unique, attribute types, alternatives that form one adjacent group of two or more, label claims
 * that do not collide, each bracket within one paragraph text or sub-paragraph. Returns every problem
 * found, not just the first.
 */
export function validateDocument(json: unknown): DocumentValidation {
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== 'doc') {
    return { ok: false, problems: [{ path: '', message: 'not a rolling-text document: expected an object with type "doc"' }] };
  }
  let doc: Node;
  try {
    doc = Node.fromJSON(schema, json);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `does not parse: ${messageOf(error)}` }] };
  }

  const visits = visitAll(doc);
  const problems: DocumentProblem[] = [];
  for (const visit of visits) checkStructure(visit, problems);
  if (problems.length === 0) {
    try {
      doc.check();
    } catch (error) {
      problems.push({ path: '', message: messageOf(error) });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  for (const visit of visits) checkAttrs(visit, problems);
  checkUniqueIds(visits, problems);
  checkAltGroups(doc, problems);
  checkClaims(doc, problems);
  checkBracketsStayHome(doc, problems);
  if (problems.length === 0) checkLabelsUnique(doc, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, doc };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function visitAll(doc: Node): Visit[] {
  const visits: Visit[] = [];
  const walk = (node: Node, path: string): void => {
    visits.push({ node, path });
    const counts = new Map<string, number>();
    node.forEach((child) => {
      const name = child.type.name;
      const index = counts.get(name) ?? 0;
      counts.set(name, index + 1);
      const segment = SINGLE.has(name) ? name : `${name}[${index}]`;
      walk(child, path === '' ? segment : `${path}.${segment}`);
    });
  };
  walk(doc, '');
  return visits;
}

function at(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

function checkStructure({ node, path }: Visit, problems: DocumentProblem[]): void {
  if (node.isText) return;
  const children: Node[] = [];
  node.forEach((child) => children.push(child));
  if (!node.type.contentMatch.matchFragment(node.content)?.validEnd) {
    const expected = node.type.spec.content ?? 'nothing';
    problems.push({ path, message: `${node.type.name} must contain "${expected}" but contains [${children.map((c) => c.type.name).join(', ')}]` });
    return;
  }
  for (const child of children) {
    const refused = child.marks.filter((mark) => !node.type.allowsMarkType(mark.type));
    if (refused.length > 0) problems.push({ path, message: `${node.type.name} allows no ${refused.map((m) => m.type.name).join(', ')} mark` });
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function checkLabelAttrs(node: Node, path: string, problems: DocumentProblem[]): void {
  const { num, sfx } = node.attrs as { num: unknown; sfx: unknown };
  if (num !== null && !isLabelNumber(num)) {
    problems.push({ path: at(path, 'num'), message: `num must be null or an integer from 0 to ${MAX_LABEL_NUMBER}, got ${JSON.stringify(num)}` });
  }
  if (!isLabelNumber(sfx)) {
    problems.push({ path: at(path, 'sfx'), message: `sfx must be an integer from 0 to ${MAX_LABEL_NUMBER}, got ${JSON.stringify(sfx)}` });
  }
}

function checkAttrs({ node, path }: Visit, problems: DocumentProblem[]): void {
  const name = node.type.name;
  if (IDENTIFIED.has(name) && !isId(node.attrs.id)) {
    problems.push({ path: at(path, 'id'), message: `a ${name} needs a non-empty string id` });
  }
  if (name === N.paragraph) {
    checkLabelAttrs(node, path, problems);
    if (!isParagraphStatus(node.attrs.status)) {
      problems.push({ path: at(path, 'status'), message: `status must be one of ${PARAGRAPH_STATUSES.join(', ')}, got ${JSON.stringify(node.attrs.status)}` });
    }
    const alt: unknown = node.attrs.alt;
    if (alt !== null && !isId(alt)) problems.push({ path: at(path, 'alt'), message: 'alt must be null or a non-empty group id' });
  }
  if (name === N.subparagraph) checkLabelAttrs(node, path, problems);
  if (name === N.footnote && typeof node.attrs.text !== 'string') {
    problems.push({ path: at(path, 'text'), message: 'a footnote text must be a string' });
  }
  for (const mark of node.marks) {
    if (mark.type.name !== M.bracket) continue;
    const markPath = at(path, M.bracket);
    if (!isId(mark.attrs.id)) problems.push({ path: at(markPath, 'id'), message: 'a bracket needs a non-empty string id' });
    const sponsors: unknown = mark.attrs.sponsors;
    if (!Array.isArray(sponsors) || !sponsors.every((s) => typeof s === 'string' && s.trim() !== '')) {
      problems.push({ path: at(markPath, 'sponsors'), message: 'sponsors must be an array of non-empty names' });
    }
  }
}

function checkUniqueIds(visits: Visit[], problems: DocumentProblem[]): void {
  const firstPath = new Map<string, string>();
  for (const { node, path } of visits) {
    const id: unknown = node.attrs.id;
    if (!IDENTIFIED.has(node.type.name) || !isId(id)) continue;
    const earlier = firstPath.get(id);
    if (earlier === undefined) firstPath.set(id, path);
    else problems.push({ path: at(path, 'id'), message: `id ${id} is already used by ${earlier}` });
  }
}

function checkAltGroups(doc: Node, problems: DocumentProblem[]): void {
  const groups = new Map<string, Array<{ box: number; child: number; path: string }>>();
  doc.forEach((box, _offset, boxIndex) => {
    let paragraphIndex = 0;
    box.forEach((child, _childOffset, childIndex) => {
      if (child.type.name !== N.paragraph) return;
      const path = `box[${boxIndex}].paragraph[${paragraphIndex++}]`;
      const alt: unknown = child.attrs.alt;
      if (!isId(alt)) return;
      const members = groups.get(alt) ?? [];
      members.push({ box: boxIndex, child: childIndex, path });
      groups.set(alt, members);
    });
  });
  for (const [group, members] of groups) {
    const first = members[0]!;
    if (members.length < 2) {
      problems.push({ path: at(first.path, 'alt'), message: `alternative group ${group} has one paragraph; an alternative needs at least one other` });
      continue;
    }
    const adjacent = members.every((m, i) => m.box === first.box && m.child === first.child + i);
    if (!adjacent) {
      problems.push({ path: at(first.path, 'alt'), message: `the paragraphs of alternative group ${group} are not adjacent (${members.map((m) => m.path).join(', ')})` });
    }
  }
}

/** Two slots claiming one label means a copy kept its original's claim; the later one would be renumbered. */
function checkClaims(doc: Node, problems: DocumentProblem[]): void {
  doc.forEach((box, _offset, boxIndex) => {
    const claimed = new Map<string, string>();
    let paragraphIndex = 0;
    for (const slot of paragraphSlots(box)) {
      const paths = slot.map(() => `box[${boxIndex}].paragraph[${paragraphIndex++}]`);
      const claim = slotClaim(slot.map((p) => p.node));
      const holder = slot.findIndex((p) => p.node.attrs.num === claim.num && p.node.attrs.sfx === claim.sfx);
      claimOnce(claimed, claim, paths[Math.max(holder, 0)]!, problems);
      slot.forEach(({ node }, k) => {
        const subClaims = new Map<string, string>();
        let subIndex = 0;
        node.forEach((sub) => {
          if (sub.type.name === N.subparagraph) claimOnce(subClaims, sub.attrs as LabelClaim, `${paths[k]}.subparagraph[${subIndex++}]`, problems);
        });
      });
    }
  });
}

function claimOnce(claimed: Map<string, string>, claim: LabelClaim, path: string, problems: DocumentProblem[]): void {
  const label = validClaim(claim);
  if (label === null) return;
  const key = `${label.num}:${label.sfx}`;
  const earlier = claimed.get(key);
  if (earlier === undefined) claimed.set(key, path);
  else problems.push({ path: at(path, 'num'), message: `claims the same label (num ${label.num}, sfx ${label.sfx}) as ${earlier}` });
}

/** A bracket is one piece of text: its id in a second paragraph or sub-paragraph is a copy. */
function checkBracketsStayHome(doc: Node, problems: DocumentProblem[]): void {
  const reported = new Set<string>();
  for (const { previousId } of bracketRepairs(doc)) {
    if (reported.has(previousId)) continue;
    reported.add(previousId);
    problems.push({ path: '', message: `bracket ${previousId} reaches into more than one paragraph or sub-paragraph` });
  }
}

/** The label rule guarantees this; checked so a regression in it can never reach a stored text. */
function checkLabelsUnique(doc: Node, problems: DocumentProblem[]): void {
  const seen = new Set<string>();
  for (const label of computeLabels(doc).list) {
    if (seen.has(label.citation)) problems.push({ path: '', message: `two places are labelled ${label.citation}` });
    seen.add(label.citation);
  }
}
