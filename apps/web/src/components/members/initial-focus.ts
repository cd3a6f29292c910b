import { type RefObject, useEffect } from 'react';

/**
 * Puts focus on an element once its dialog has opened. The dialog's showModal() runs in its own
 * effect, after this component's, and focuses the first button itself; in a confirmation that is
 * the destructive one, so the choice that changes nothing takes focus a frame later.
 */
export function useInitialFocus(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [ref]);
}
