/**
 * What one Akoma Ntoso export keeps while it walks the text: footnote numbers, the sponsors named so
 * far (each a TLCOrganization in the references), and the ids already used. The schema makes every
 * eId and GUID unique within a document; a text a hostile writer stored with a repeated id must
 * still give a valid file, so a repeated permanent id is written once and left off the copy.
 */
export class AknContext {
  private footnotes = 0;
  private readonly guids = new Set<string>();
  private readonly eIds = new Set<string>();
  readonly sponsors = new Map<string, string>();
  /** Permanent id → eId of the paragraph or point that carries it, for amendments to point at. */
  readonly located = new Map<string, string>();

  constructor(readonly withSponsors: boolean) {}

  nextFootnote(): number {
    return ++this.footnotes;
  }

  /** The permanent id as GUID and wId, or nothing when it is missing, malformed or already used. */
  identity(id: unknown): { wId?: string; GUID?: string } {
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || this.guids.has(id)) return {};
    this.guids.add(id);
    return { wId: id, GUID: id };
  }

  /** An eId made unique: the AKN naming convention's name, or that name with "-2", "-3", … */
  eId(wanted: string): string {
    let candidate = wanted;
    for (let n = 2; this.eIds.has(candidate); n++) candidate = `${wanted}-${n}`;
    this.eIds.add(candidate);
    return candidate;
  }

  /** The TLCOrganization eId of a sponsoring delegation, named by its position of first mention. */
  sponsor(name: string): string {
    let eId = this.sponsors.get(name);
    if (eId === undefined) {
      eId = `sponsor_${this.sponsors.size + 1}`;
      this.sponsors.set(name, eId);
    }
    return eId;
  }
}
