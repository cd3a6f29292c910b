import { audienceDescriptions, type CommentAudience, type CommentAuthor, commentAudiences } from '@accord/contract';

export { audienceDescriptions, commentAudiences };

/** The audience in a badge's few words; the full sentence (audienceDescriptions) is its tooltip. */
export const audienceLabels: Readonly<Record<CommentAudience, string>> = {
  everyone: 'Everyone',
  governments: 'Governments',
  stewards: 'Chair and secretariat',
  delegation: 'Delegation only',
};

/**
 * An author as the server sent them: under the Chatham House Rule only a category reaches anyone but
 * the author, so whatever is absent is simply not shown (never looked up elsewhere).
 */
export function authorText(author: CommentAuthor): string {
  if (author.you) return 'You';
  if (!author.name) return author.category;
  return author.affiliation ? `${author.name} (${author.affiliation})` : author.name;
}
