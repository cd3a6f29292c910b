import type { LabelledParagraph } from '@accord/contract';

/** A paragraph an entry touched, as its card lists it. */
export interface EntryParagraph {
  paragraphId: string;
  /** As it was labelled then (or, without a label then, as it is cited now). */
  label: string;
  /** Where it is cited now; null once it is gone from the text. */
  now: string | null;
}

export const NO_LABEL = 'a paragraph without a label';

/**
 * The paragraphs of one timeline entry as its card lists them: those still in the text first, in the
 * order the server gave (the text's then), and those gone since after them. A label met twice (the
 * whole text replaced: the old "Box I(1)" deleted, a new "Box I(1)" written) is listed once, as the
 * paragraph still there, which is the one a reader can go to.
 */
export function entryParagraphs(paragraphs: readonly LabelledParagraph[], citationNow: (id: string) => string | null): EntryParagraph[] {
  const all = paragraphs.map((p): EntryParagraph => {
    const now = citationNow(p.paragraphId);
    return { paragraphId: p.paragraphId, label: p.label ?? now ?? NO_LABEL, now };
  });
  const ordered = [...all.filter((p) => p.now !== null), ...all.filter((p) => p.now === null)];
  const seen = new Set<string>();
  return ordered.filter((p) => {
    if (p.label === NO_LABEL) return true;
    if (seen.has(p.label)) return false;
    seen.add(p.label);
    return true;
  });
}
