/**
 * Which Accord server the bench really measures: one that refuses a free-standing root Y.Text (its
 * schema check is on) or one that accepts it (`accord-unchecked`). The launcher turns the check off by
 * name, through startServer's dependencies; were that name to change, the "unchecked" figure would
 * silently measure the check. One edit in a scratch document, before anything is measured.
 */
import type { ContentCheckSeen } from '../protocol.js';
import { isEditSaved } from './probe-edit.js';

export async function probeContentCheck(url: string): Promise<ContentCheckSeen> {
  const saved = await isEditSaved(url, 'content-check-probe', (doc) => doc.getText('benchProbe').insert(0, 'x'));
  return saved ? 'accepts a root Y.Text' : 'refuses a root Y.Text';
}
