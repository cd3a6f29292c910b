import { displayKeys, shortcuts } from '../../editor/shortcuts';
import { Dialog } from './Dialog';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog">
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.id}>
              <td className="nowrap">
                {s.keys.map((keys, i) => (
                  <span key={keys}>
                    {i > 0 && ' or '}
                    {displayKeys(keys).map((key, k) => (
                      <span key={k}>
                        {k > 0 && '+'}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
          <tr>
            <td className="nowrap">
              <kbd>Enter</kbd>
            </td>
            <td>New paragraph (or sub-paragraph) at the cursor; in a box title, go to its first paragraph</td>
          </tr>
          <tr>
            <td className="nowrap">
              <kbd>Backspace</kbd>
            </td>
            <td>At the start of a paragraph: remove it if empty, otherwise join it to the one before</td>
          </tr>
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
