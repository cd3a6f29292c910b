import { bracketOf, isOwnSponsor, sponsorNames } from '@accord/text';
import type { Node } from '@tiptap/pm/model';
import { cleanSponsors } from '../../editor/negotiation-commands';

/** Why a name is offered as a sponsor: the delegate's own delegation, another in the room, or a state the text already names. */
export type SponsorSource = 'own' | 'room' | 'text' | 'typed';

export interface SponsorOption {
  /** The name written into the bracket. */
  name: string;
  source: SponsorSource;
  /** The delegation's name as the dialogue knows it, when the text writes it shorter ("Republic of Arandia"). */
  fullName?: string;
}

const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Every sponsor the text's brackets name, in reading order, each once. */
export function sponsorsNamedIn(doc: Node): string[] {
  const names: string[] = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const mark = bracketOf(node);
    if (mark) names.push(...sponsorNames(mark.attrs.sponsors));
    return false;
  });
  return cleanSponsors(names);
}

/**
 * The sponsors a person may pick for a bracket: the delegations in the room, their own first, then
 * the states the text already names as sponsors. A delegation is written as the text already writes
 * it ("Arandia" for the Republic of Arandia, as the rules of the room read a sponsor as its own), so
 * one state is not named two ways in one text; else by its name in the dialogue.
 */
export function sponsorOptions(delegations: readonly string[], own: string | null, named: readonly string[]): SponsorOption[] {
  const options: SponsorOption[] = [];
  const taken = new Set<string>();
  const add = (option: SponsorOption) => {
    if (taken.has(key(option.name))) return;
    taken.add(key(option.name));
    options.push(option);
  };
  const inRoom = cleanSponsors(delegations);
  const ownDelegation = own === null ? undefined : inRoom.find((d) => key(d) === key(own));
  const asWritten = (delegation: string) => named.find((n) => isOwnSponsor(delegation, n)) ?? delegation;
  const delegation = (name: string, source: SponsorSource): SponsorOption => {
    const written = asWritten(name);
    return written === name ? { name, source } : { name: written, source, fullName: name };
  };
  if (ownDelegation) add(delegation(ownDelegation, 'own'));
  for (const name of inRoom.filter((d) => d !== ownDelegation).toSorted((a, b) => a.localeCompare(b))) add(delegation(name, 'room'));
  // A state named in the text but not in the room: a delegation's full name covers its short one too.
  const covered = (name: string) => inRoom.some((d) => isOwnSponsor(d, name));
  for (const name of cleanSponsors(named).toSorted((a, b) => a.localeCompare(b))) if (!covered(name)) add({ name, source: 'text' });
  return options;
}

/**
 * Names typed in, added to the options (checked) or, when already offered, the offered one checked:
 * "veloria" or "Kingdom of Veloria" typed picks Veloria rather than naming it twice.
 */
export function addTyped(options: readonly SponsorOption[], checked: ReadonlySet<string>, typed: string): { options: SponsorOption[]; checked: Set<string>; added: string[] } {
  const next = [...options];
  const nowChecked = new Set(checked);
  const added: string[] = [];
  for (const name of cleanSponsors(typed.split(/[,;\n]/))) {
    const delegation = (o: SponsorOption) => o.source === 'own' || o.source === 'room';
    const offered = next.find((o) => key(o.name) === key(name) || (delegation(o) && isOwnSponsor(o.fullName ?? o.name, name)));
    if (offered) nowChecked.add(offered.name);
    else {
      next.push({ name, source: 'typed' });
      nowChecked.add(name);
    }
    added.push(offered?.name ?? name);
  }
  return { options: next, checked: nowChecked, added };
}
