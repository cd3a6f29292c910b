import type { Member, Role } from '../api';
import { canManageChairs, formatDate, speakerLabel } from '../labels';

/** What the chair or secretariat may do to members from the table; absent for everyone else. */
export interface MemberActions {
  myRole: Role;
  myUserId: string;
  onChange: (member: Member) => void;
  onRemove: (member: Member) => void;
}

/**
 * Participants of a dialogue. E-mail addresses arrive only for the chair and secretariat. With
 * `actions`, each row the viewer may touch gets its buttons: only a chair touches a chair, as the
 * server enforces, so the secretariat sees none on a chair's row.
 */
export function MemberTable({ members, labelledBy, actions }: { members: Member[]; labelledBy: string; actions?: MemberActions }) {
  return (
    // Focusable so keyboard users can scroll it sideways when a narrow screen cuts it off.
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table className="member-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Affiliation</th>
            {!actions && <th scope="col">Joined</th>}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId}>
              <th scope="row">
                {member.displayName}
                {member.email && <span className="hint email">{member.email}</span>}
                {/* With the actions there is no room for a column of its own. */}
                {actions && <span className="hint">Joined {formatDate(member.joinedAt)}</span>}
              </th>
              <td>{speakerLabel(member.role, member.affiliation?.kind)}</td>
              <td>{member.affiliation ? member.affiliation.name : <span className="hint">None</span>}</td>
              {!actions && <td className="nowrap">{formatDate(member.joinedAt)}</td>}
              {actions && (
                <td className="nowrap">
                  <div style={rowActions}>
                    <RowActions member={member} actions={actions} />
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A row's buttons, one above the other, so the table fits the page's main column (no stylesheet of its own for one rule). */
export const rowActions = { display: 'flex', flexDirection: 'column', alignItems: 'stretch', gap: '0.35rem' } as const;

function RowActions({ member, actions }: { member: Member; actions: MemberActions }) {
  if (member.role === 'chair' && !canManageChairs(actions.myRole)) return null;
  const you = member.userId === actions.myUserId;
  return (
    <>
      <button type="button" className="button-secondary button-small" onClick={() => actions.onChange(member)}>
        Change role<span className="visually-hidden"> of {you ? 'yourself' : member.displayName}</span>
      </button>
      <button type="button" className="button-secondary button-small" onClick={() => actions.onRemove(member)}>
        {you ? (
          <>
            Leave<span className="visually-hidden"> the dialogue</span>
          </>
        ) : (
          <>
            Remove<span className="visually-hidden"> {member.displayName}</span>
          </>
        )}
      </button>
    </>
  );
}
