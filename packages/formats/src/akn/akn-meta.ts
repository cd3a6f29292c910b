/**
 * The `meta` block: FRBR identification (Work, Expression, Manifestation) with URIs after the AKN
 * naming convention, and the references every `#…` in the file points at. The author of a working
 * paper is a role (`#chair`), never a person; the source of the markup is Accord itself.
 */
import { PARAGRAPH_STATUSES } from '@accord/text';
import { escapeXmlText, xmlElement } from '../xml-escape.js';
import type { AknContext } from './akn-context.js';
import { STATUS_CONCEPTS } from './akn-body.js';

export type AknAuthorRole = 'chair' | 'secretariat';
const ROLE_NAMES: Record<AknAuthorRole, string> = { chair: 'Chair', secretariat: 'Secretariat' };

export interface AknIdentity {
  /** "doc", "amendmentList", "amendment": the document type in the URI. */
  type: string;
  /** "workingPaper", "compilation", "amendment": the document's `name`. */
  subtype: string;
  /** The symbol without its revision, as the work's number: "CCW/GGE.1/2026/WP.1". */
  number: string;
  /** The work's date (the status date, else the day of export). */
  date: string;
  /** "rev.1", or the date when the text is no named revision. */
  version: string;
  /** The day the file was made (the manifestation's date). */
  generatedOn: string;
  author: AknAuthorRole;
}

/** One URI path segment: "/" of a UN symbol becomes "-", anything else a URI cannot hold is escaped. */
export function uriSegment(value: string): string {
  return encodeURIComponent(value.trim().replace(/\//g, '-').replace(/\s+/g, '-')) || 'untitled';
}

const v = (name: string, value: string): string => xmlElement(name, { value }, null);
const date = (d: string, name: string): string => xmlElement('FRBRdate', { date: d, name }, null);
const tlc = (name: string, eId: string, href: string, showAs: string): string => xmlElement(name, { eId, href, showAs }, null);

export function aknIdentification(id: AknIdentity): string {
  const work = `/akn/un/${id.type}/${uriSegment(id.subtype)}/${id.date}/${uriSegment(id.number)}`;
  const expression = `${work}/eng@${uriSegment(id.version)}`;
  const author = xmlElement('FRBRauthor', { href: `#${id.author}` }, null);
  return (
    '<identification source="#accord">' +
    `<FRBRWork>${v('FRBRthis', `${work}/!main`)}${v('FRBRuri', work)}${date(id.date, 'statusDate')}${author}${v('FRBRcountry', 'un')}${xmlElement('FRBRnumber', { value: id.number }, null)}</FRBRWork>` +
    `<FRBRExpression>${v('FRBRthis', `${expression}/!main`)}${v('FRBRuri', expression)}${date(id.date, 'statusDate')}${author}${xmlElement('FRBRlanguage', { language: 'eng' }, null)}</FRBRExpression>` +
    `<FRBRManifestation>${v('FRBRthis', `${expression}/!main.xml`)}${v('FRBRuri', `${expression}.akn`)}${date(id.generatedOn, 'generation')}${author}${v('FRBRformat', 'application/akn+xml')}</FRBRManifestation>` +
    '</identification>'
  );
}

export function aknReferences(author: AknAuthorRole, ctx: AknContext): string {
  let out = tlc('TLCOrganization', 'accord', '/akn/ontology/organization/accord', 'Accord');
  out += tlc('TLCRole', author, `/akn/ontology/role/un/${author}`, ROLE_NAMES[author]);
  out += tlc('TLCConcept', 'bracket', '/akn/ontology/concept/un/squareBracket', 'Square brackets: wording not yet agreed');
  for (const status of PARAGRAPH_STATUSES) {
    const c = STATUS_CONCEPTS[status];
    out += tlc('TLCConcept', c.eId, `/akn/ontology/concept/un/${c.eId}`, c.showAs);
  }
  for (const [name, eId] of ctx.sponsors) out += tlc('TLCOrganization', eId, `/akn/ontology/organization/un/${eId}`, name);
  return `<references source="#accord">${out}</references>`;
}

export function aknPreface(front: { symbol: string; title: string; statusDate: string | null; subtitle?: string | null }, statusDateText: string | null): string {
  let out = `<p class="symbol"><docNumber>${escapeXmlText(front.symbol)}</docNumber></p>`;
  if (front.statusDate && statusDateText) out += `<p class="statusDate">Status: ${xmlElement('docDate', { date: front.statusDate }, escapeXmlText(statusDateText))}</p>`;
  out += `<p class="title"><docTitle>${escapeXmlText(front.title)}</docTitle></p>`;
  if (front.subtitle) out += `<p class="subtitle">${escapeXmlText(front.subtitle)}</p>`;
  return `<preface>${out}</preface>`;
}
