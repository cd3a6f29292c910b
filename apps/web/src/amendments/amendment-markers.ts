import { computeLabels } from '@accord/text';
import { Extension } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { useState } from 'react';
import { blockPlaces } from './blocks';

/**
 * A marker with a count at the end of each paragraph or sub-paragraph that has open amendments:
 * drawn as a widget, never stored in the text. Choosing it opens the amendments panel on that
 * paragraph. Placed by walking the blocks only, so it is rebuilt on each change at little cost.
 */

export interface MarkerPlacement {
  blockId: string;
  pos: number;
  count: number;
}

/** Where the markers go: at the end of each block's own text, in reading order. */
export function markerPlacements(doc: Node, counts: ReadonlyMap<string, number>): MarkerPlacement[] {
  if (counts.size === 0) return [];
  const placements: MarkerPlacement[] = [];
  for (const place of blockPlaces(doc).values()) {
    const count = counts.get(place.id) ?? 0;
    if (count > 0) placements.push({ blockId: place.id, pos: place.textEnd, count });
  }
  return placements;
}

export function markerName(count: number, citation: string | null): string {
  const what = count === 1 ? '1 open amendment' : `${count} open amendments`;
  return citation ? `${what} to ${citation}` : what;
}

interface MarkerState {
  counts: ReadonlyMap<string, number>;
  decorations: DecorationSet;
}

export const amendmentMarkersKey = new PluginKey<MarkerState>('accordAmendmentMarkers');

// Citations are read only when a marker is drawn (rarely: markers are kept while their key holds).
const citations = new WeakMap<Node, Map<string, string>>();
function citationOf(doc: Node, id: string): string | null {
  let byId = citations.get(doc);
  if (!byId) {
    byId = new Map();
    for (const label of computeLabels(doc).list) if (label.id && label.kind !== 'box' && !byId.has(label.id)) byId.set(label.id, label.citation);
    citations.set(doc, byId);
  }
  return byId.get(id) ?? null;
}

function drawMarker(view: EditorView, placement: MarkerPlacement, onOpen: (blockId: string) => void): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'amendment-marker';
  button.contentEditable = 'false';
  button.dataset.blockId = placement.blockId;
  const name = markerName(placement.count, citationOf(view.state.doc, placement.blockId));
  button.setAttribute('aria-label', name);
  button.title = `${name}: show them`;
  const icon = document.createElement('span');
  icon.className = 'amendment-marker-icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '±';
  button.append(icon, String(placement.count));
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', (event) => {
    event.preventDefault();
    onOpen(placement.blockId);
  });
  return button;
}

function decorationsFor(doc: Node, counts: ReadonlyMap<string, number>, onOpen: (blockId: string) => void): DecorationSet {
  const placements = markerPlacements(doc, counts);
  if (placements.length === 0) return DecorationSet.empty;
  return DecorationSet.create(
    doc,
    placements.map((p) =>
      Decoration.widget(p.pos, (view) => drawMarker(view, p, onOpen), {
        side: 1,
        key: `amendments:${p.blockId}:${p.count}`,
        marks: [],
        ignoreSelection: true,
        // The marker's own click is its business, not the editor's.
        stopEvent: () => true,
      }),
    ),
  );
}

export function amendmentMarkersPlugin(onOpen: (blockId: string) => void): Plugin<MarkerState> {
  return new Plugin<MarkerState>({
    key: amendmentMarkersKey,
    state: {
      init: () => ({ counts: new Map(), decorations: DecorationSet.empty }),
      apply: (tr, previous) => {
        const counts = tr.getMeta(amendmentMarkersKey) as ReadonlyMap<string, number> | undefined;
        if (counts) return { counts, decorations: decorationsFor(tr.doc, counts, onOpen) };
        if (!tr.docChanged || previous.counts.size === 0) return previous;
        return { ...previous, decorations: decorationsFor(tr.doc, previous.counts, onOpen) };
      },
    },
    props: { decorations: (state) => amendmentMarkersKey.getState(state)?.decorations },
  });
}

/** Sets the open amendments per block (after the list changed). */
export function setMarkerCounts(view: EditorView, counts: ReadonlyMap<string, number>): void {
  view.dispatch(view.state.tr.setMeta(amendmentMarkersKey, counts).setMeta('addToHistory', false));
}

/**
 * The plugin goes into the editor when it is built, before the amendments know the editor: a marker's
 * click reaches them through this bridge, connected once both exist.
 */
export interface MarkerBridge {
  extension: Extension;
  connect(onOpen: (blockId: string) => void): void;
}

export function useMarkerBridge(): MarkerBridge {
  const [bridge] = useState<MarkerBridge>(() => {
    let onOpen: (blockId: string) => void = () => {};
    return {
      extension: Extension.create({
        name: 'amendmentMarkers',
        addProseMirrorPlugins: () => [amendmentMarkersPlugin((id) => onOpen(id))],
      }),
      connect(next) {
        onOpen = next;
      },
    };
  });
  return bridge;
}
