/**
 * A compilation as an Akoma Ntoso `amendmentList`: the text itself as the first component (a `doc`,
 * so each amendment's reference can point at the paragraph's eId), then one `amendment` per proposal,
 * with its heading, the paragraph it amends, the proposed wording (`ins`/`del` against the wording
 * now) and its justification. The proposals are read from printCompilation's PrintedDocument, so the
 * AKN carries exactly what the printed compilation shows (and, under the Chatham House Rule, omits
 * what it omits).
 */
import { computeLabels } from '@accord/text';
import type { Node } from 'prosemirror-model';
import type { PrintedDocument, PrintedRun } from '../printed-types.js';
import { escapeXmlText, xmlElement } from '../xml-escape.js';
import type { AknContext } from './akn-context.js';
import { aknIdentification, type AknIdentity } from './akn-meta.js';

function aknRuns(runs: readonly PrintedRun[], parentEId: string, ctx: AknContext): string {
  let out = '';
  for (const run of runs) {
    let piece: string;
    if (run.kind === 'footnote') {
      const n = ctx.nextFootnote();
      const attrs = { eId: ctx.eId(`${parentEId}__authorialNote_${n}`), marker: String(n), placement: 'bottom' };
      piece = xmlElement('authorialNote', attrs, xmlElement('p', {}, escapeXmlText(run.text)));
    } else {
      piece = escapeXmlText(run.text);
      if (run.em) piece = `<i>${piece}</i>`;
      if (run.strong) piece = `<b>${piece}</b>`;
    }
    if (run.change === 'insert') piece = `<ins>${piece}</ins>`;
    else if (run.change === 'delete') piece = `<del>${piece}</del>`;
    out += piece;
  }
  return out;
}

/** The `collectionBody` components after the text's own: one `amendment` per proposal, in text order. */
export function aknAmendmentComponents(doc: Node, compilation: PrintedDocument, identity: AknIdentity, ctx: AknContext): string {
  const citations = computeLabels(doc).byId;
  let out = '';
  let n = 0;
  for (const box of compilation.boxes) {
    for (const block of box.blocks) {
      for (const proposal of block.proposals ?? []) {
        n++;
        const cmp = ctx.eId(`cmp_${n + 1}`);
        const meta = `<meta>${aknIdentification({ ...identity, type: 'amendment', subtype: 'amendment', number: `${identity.number} amendment ${n}` })}</meta>`;
        const target = ctx.located.get(block.id);
        const citation = citations.get(block.id)?.citation ?? block.label;
        const reference = target ? xmlElement('ref', { href: `#${target}` }, escapeXmlText(citation)) : escapeXmlText(citation);
        let body = `<amendmentHeading><p>${escapeXmlText(proposal.heading)}</p></amendmentHeading>`;
        body += `<amendmentReference><p>${reference}</p></amendmentReference>`;
        body += `<amendmentContent><p>${aknRuns(proposal.runs, cmp, ctx)}</p></amendmentContent>`;
        if (proposal.notes.length > 0) body += `<amendmentJustification>${proposal.notes.map((note) => `<p>${escapeXmlText(note)}</p>`).join('')}</amendmentJustification>`;
        out += xmlElement('component', { eId: cmp }, `<amendment name="amendment">${meta}<amendmentBody>${body}</amendmentBody></amendment>`);
      }
    }
  }
  return out;
}
