import { type ExportCapabilities, type ExportFormat, exportFormatInfo, exportFormats } from '@accord/contract';

export type FormatCapability = ExportCapabilities['formats'][number];

/** One part of an Export menu: a text (now or at a revision), a redline of two points, or the compilation. */
export type ExportSection =
  | { kind: 'text'; label: string; revision?: string }
  | { kind: 'redline'; label: string; revision: string; compare: string }
  | { kind: 'compilation'; label: string };

export interface ExportMenuItem {
  format: ExportFormat;
  /** As the contract names it: "Word (DOCX)", "PDF", … (the accessible name the e2e tests use). */
  label: string;
  /** The download link; null when the server cannot make this format now. */
  href: string | null;
  /** Why not, for a format the server cannot make. */
  reason: string | null;
}

export interface ExportMenuGroup {
  label: string;
  items: ExportMenuItem[];
}

/** What a link needs beyond the section: the SDK's `accord.exports.url` fills in the document. */
export type ExportLink = (target: { format: ExportFormat; revision?: string; compare?: string; compilation?: boolean }) => string;

/**
 * Every format carries the compilation: printed through the one layout (DOCX, PDF, HTML), each
 * proposal under its paragraph in plain text and Markdown, an amendmentList in Akoma Ntoso.
 */
export const COMPILATION_FORMATS: readonly ExportFormat[] = ['docx', 'pdf', 'html', 'akn', 'plain', 'markdown'];

const UNAVAILABLE = 'Not available on this server';
const CANNOT = 'This text cannot be exported from here';

/**
 * What to offer while the server's own list cannot be read: every format, a redline only where the
 * contract allows one. The server still decides, and says why when it cannot.
 */
export function fallbackCapabilities(): FormatCapability[] {
  return exportFormats.map((format) => ({
    format,
    label: exportFormatInfo[format].label,
    available: true,
    reason: null,
    redline: format === 'docx' || format === 'pdf' || format === 'html',
  }));
}

/** The menu's groups, each format in the server's order, unavailable ones kept (disabled, with the reason). */
export function exportMenuGroups(formats: readonly FormatCapability[], sections: readonly ExportSection[], link: ExportLink): ExportMenuGroup[] {
  return sections
    .map((section) => ({
      label: section.label,
      items: formats.filter((f) => offered(f, section)).map((f): ExportMenuItem => {
        const label = f.label || exportFormatInfo[f.format].label;
        if (!f.available) return { format: f.format, label, href: null, reason: f.reason ?? UNAVAILABLE };
        try {
          return { format: f.format, label, href: link(target(f.format, section)), reason: null };
        } catch {
          // A point the server would refuse (a mistyped address): the item says so instead of the page failing.
          return { format: f.format, label, href: null, reason: CANNOT };
        }
      }),
    }))
    .filter((group) => group.items.length > 0);
}

function offered(format: FormatCapability, section: ExportSection): boolean {
  if (section.kind === 'redline') return format.redline;
  if (section.kind === 'compilation') return COMPILATION_FORMATS.includes(format.format);
  return true;
}

function target(format: ExportFormat, section: ExportSection) {
  switch (section.kind) {
    case 'text':
      return section.revision === undefined || section.revision === 'current' ? { format } : { format, revision: section.revision };
    case 'redline':
      return { format, revision: section.revision, compare: section.compare };
    case 'compilation':
      return { format, compilation: true };
  }
}

/**
 * Where focus goes for a key pressed on a menu of `labels` (the item at `current` has focus): the
 * WAI-ARIA menu pattern's arrows, Home and End (wrapping), and a printable character jumps to the
 * next item that starts with it. null: the key is not the menu's.
 */
export function menuKeyTarget(key: string, current: number, labels: readonly string[]): number | null {
  const count = labels.length;
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
    case 'PageUp':
      return 0;
    case 'End':
    case 'PageDown':
      return count - 1;
  }
  if (key.length !== 1 || key === ' ') return null;
  const letter = key.toLocaleLowerCase();
  for (let step = 1; step <= count; step++) {
    const index = (current + step) % count;
    if (labels[index]!.trimStart().toLocaleLowerCase().startsWith(letter)) return index;
  }
  return null;
}
