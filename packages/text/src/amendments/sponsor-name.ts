/**
 * A delegation as a bracket sponsor: the short name states are cited by in a rolling text
 * ("Republic of Arandia" sponsors as "Arandia", "Kingdom of the Netherlands" as "Netherlands").
 * The words after the last " of ", without a leading "the"; a name without " of " as it is.
 */
export function sponsorNameOf(affiliation: string): string {
  const name = affiliation.trim().replace(/\s+/g, ' ');
  const at = name.toLowerCase().lastIndexOf(' of ');
  const tail = at < 0 ? name : name.slice(at + 4);
  return tail.replace(/^the /i, '');
}
