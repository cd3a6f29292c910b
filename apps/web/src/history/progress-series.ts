import type { BoxProgress, Progress } from '@accord/contract';

/** One box's progress across the revisions and now, each point with its label. */
export interface BoxSeries {
  box: string;
  title: string;
  points: { label: string; progress: BoxProgress | null }[];
}

/**
 * The progress per box, across every point: a box a revision did not have (added since, or gone) has
 * no values there rather than zeros, which would read as "nothing agreed". Boxes in the order of the
 * text now, then those only earlier points had.
 */
export function boxSeries(progress: Progress): BoxSeries[] {
  const order: string[] = [];
  const titles = new Map<string, string>();
  for (const point of progress.points.toReversed()) {
    for (const box of point.boxes) {
      if (titles.has(box.box)) continue;
      titles.set(box.box, box.title);
      order.push(box.box);
    }
  }
  return order.map((box) => ({
    box,
    title: titles.get(box) ?? '',
    points: progress.points.map((point) => ({ label: point.label, progress: point.boxes.find((b) => b.box === box) ?? null })),
  }));
}

/** The largest count the charts must hold: paragraphs (stacked) and open brackets, at least 1 each. */
export function scaleOf(series: readonly BoxSeries[]): { paragraphs: number; brackets: number } {
  let paragraphs = 1;
  let brackets = 1;
  for (const box of series) {
    for (const { progress } of box.points) {
      if (!progress) continue;
      paragraphs = Math.max(paragraphs, progress.agreed + progress.agreedAdRef + progress.underNegotiation);
      brackets = Math.max(brackets, progress.openBrackets);
    }
  }
  return { paragraphs, brackets };
}
