import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { addTyped, type SponsorOption, sponsorOptions, type SponsorSource } from './sponsor-options';
import type { Resource } from '../../hooks';
// The picker's and the footnote box's styles, kept beside them (several people change styles.css at once).
// oxlint-disable-next-line import/no-unassigned-import
import './editor-details.css';

interface SponsorPickerProps {
  /** The governments members speak for (useDelegations). */
  delegations: Resource<string[]>;
  /** The delegate's own affiliation as the dialogue knows it: proposed first, and checked. */
  own: string | null;
  /** Sponsors the text's brackets already name, for states that are not in the room. */
  named: readonly string[];
  /** Shown above the choices: the words about to be bracketed. */
  context?: ReactNode;
  onConfirm: (sponsors: string[]) => void;
  onClose: () => void;
}

const sourceNotes: Record<SponsorSource, string> = {
  own: 'Your delegation',
  room: 'In the room',
  text: 'Already a sponsor in the text',
  typed: 'Added by you',
};

/**
 * Who sponsors a bracket: the dialogue's delegations as checkboxes (the delegate's own first and
 * checked), the states the text already names, and any state typed in that is not in the room.
 * Native checkboxes in a fieldset: Tab and Space work as everywhere, and screen readers announce a
 * group. The names come back in the order shown.
 */
export function SponsorPicker({ delegations, own, named, context, onConfirm, onClose }: SponsorPickerProps) {
  const loaded = delegations.status === 'ready' ? delegations.data : null;
  // Typed names stay when the delegations arrive; the own delegation is checked once, when it first shows.
  const [typed, setTyped] = useState<SponsorOption[]>([]);
  const [checked, setChecked] = useState<Set<string> | null>(null);
  const [draft, setDraft] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const draftRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** The names just added: the list scrolls to show them checked. */
  const [added, setAdded] = useState<string[]>([]);
  const id = useId();

  useEffect(() => {
    const shown = added.at(-1);
    if (shown === undefined) return;
    const item = [...(listRef.current?.children ?? [])].find((li) => li.getAttribute('data-name') === shown);
    item?.scrollIntoView({ block: 'nearest' });
  }, [added]);

  const offered = sponsorOptions(loaded ?? [], own, named);
  const options = [...offered, ...typed.filter((t) => !offered.some((o) => o.name === t.name))];
  const initial = new Set(offered.filter((o) => o.source === 'own').map((o) => o.name));
  const ticked = checked ?? initial;

  function toggle(name: string, on: boolean) {
    const next = new Set(ticked);
    if (on) next.add(name);
    else next.delete(name);
    setChecked(next);
  }

  /** Adds the names typed, checked. */
  function addDraft() {
    if (draft.trim() === '') return;
    const result = addTyped(options, ticked, draft);
    setTyped(result.options.filter((o) => o.source === 'typed'));
    setChecked(result.checked);
    setDraft('');
    setAdded(result.added);
    setAnnouncement(`${result.added.join(', ')} checked as sponsor${result.added.length === 1 ? '' : 's'}.`);
  }

  function onDraftKey(event: KeyboardEvent<HTMLInputElement>) {
    // Enter adds the name typed, rather than bracketing before the person sees it listed.
    if (event.key !== 'Enter' || draft.trim() === '') return;
    event.preventDefault();
    addDraft();
    draftRef.current?.focus();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A name typed but not yet added counts: the old prompt took names typed, and so does this.
    const result = draft.trim() === '' ? { options, checked: ticked } : addTyped(options, ticked, draft);
    onConfirm(result.options.filter((o) => result.checked.has(o.name)).map((o) => o.name));
  }

  return (
    <form className="form sponsor-picker" onSubmit={submit}>
      {context}
      <fieldset aria-describedby={`${id}-about`}>
        <legend>Sponsors (optional)</legend>
        <p id={`${id}-about`} className="hint">
          The delegations that want these words. A bracket belongs to its sponsors.
        </p>
        {delegations.status === 'loading' && <p className="hint">Loading the delegations in the room…</p>}
        {delegations.status === 'error' && <p className="hint">The delegations in the room could not be loaded: type the names below.</p>}
        {options.length > 0 && (
          <ul ref={listRef} className="sponsor-options" aria-label="Sponsors to choose from">
            {options.map((option, index) => (
              <li key={option.name} data-name={option.name}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={ticked.has(option.name)}
                    onChange={(event) => toggle(option.name, event.target.checked)}
                    // Named by the state alone; why it is offered is its description.
                    aria-labelledby={`${id}-name-${index}`}
                    aria-describedby={`${id}-note-${index}`}
                  />
                  <span>
                    <span id={`${id}-name-${index}`} className="sponsor-name">
                      {option.name}
                    </span>
                    <span id={`${id}-note-${index}`} className="hint">
                      {option.fullName ? `${option.fullName} · ` : ''}
                      {sourceNotes[option.source]}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {delegations.status === 'ready' && options.length === 0 && <p className="hint">No delegation is in the room yet.</p>}
        <div className="field">
          <label htmlFor={`${id}-other`}>A state not in the room</label>
          <p id={`${id}-other-hint`} className="hint">
            Type its name and press Enter or Add; separate several with commas.
          </p>
          <div className="sponsor-add">
            <input
              ref={draftRef}
              id={`${id}-other`}
              type="text"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onDraftKey}
              aria-describedby={`${id}-other-hint`}
              maxLength={500}
              autoComplete="off"
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                addDraft();
                draftRef.current?.focus();
              }}
            >
              Add
            </button>
          </div>
        </div>
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
      </fieldset>
      <div className="dialog-actions">
        <button type="submit">Bracket</button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
