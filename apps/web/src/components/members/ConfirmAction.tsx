import { type ReactNode, useRef, useState } from 'react';
import { ErrorAlert } from '../Alert';
import { useInitialFocus } from './initial-focus';

interface ConfirmActionProps {
  /** What the action will do, said before it is done. */
  explanation: ReactNode;
  label: string;
  pendingLabel: string;
  /** Does it; a failure is shown in the dialog, which stays open. */
  act: () => Promise<void>;
  onClose: () => void;
}

/**
 * The body of a dialog confirming an action that cannot be undone (removing a member, revoking an
 * invitation): the choice that changes nothing has the focus first.
 */
export function ConfirmAction({ explanation, label, pendingLabel, act, onClose }: ConfirmActionProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useInitialFocus(cancel);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await act();
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="form">
      <ErrorAlert error={error} />
      <p>{explanation}</p>
      <div className="dialog-actions">
        <button type="button" className="button-danger" onClick={() => void confirm()} disabled={pending}>
          {pending ? pendingLabel : label}
        </button>
        <button type="button" className="button-secondary" onClick={onClose} ref={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
