/**
 * The compilation as plain text, for an e-mail or a printout: each paragraph as it stands, and
 * under it its amendments with a word-level redline: <<-removed->> <<+added+>> (wdiff's markers would
 * collide with the text's own brackets and sponsors).
 */
import { amendmentKindLabels, amendmentStatusLabels, type Amendment, type Compilation, type DiffPart } from '@accord/contract';

const STATUS_MARKERS = { under_negotiation: '', agreed_ad_ref: ' {agreed ad ref}', agreed: ' {agreed}' } as const;

export function compilationText(compilation: Compilation): string {
  const lines: string[] = [];
  lines.push(`Compilation of amendments: ${compilation.title}`);
  lines.push(`As at ${compilation.generatedAt.slice(0, 10)} (log position ${compilation.seq}). ${totalsLine(compilation)}`);
  if (compilation.attribution === 'chatham_house') {
    lines.push('Under the Chatham House Rule: proposers and supporters are shown by category and count, never by name or affiliation.');
  }
  for (const box of compilation.boxes) {
    lines.push('', `Box ${box.label}. ${box.title}`.trimEnd());
    for (const paragraph of box.paragraphs) {
      lines.push('', `${paragraph.label}${paragraph.text === '' ? '' : ` ${paragraph.text}`}${STATUS_MARKERS[paragraph.status]}`);
      paragraph.amendments.forEach((amendment, index) => lines.push(...amendmentLines(amendment, index + 1, compilation.attribution)));
    }
  }
  if (compilation.removed.length > 0) {
    lines.push('', 'Amendments to paragraphs no longer in the text');
    compilation.removed.forEach((amendment, index) => lines.push('', amendment.label, ...amendmentLines(amendment, index + 1, compilation.attribution)));
  }
  return `${lines.join('\n')}\n`;
}

function amendmentLines(amendment: Amendment, n: number, attribution: Compilation['attribution']): string[] {
  // A file leaves the room: under the rule even the proposer's own copy names nobody.
  const who = attribution === 'attributed' && amendment.proposer.name ? `${amendment.proposer.name}${amendment.proposer.affiliation ? `, ${amendment.proposer.affiliation}` : ''}` : amendment.proposer.category;
  const lines = [`   Amendment ${n}: ${amendmentKindLabels[amendment.kind]}, ${amendmentStatusLabels[amendment.status].toLowerCase()}. Proposed by ${who}; ${amendment.supporters.summary}.`];
  if (amendment.supporters.list && amendment.supporters.list.length > 0) {
    lines.push(`      Supporters: ${amendment.supporters.list.map((s) => `${s.affiliation} (${s.kind === 'cosponsor' ? 'co-sponsor' : s.kind})`).join('; ')}`);
  }
  if (amendment.text !== null) lines.push(`      Proposed: ${amendment.text}`);
  lines.push(`      Redline: ${redlineText(amendment.diff)}`);
  if (amendment.justification) lines.push(`      Justification: ${amendment.justification}`);
  if (amendment.reason) lines.push(`      ${amendment.status === 'rejected' ? 'Reason' : 'Note'}: ${amendment.reason}`);
  return lines;
}

export function redlineText(diff: DiffPart[]): string {
  return diff.map((part) => (part.op === 'equal' ? part.text : part.op === 'insert' ? `<<+${part.text}+>>` : `<<-${part.text}->>`)).join('');
}

function totalsLine(compilation: Compilation): string {
  const parts = Object.entries(compilation.totals)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${amendmentStatusLabels[status as keyof typeof amendmentStatusLabels].toLowerCase()}`);
  return parts.length > 0 ? `Amendments: ${parts.join(', ')}.` : 'No amendments.';
}
