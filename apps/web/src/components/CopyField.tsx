import { useId, useState } from 'react';

/**
 * A read-only value with a copy button. The Clipboard API exists only in secure contexts (HTTPS or
 * localhost), so on a plain-HTTP LAN the value is selected for the user to copy instead. A textarea,
 * so that a long link shows whole in a narrow column.
 */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const canCopy = typeof navigator.clipboard?.writeText === 'function';

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      (document.getElementById(id) as HTMLTextAreaElement | null)?.select();
    }
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={value} readOnly rows={2} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
      {canCopy && (
        <button type="button" className="button-secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
      )}
      <p className="hint" role="status">
        {copied ? 'The link is on your clipboard.' : ''}
      </p>
    </div>
  );
}
