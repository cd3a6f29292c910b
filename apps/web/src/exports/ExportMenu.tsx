import { type KeyboardEvent, type MouseEvent, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { accord } from '../api';
import { type ExportLink, exportMenuGroups, type ExportSection, menuKeyTarget } from './export-menu-items';
import { useExportFormats } from './use-export-formats';

interface ExportMenuProps {
  dialogueId: string;
  documentId: string;
  /** What the menu offers, in order: the text, a redline, the compilation. */
  sections: ExportSection[];
  /** Which edge of the button the menu lines up with (it stays inside the window either way). */
  align?: 'start' | 'end';
  buttonClassName?: string;
}

// The top layer keeps the menu above a scrolling side panel, which would otherwise clip it.
const popoverSupported = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/**
 * "Export": a menu button (the WAI-ARIA menu pattern: arrows, Home/End, a letter, Escape back to the
 * button) whose items are real download links. The browser fetches the file itself, with the session
 * cookie, so an item works on the first click and saves under the server's file name.
 */
export function ExportMenu({ dialogueId, documentId, sections, align = 'end', buttonClassName = 'button-secondary' }: ExportMenuProps) {
  const formats = useExportFormats();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const id = useId();

  const link = useCallback<ExportLink>((target) => accord.exports.url({ dialogueId, documentId, ...target }), [dialogueId, documentId]);
  const groups = formats.status === 'ready' ? exportMenuGroups(formats.formats, sections, link) : [];

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useLayoutEffect(() => {
    const menu = menuRef.current;
    const button = buttonRef.current;
    if (!open || !menu || !button) return;
    if (popoverSupported && !menu.matches(':popover-open')) menu.showPopover();
    const reposition = () => place(menu, button, align);
    reposition();
    const all = items();
    (focusOnOpen.current === 'first' ? all[0] : all.at(-1))?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.contains(target) && !button.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('resize', reposition);
    window.addEventListener('scroll', reposition, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('resize', reposition);
      window.removeEventListener('scroll', reposition, true);
      if (popoverSupported && menu.matches(':popover-open')) menu.hidePopover();
    };
  }, [open, align, close]);

  // Opened while the formats were still loading: the item that had focus is gone, so focus the first.
  useEffect(() => {
    const menu = menuRef.current;
    if (!open || !menu || formats.status !== 'ready') return;
    if (!menu.contains(document.activeElement)) items()[0]?.focus();
    place(menu, buttonRef.current!, align);
  }, [open, formats.status, align]);

  function openWith(focus: 'first' | 'last') {
    focusOnOpen.current = focus;
    setOpen(true);
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openWith(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // The open menu owns the keyboard: the page's own shortcuts ("?" for help) wait until it closes.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      return close(true);
    }
    if (event.key === 'Tab') return close(false);
    const all = items();
    const current = all.indexOf(document.activeElement as HTMLElement);
    if (event.key === ' ' || event.key === 'Enter') {
      // Space does not follow a link by itself; Enter on a disabled item must do nothing.
      const item = all[current];
      if (event.key === ' ' || item?.getAttribute('aria-disabled') === 'true') event.preventDefault();
      if (event.key === ' ') item?.click();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const next = menuKeyTarget(
      event.key,
      current,
      all.map((item) => item.dataset.name ?? ''),
    );
    if (next === null) return;
    event.preventDefault();
    all[next]?.focus();
  }

  function onItemClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.currentTarget.getAttribute('aria-disabled') === 'true') return event.preventDefault();
    // The link goes on to download; the menu only hides (it stays in the page), and focus goes back.
    close(true);
  }

  return (
    <div className="menu-button">
      <button
        ref={buttonRef}
        type="button"
        className={buttonClassName}
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => (open ? close(false) : openWith('first'))}
        onKeyDown={onButtonKeyDown}
      >
        Export<span aria-hidden="true" className="menu-button-caret" />
      </button>
      <div
        ref={menuRef}
        id={`${id}-menu`}
        role="menu"
        aria-labelledby={`${id}-button`}
        className="menu export-menu"
        {...(popoverSupported ? { popover: 'manual' as const } : { hidden: !open })}
        onKeyDown={onMenuKeyDown}
        onBlur={(event) => {
          const to = event.relatedTarget as Node | null;
          if (to && !event.currentTarget.contains(to) && to !== buttonRef.current) close(false);
        }}
      >
        {formats.status === 'loading' && (
          <div role="menuitem" aria-disabled="true" tabIndex={-1} className="menu-item" data-name="">
            Loading formats…
          </div>
        )}
        {groups.map((group, g) => (
          <div key={`${group.label}-${g}`} role="group" aria-label={group.label} className="menu-group">
            <div aria-hidden="true" className="menu-group-label">
              {group.label}
            </div>
            {group.items.map((item) =>
              item.href ? (
                <a key={item.format} role="menuitem" tabIndex={-1} className="menu-item" href={item.href} download data-name={item.label} onClick={onItemClick}>
                  {item.label}
                </a>
              ) : (
                <a key={item.format} role="menuitem" tabIndex={-1} className="menu-item" aria-disabled="true" title={item.reason ?? undefined} data-name={item.label} onClick={onItemClick}>
                  {item.label}
                  <span aria-hidden="true" className="menu-item-reason">
                    {item.reason}
                  </span>
                </a>
              ),
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Below the button (above it when there is no room), lined up with one edge, inside the window. */
function place(menu: HTMLElement, button: HTMLElement, align: 'start' | 'end') {
  const margin = 8;
  const gap = 4;
  const anchor = button.getBoundingClientRect();
  const { width, height } = menu.getBoundingClientRect();
  const wanted = align === 'end' ? anchor.right - width : anchor.left;
  const left = Math.max(margin, Math.min(wanted, window.innerWidth - width - margin));
  const below = anchor.bottom + gap;
  const above = anchor.top - gap - height;
  const top = below + height > window.innerHeight - margin && above >= margin ? above : below;
  menu.style.left = `${Math.round(left)}px`;
  menu.style.top = `${Math.round(top)}px`;
}
