import type { Amendment } from '@accord/contract';
import { computeLabels } from '@accord/text';
import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AttributionMode, Role } from '../api';
import type { LiveEvents } from '../comments/live-events';
import { useSettledDoc } from '../comments/use-settled-doc';
import { type AmendmentFilter, defaultFilter, filterAmendments, isOpen, openCounts, orderAmendments } from './amendment-list';
import { type MarkerBridge, setMarkerCounts } from './amendment-markers';
import { type Block, findBlock } from './block-text';
import { blockAtSelection, blockPlaces } from './blocks';
import { type AmendmentActions, type AmendmentsState, useAmendments } from './use-amendments';

/** What the page knows that the amendments need. */
export interface AmendmentsSetup {
  dialogueId: string;
  documentId: string;
  events: LiveEvents;
  online: boolean;
  role: Role;
  attributionMode: AttributionMode;
}

export type SidePanel = 'comments' | 'amendments' | 'history';

export interface AmendmentWorkspace {
  setup: AmendmentsSetup;
  state: AmendmentsState;
  actions: AmendmentActions;
  /** Those the filter lets through, in the order of their paragraphs. */
  shown: Amendment[];
  openTotal: number;
  filter: AmendmentFilter;
  setFilter: (filter: AmendmentFilter) => void;
  /** Where an amendment's paragraph is cited now ("Box I(1)"); the server's label once it is gone. */
  citationOf: (amendment: Amendment) => string;
  citationOfBlock: (blockId: string) => string | null;
  /** The paragraph or sub-paragraph at the cursor. */
  cursorBlock: string | null;
  panel: SidePanel;
  setPanel: (panel: SidePanel) => void;
  /** Bumped when a marker was chosen: the panel unfolds and shows that paragraph's amendments. */
  reveal: number;
  /** Shows one paragraph's amendments in the panel (a marker was chosen). */
  showBlock: (blockId: string) => void;
  canPropose: boolean;
  /** The paragraph a proposal is being written for: a copy of its text taken when the dialog opened. */
  proposal: Block | null;
  /** Opens the proposal dialog on a block, or on the one at the cursor. */
  propose: (blockId?: string) => void;
  closeProposal: () => void;
  problem: string | null;
  dismissProblem: () => void;
}

/** The amendments beside one editor: the list, the markers in the text, the panel's filter and the proposal dialog. */
export function useAmendmentWorkspace(setup: AmendmentsSetup, editor: Editor | null, bridge: MarkerBridge): AmendmentWorkspace {
  const [state, actions] = useAmendments(setup.dialogueId, setup.documentId, setup.events, setup.online);
  const [filter, setFilter] = useState<AmendmentFilter>(defaultFilter);
  const [panel, setPanel] = useState<SidePanel>('comments');
  const [reveal, setReveal] = useState(0);
  const [proposal, setProposal] = useState<Block | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [cursorBlock, setCursorBlock] = useState<string | null>(null);

  const amendments = state.status === 'ready' ? state.amendments : null;
  const doc = useSettledDoc(editor);
  const positions = useMemo(() => {
    const byId = new Map<string, number>();
    if (doc) for (const [id, place] of blockPlaces(doc)) byId.set(id, place.pos);
    return byId;
  }, [doc]);
  const citations = useMemo(() => {
    const byId = new Map<string, string>();
    if (doc) for (const label of computeLabels(doc).list) if (label.id && label.kind !== 'box' && !byId.has(label.id)) byId.set(label.id, label.citation);
    return byId;
  }, [doc]);
  const shown = useMemo(() => orderAmendments(filterAmendments(amendments ?? [], filter), positions), [amendments, filter, positions]);
  const counts = useMemo(() => openCounts(amendments ?? []), [amendments]);
  const openTotal = amendments?.filter((a) => isOpen(a.status)).length ?? 0;

  useEffect(() => {
    if (editor && !editor.isDestroyed) setMarkerCounts(editor.view, counts);
  }, [editor, counts]);

  useEffect(() => {
    if (!editor) return;
    const onSelection = () => setCursorBlock(blockAtSelection(editor.state));
    onSelection();
    editor.on('selectionUpdate', onSelection);
    return () => {
      editor.off('selectionUpdate', onSelection);
    };
  }, [editor]);

  const showBlock = useCallback((blockId: string) => {
    setFilter((current) => ({ ...current, blockId }));
    setPanel('amendments');
    setReveal((n) => n + 1);
  }, []);
  bridge.connect(showBlock);

  const canPropose = setup.role !== 'observer';
  const editorRef = useRef(editor);
  editorRef.current = editor;
  const propose = useCallback(
    (blockId?: string) => {
      const current = editorRef.current;
      if (!current || !canPropose) return;
      const id = blockId ?? blockAtSelection(current.state);
      const block = id ? findBlock(current.state.doc, id) : null;
      if (!block) {
        setProblem('Put the cursor in a paragraph or sub-paragraph to propose an amendment to it.');
        return;
      }
      setProblem(null);
      setProposal(block);
    },
    [canPropose],
  );

  return {
    setup,
    state,
    actions,
    shown,
    openTotal,
    filter,
    setFilter,
    citationOf: useCallback((a: Amendment) => citations.get(a.paragraphId) ?? a.label, [citations]),
    citationOfBlock: useCallback((id: string) => citations.get(id) ?? null, [citations]),
    cursorBlock,
    panel,
    setPanel,
    reveal,
    showBlock,
    canPropose,
    proposal,
    propose,
    closeProposal: useCallback(() => setProposal(null), []),
    problem,
    dismissProblem: useCallback(() => setProblem(null), []),
  };
}
