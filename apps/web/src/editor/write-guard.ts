import { Plugin, PluginKey } from '@tiptap/pm/state';
import { isFromSync } from './repair-plugin';

/**
 * Stops a local change the member may no longer make. The server can take editing rights away
 * while the text is open; the change would then be refused and the document stopped. Stopped
 * here instead, the page learns of the new access and shows the text read-only, nothing lost.
 * Changes arriving from Yjs always pass: they are other people's.
 */
export function writeGuard(mayWrite: () => boolean, onRefused: () => void): Plugin {
  return new Plugin({
    key: new PluginKey('accordWriteGuard'),
    filterTransaction(tr) {
      if (!tr.docChanged || isFromSync(tr) || mayWrite()) return true;
      onRefused();
      return false;
    },
  });
}
