import { useEffect, useState } from 'react';
import { accord } from '../api';
import { fallbackCapabilities, type FormatCapability } from './export-menu-items';

export type ExportFormatsState = { status: 'loading' } | { status: 'ready'; formats: FormatCapability[]; fallback: boolean };

/** Asked once per page load, however many menus show it: a server gains Chromium only with a restart. */
let asked: Promise<FormatCapability[]> | null = null;

function exportFormatsOnce(): Promise<FormatCapability[]> {
  asked ??= accord.exports.formats().then(
    (capabilities) => capabilities.formats,
    (error: unknown) => {
      asked = null; // the next menu asks again
      throw error;
    },
  );
  return asked;
}

/**
 * The formats the server can export now. If it cannot say, every format is offered (`fallback`):
 * the export itself then explains what it cannot make, rather than the menu offering nothing.
 */
export function useExportFormats(): ExportFormatsState {
  const [state, setState] = useState<ExportFormatsState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    exportFormatsOnce().then(
      (formats) => live && setState({ status: 'ready', formats, fallback: false }),
      () => live && setState({ status: 'ready', formats: fallbackCapabilities(), fallback: true }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
