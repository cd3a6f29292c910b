import type { Person } from '../../document/presence';

/**
 * Who has the document open: a coloured dot (matching their caret), name, affiliation and the kind
 * of organization they speak for. Shown in the room only; nothing here leaves it.
 */
export function PresenceList({ people }: { people: Person[] }) {
  return (
    <div className="presence">
      <h2 className="presence-heading">People here</h2>
      <ul className="presence-list" aria-label="People in this document">
        {people.map((person) => (
          <li key={person.key}>
            <span className="presence-dot" style={{ backgroundColor: person.colour }} aria-hidden="true" />
            <span className="presence-name">
              {person.name}
              {person.you && <span className="presence-you"> (you)</span>}
            </span>
            {(person.affiliation || person.speaker) && (
              <span className="presence-affiliation">
                <span className="visually-hidden">, </span>
                {[person.affiliation, person.speaker].filter(Boolean).join(' — ')}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
