import type { Member } from '../api';
import { affiliationKindLabels, formatDate, roleLabels } from '../labels';

/** Participants of a dialogue. E-mail addresses arrive only for the chair and secretariat. */
export function MemberTable({ members, labelledBy }: { members: Member[]; labelledBy: string }) {
  return (
    // Focusable so keyboard users can scroll it sideways when a narrow screen cuts it off.
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Affiliation</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId}>
              <th scope="row">
                {member.displayName}
                {member.email && <span className="hint email">{member.email}</span>}
              </th>
              <td>{roleLabels[member.role]}</td>
              <td>
                {member.affiliation ? (
                  <>
                    {member.affiliation.name}
                    <span className="hint">{affiliationKindLabels[member.affiliation.kind]}</span>
                  </>
                ) : (
                  <span className="hint">None</span>
                )}
              </td>
              <td className="nowrap">{formatDate(member.joinedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
