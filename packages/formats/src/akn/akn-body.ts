/**
 * The rolling text as the `mainBody` of an Akoma Ntoso `doc`: a box is a `section`, a paragraph a
 * `paragraph`, and a paragraph with sub-paragraphs holds a `list` whose `intro` is the chapeau and
 * whose `point`s are the sub-paragraphs. eIds follow the AKN naming convention (`sec_III__para_2bis
 * __list_1__point_a`); the permanent id is the GUID and wId, so the archive can follow a paragraph
 * across revisions as Accord does. An alternative ("3 Alt 2") names the first of its group in
 * `alternativeTo`; a status is the paragraph's `class` and `refersTo` a TLCConcept, since the AKN
 * `status` attribute describes the markup (edited, removed…), not a negotiating status.
 */
import { computeLabels, isParagraphStatus, N, type Labels, type ParagraphStatus } from '@accord/text';
import type { Node } from 'prosemirror-model';
import { escapeXmlText, xmlElement } from '../xml-escape.js';
import type { AknContext } from './akn-context.js';
import { aknInline } from './akn-inline.js';

export const STATUS_CONCEPTS: Record<ParagraphStatus, { eId: string; showAs: string }> = {
  under_negotiation: { eId: 'underNegotiation', showAs: 'Under negotiation' },
  agreed_ad_ref: { eId: 'agreedAdRef', showAs: 'Agreed ad referendum' },
  agreed: { eId: 'agreed', showAs: 'Agreed' },
};

/** A label as the naming convention's number: punctuation and spaces out ("3 Alt 1" → "3-alt1", "(b bis)" → "bbis"). */
export function eIdNumber(short: string): string {
  const alt = / Alt (\d+)$/.exec(short);
  const base = (alt ? short.slice(0, alt.index) : short).replace(/[()\s.]/g, '');
  return `${base}${alt ? `-alt${alt[1]}` : ''}`.replace(/[^A-Za-z0-9-]/g, '') || '0';
}

export function aknBody(doc: Node, ctx: AknContext, prefix = ''): string {
  const labels = computeLabels(doc);
  let out = '';
  doc.forEach((box, boxPos) => {
    if (box.type.name !== N.box) return;
    const label = labels.atPos.get(boxPos)!;
    const eId = ctx.eId(`${prefix}sec_${label.short}`);
    const identity = ctx.identity(box.attrs.id);
    const title = box.firstChild?.type.name === N.boxTitle ? box.firstChild.textContent : '';
    let inner = xmlElement('num', {}, escapeXmlText(`Box ${label.short}.`)) + `<heading>${escapeXmlText(title)}</heading>`;
    const altFirst = new Map<string, string>();
    box.forEach((paragraph, offset) => {
      if (paragraph.type.name === N.paragraph) inner += aknParagraph(paragraph, boxPos + 1 + offset, eId, labels, altFirst, ctx);
    });
    out += xmlElement('section', { eId, ...identity }, inner);
  });
  return out;
}

function aknParagraph(paragraph: Node, pos: number, sectionEId: string, labels: Labels, altFirst: Map<string, string>, ctx: AknContext): string {
  const label = labels.atPos.get(pos)!;
  const eId = ctx.eId(`${sectionEId}__para_${eIdNumber(label.short)}`);
  const identity = ctx.identity(paragraph.attrs.id);
  if (identity.GUID) ctx.located.set(identity.GUID, eId);
  let alternativeTo: string | undefined;
  if (label.alt) {
    const first = altFirst.get(label.alt.group);
    if (first === undefined) altFirst.set(label.alt.group, eId);
    else alternativeTo = first;
  }
  const status: unknown = paragraph.attrs.status;
  const concept = isParagraphStatus(status) ? STATUS_CONCEPTS[status] : STATUS_CONCEPTS.under_negotiation;
  const text = paragraph.firstChild?.type.name === N.paragraphText ? aknInline(paragraph.firstChild, eId, ctx) : '';
  const subs: Array<{ node: Node; pos: number }> = [];
  paragraph.forEach((child, offset) => {
    if (child.type.name === N.subparagraph) subs.push({ node: child, pos: pos + 1 + offset });
  });

  let inner = xmlElement('num', {}, escapeXmlText(`${label.short}.`));
  if (subs.length === 0) {
    inner += `<content><p>${text}</p></content>`;
  } else {
    const listEId = ctx.eId(`${eId}__list_1`);
    let list = text === '' ? '' : `<intro><p>${text}</p></intro>`;
    for (const sub of subs) {
      const subLabel = labels.atPos.get(sub.pos)!;
      const pointEId = ctx.eId(`${listEId}__point_${eIdNumber(subLabel.short)}`);
      const pointIdentity = ctx.identity(sub.node.attrs.id);
      if (pointIdentity.GUID) ctx.located.set(pointIdentity.GUID, pointEId);
      const body = `${xmlElement('num', {}, escapeXmlText(subLabel.short))}<content><p>${aknInline(sub.node, pointEId, ctx)}</p></content>`;
      list += xmlElement('point', { eId: pointEId, ...pointIdentity }, body);
    }
    inner += xmlElement('list', { eId: listEId }, list);
  }
  return xmlElement('paragraph', { eId, ...identity, class: concept.eId, refersTo: `#${concept.eId}`, alternativeTo }, inner);
}
