/**
 * The one serializer of amendments: the list, one amendment, the compilation and live events all
 * go through `amendmentView`, so the Chatham House Rule is decided in one place. Under it, the
 * proposer and the decider are shown by category, and supporters as counts: names and affiliations
 * reach nobody but the proposer themself.
 */
import type { Amendment, AttributionMode, DiffPart, Supporters } from '@accord/contract';
import { wordDiff } from '@accord/text/amendments';
import type { AudienceMember } from '../dialogues/audience.js';
import { personView } from '../dialogues/person-view.js';
import { can } from '../dialogues/permissions.js';
import type { StoredAmendment, StoredSupport } from './amendments.repository.js';

/** Where the amendment's paragraph is now: its wording and label, or null once it is gone. */
export interface BlockNow {
  text: string;
  label: string;
}

export function amendmentView(amendment: StoredAmendment, viewer: AudienceMember, mode: AttributionMode, now: BlockNow | null): Amendment {
  const open = isOpen(amendment.status);
  const current = now?.text ?? null;
  return {
    id: amendment.id,
    documentId: amendment.documentId,
    paragraphId: amendment.paragraphId,
    label: now?.label ?? amendment.label,
    kind: amendment.kind,
    text: amendment.text,
    justification: amendment.justification,
    status: amendment.status,
    proposer: personView(amendment.proposerId, amendment.proposerRole, amendment.proposer, viewer, mode),
    supporters: supportersView(amendment.supports, viewer, mode),
    baseSeq: amendment.baseSeq,
    baseText: amendment.baseText,
    currentText: current,
    diff: redline(amendment, current),
    createdAt: amendment.createdAt.toISOString(),
    decidedAt: amendment.decidedAt?.toISOString() ?? null,
    decidedBy:
      amendment.decidedBy && amendment.decidedRole && amendment.decider
        ? personView(amendment.decidedBy, amendment.decidedRole, amendment.decider, viewer, mode)
        : null,
    reason: amendment.reason,
    mode: amendment.mode,
    appliedSeq: amendment.appliedSeq,
    can: {
      support: open && can(viewer.role, 'amendments.support') && viewer.affiliationId !== null && viewer.affiliationId !== amendment.proposerAffiliationId,
      withdraw: open && amendment.proposerId === viewer.userId,
      decide: open && can(viewer.role, 'amendments.decide'),
    },
  };
}

export function isOpen(status: StoredAmendment['status']): status is 'submitted' | 'conflict' {
  return status === 'submitted' || status === 'conflict';
}

/**
 * The proposal against the wording as it stands (or, once decided or gone, as it was written
 * against): what a delegation reads in the compilation.
 */
function redline(amendment: StoredAmendment, current: string | null): DiffPart[] {
  const against = isOpen(amendment.status) && current !== null ? current : amendment.baseText;
  switch (amendment.kind) {
    case 'replace':
      return cachedWordDiff(against, amendment.text ?? '');
    case 'insert_after':
      return [{ op: 'insert', text: amendment.text ?? '' }];
    case 'delete':
      return [{ op: 'delete', text: against }];
  }
}

/**
 * The redlines computed last, by wording and proposal: a live event serializes one amendment for
 * every socket with the document open, and a redline of long wordings costs tens of milliseconds, so
 * endorsing and withdrawing in a loop with many sockets open cost a second of CPU per click.
 */
const redlines = new Map<string, DiffPart[]>();
const REDLINES_KEPT = 64;

function cachedWordDiff(from: string, to: string): DiffPart[] {
  const key = `${from.length}:${from}${to}`;
  let diff = redlines.get(key);
  if (diff) redlines.delete(key);
  else diff = wordDiff(from, to);
  redlines.set(key, diff);
  if (redlines.size > REDLINES_KEPT) redlines.delete(redlines.keys().next().value!);
  return diff;
}

export function supportersView(supports: StoredSupport[], viewer: AudienceMember, mode: AttributionMode): Supporters {
  const governments = supports.filter((s) => s.kind !== 'endorse').length;
  const cosponsors = supports.filter((s) => s.kind === 'cosponsor').length;
  const organizations = supports.length - governments;
  const yours = viewer.affiliationId === null ? null : (supports.find((s) => s.affiliationId === viewer.affiliationId)?.kind ?? null);
  return {
    governments,
    cosponsors,
    organizations,
    summary: supportSummary(governments, cosponsors, organizations),
    ...(mode === 'attributed'
      ? { list: supports.map((s) => ({ kind: s.kind, affiliation: s.affiliation, you: s.affiliationId === viewer.affiliationId })) }
      : {}),
    yours,
  };
}

/** "supported by 2 governments (1 co-sponsor), endorsed by 1 organization"; "no support yet". */
export function supportSummary(governments: number, cosponsors: number, organizations: number): string {
  const parts: string[] = [];
  if (governments > 0) {
    parts.push(`supported by ${count(governments, 'government')}${cosponsors > 0 ? ` (${count(cosponsors, 'co-sponsor')})` : ''}`);
  }
  if (organizations > 0) parts.push(`endorsed by ${count(organizations, 'organization')}`);
  return parts.length > 0 ? parts.join(', ') : 'no support yet';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The delegations behind an amendment, as bracket sponsors: the proposing delegation (when a
 * delegate proposed it) and the supporting ones. Positions of states in the text, not attribution
 * of a speaker; an organization of civil society is never a sponsor.
 */
export function sponsoringDelegations(amendment: Pick<StoredAmendment, 'proposer' | 'supports'>): string[] {
  const proposer = amendment.proposer.affiliationKind === 'government' && amendment.proposer.affiliation ? [amendment.proposer.affiliation] : [];
  const supporters = amendment.supports.filter((s) => s.kind !== 'endorse' && s.affiliationKind === 'government').map((s) => s.affiliation);
  return [...new Set([...proposer, ...supporters])];
}

