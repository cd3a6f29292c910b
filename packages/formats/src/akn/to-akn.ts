/**
 * The rolling text as Akoma Ntoso 3.0 (OASIS LegalDocML): a `doc name="workingPaper"`, or, for a
 * compilation, an `amendmentList` holding the text and its amendments. Written as a string in one
 * pass; what it emits is what schema/akn-accord-subset.xsd describes, a subset of the official
 * akomantoso30.xsd (the tests validate against both when the official one is at hand).
 */
import type { Node } from 'prosemirror-model';
import type { FrontMatter, PrintedDocument, PrintOptions } from '../printed-types.js';
import { formatStatusDate, isoDay } from '../status-date.js';
import { AknContext } from './akn-context.js';
import { aknAmendmentComponents } from './akn-amendments.js';
import { aknBody } from './akn-body.js';
import { aknIdentification, aknPreface, aknReferences, type AknAuthorRole, type AknIdentity } from './akn-meta.js';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

export interface AknInput {
  doc: Node;
  front: Pick<FrontMatter, 'symbol' | 'title' | 'statusDate' | 'revisionLabel'>;
  options: PrintOptions;
  /** printCompilation's output: when given, the file is an `amendmentList` of its proposals. */
  compilation?: PrintedDocument;
  /** The day the file is made (ISO); default today. The work's date is the status date, else this. */
  generatedOn?: string;
  /** Whose text it is, as a role: the FRBR author. Default the chair. */
  author?: AknAuthorRole;
}

/** "CCW/GGE.1/2026/WP.1/Rev.1" with revision "Rev.1" → "CCW/GGE.1/2026/WP.1": the work, not the version. */
function workNumber(symbol: string, revision: string | null): string {
  const suffix = revision ? `/${revision}` : null;
  const number = suffix && symbol.endsWith(suffix) ? symbol.slice(0, -suffix.length) : symbol;
  return number.trim() === '' ? 'untitled' : number;
}

export function toAkn(input: AknInput): string {
  const { doc, front } = input;
  const generatedOn = isoDay(input.generatedOn) ?? new Date().toISOString().slice(0, 10);
  const statusDate = isoDay(front.statusDate);
  const date = statusDate ?? generatedOn;
  const identity: AknIdentity = {
    type: 'doc',
    subtype: 'workingPaper',
    number: workNumber(front.symbol, front.revisionLabel),
    date,
    version: front.revisionLabel?.trim() || date,
    generatedOn,
    author: input.author ?? 'chair',
  };
  const ctx = new AknContext(input.options.sponsors);
  const preface = aknPreface({ ...front, statusDate }, statusDate ? formatStatusDate(statusDate) : null);
  const body = `<mainBody>${aknBody(doc, ctx)}</mainBody>`;

  let root: string;
  if (input.compilation) {
    const textDoc = `<doc name="workingPaper"><meta>${aknIdentification(identity)}</meta>${preface}${body}</doc>`;
    const amendments = aknAmendmentComponents(doc, input.compilation, identity, ctx);
    const listIdentity = { ...identity, type: 'amendmentList', subtype: 'compilation' };
    const listPreface = aknPreface({ ...front, statusDate, subtitle: 'Compilation of amendments' }, statusDate ? formatStatusDate(statusDate) : null);
    root =
      `<amendmentList name="compilation"><meta>${aknIdentification(listIdentity)}${aknReferences(identity.author, ctx)}</meta>${listPreface}` +
      `<collectionBody><component eId="${ctx.eId('cmp_1')}">${textDoc}</component>${amendments}</collectionBody></amendmentList>`;
  } else {
    root = `<doc name="workingPaper"><meta>${aknIdentification(identity)}${aknReferences(identity.author, ctx)}</meta>${preface}${body}</doc>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="${AKN_NAMESPACE}">${root}</akomaNtoso>\n`;
}
