const documentHref = (dialogueId: string, documentId: string) => `/dialogues/${encodeURIComponent(dialogueId)}/documents/${encodeURIComponent(documentId)}`;

/** The compare page between two points: revision ids, "seq:<n>" or "current". */
export function compareHref(dialogueId: string, documentId: string, from: string, to: string): string {
  return `${documentHref(dialogueId, documentId)}/compare?${new URLSearchParams({ from, to }).toString()}`;
}

export function concordanceHref(dialogueId: string, documentId: string, revisionId: string): string {
  return `${documentHref(dialogueId, documentId)}/revisions/${encodeURIComponent(revisionId)}/concordance`;
}

export { documentHref };
