import type { BoxProgress, Progress } from '@accord/contract';
import { useId, useState } from 'react';
import { type BoxSeries, boxSeries, scaleOf } from './progress-series';

const WIDTH = 260;
const HEIGHT = 84;
const TOP = 6;
const BOTTOM = 16;
const LEFT = 4;
const RIGHT = 4;

/** The status colours of the text itself: the border beside each paragraph. */
const bars = [
  { key: 'agreed', label: 'Agreed', colour: '#1b5e34' },
  { key: 'agreedAdRef', label: 'Agreed ad ref', colour: '#1d4e89' },
  { key: 'underNegotiation', label: 'Under negotiation', colour: '#d97706' },
] as const;

/**
 * Each box across the revisions and now: its paragraphs by status as stacked bars, and its open
 * brackets as a line. All boxes share one scale, so a glance compares them. The same figures as a
 * table for those who cannot see the chart, or would rather read numbers.
 */
export function ProgressChart({ progress }: { progress: Progress }) {
  const [asTable, setAsTable] = useState(false);
  const series = boxSeries(progress);
  const scale = scaleOf(series);
  if (series.length === 0 || progress.points.length === 0) return null;

  return (
    <figure className="progress">
      <figcaption className="progress-caption">
        <span className="amendment-field">Progress by box</span>
        <button type="button" className="button-link" aria-pressed={asTable} onClick={() => setAsTable((t) => !t)}>
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </figcaption>
      {asTable ? (
        <ProgressTable series={series} />
      ) : (
        <>
          <ul className="progress-legend" aria-hidden="true">
            {bars.map((bar) => (
              <li key={bar.key}>
                <span className="progress-swatch" style={{ background: bar.colour }} />
                {bar.label}
              </li>
            ))}
            <li>
              <span className="progress-swatch progress-swatch-line" />
              Open brackets
            </li>
          </ul>
          {series.map((box) => (
            <BoxChart key={box.box} series={box} scale={scale} />
          ))}
        </>
      )}
    </figure>
  );
}

function BoxChart({ series, scale }: { series: BoxSeries; scale: { paragraphs: number; brackets: number } }) {
  const titleId = useId();
  const descId = useId();
  const n = series.points.length;
  const band = (WIDTH - LEFT - RIGHT) / n;
  const barWidth = Math.min(22, band * 0.6);
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (value: number, max: number) => TOP + plot - (value / max) * plot;
  const x = (i: number) => LEFT + band * i + band / 2;
  const line = series.points.flatMap((p, i) => (p.progress ? [`${x(i)},${y(p.progress.openBrackets, scale.brackets)}`] : []));
  // Labels of every point when they fit, else the first, the last and some between.
  const every = Math.max(1, Math.ceil(n / 6));

  return (
    <div className="progress-box">
      <p className="progress-box-title">
        Box {series.box}
        {series.title && <span className="progress-box-name"> {series.title}</span>}
      </p>
      <p className="progress-box-brackets" aria-hidden="true">
        {bracketTrend(series)}
      </p>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="progress-svg">
        <title id={titleId}>{`Box ${series.box}: paragraphs by status and open brackets, ${series.points.map((p) => p.label).join(', ')}`}</title>
        <desc id={descId}>{describe(series)}</desc>
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + plot} y2={TOP + plot} stroke="#7b8494" strokeWidth="1" />
        {series.points.map((point, i) => {
          if (!point.progress) return null;
          let base = 0;
          return (
            <g key={`${point.label}-${i}`}>
              {bars.map((bar) => {
                const value = point.progress![bar.key];
                const top = y(base + value, scale.paragraphs);
                const bottom = y(base, scale.paragraphs);
                base += value;
                return value > 0 ? <rect key={bar.key} x={x(i) - barWidth / 2} width={barWidth} y={top} height={bottom - top} fill={bar.colour} /> : null;
              })}
            </g>
          );
        })}
        {/* A white edge under the line keeps it readable where it crosses the bars. */}
        {line.length > 1 && <polyline points={line.join(' ')} fill="none" stroke="#fff" strokeWidth="4" strokeLinejoin="round" />}
        {line.length > 1 && <polyline points={line.join(' ')} fill="none" stroke="#1a1f29" strokeWidth="1.75" strokeDasharray="4 2" strokeLinejoin="round" />}
        {line.map((point) => {
          const [cx, cy] = point.split(',');
          return <circle key={point} cx={cx} cy={cy} r="2.5" fill="#fff" stroke="#1a1f29" strokeWidth="1.5" />;
        })}
        {series.points.map((point, i) =>
          i % every === 0 || i === n - 1 ? (
            <text key={`label-${i}`} x={x(i)} y={HEIGHT - 4} textAnchor="middle" className="progress-tick">
              {point.label}
            </text>
          ) : null,
        )}
      </svg>
    </div>
  );
}

const words = (p: BoxProgress) => `${p.openBrackets} open brackets, ${p.agreed} agreed, ${p.agreedAdRef} agreed ad ref, ${p.underNegotiation} under negotiation`;

/** "open brackets 21 → 26": the line's two ends in numbers, which the small chart cannot carry. */
function bracketTrend(series: BoxSeries): string {
  const known = series.points.flatMap((p) => (p.progress ? [p.progress.openBrackets] : []));
  const first = known[0];
  const last = known.at(-1);
  if (first === undefined || last === undefined) return '';
  return first === last ? `open brackets ${last}` : `open brackets ${first} → ${last}`;
}

/** The chart in words: where the box started and where it stands now. */
function describe(series: BoxSeries): string {
  const known = series.points.filter((p) => p.progress);
  const first = known[0];
  const last = known.at(-1);
  if (!first?.progress || !last?.progress) return 'No figures.';
  return first === last ? `${last.label}: ${words(last.progress)}.` : `${first.label}: ${words(first.progress)}. ${last.label}: ${words(last.progress)}.`;
}

function ProgressTable({ series }: { series: BoxSeries[] }) {
  return (
    <div className="table-scroll progress-table">
      <table>
        <thead>
          <tr>
            <th scope="col">Box</th>
            <th scope="col">At</th>
            <th scope="col">Open brackets</th>
            {bars.map((bar) => (
              <th key={bar.key} scope="col">
                {bar.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.flatMap((box) =>
            box.points.map((point, i) => (
              <tr key={`${box.box}-${i}`}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={box.points.length}>
                    {box.box}
                  </th>
                )}
                <th scope="row">{point.label}</th>
                <td>{point.progress?.openBrackets ?? '—'}</td>
                {bars.map((bar) => (
                  <td key={bar.key}>{point.progress?.[bar.key] ?? '—'}</td>
                ))}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
