// Her progress in the domains of her life as her autonomy assessments scored them: one line per
// domain, time across and the score (1 to 5) up, drawn as inline SVG. A screen reader hears its
// name and a summary, and reads every score in a table that is not shown; each line has its own
// dash pattern besides its colour, so that none is told by colour alone. In a right-to-left
// language time runs from right to left, as the text does.
import { useId } from 'preact/hooks';
import type { DomainProgress } from '../../api/client';
import { useI18n } from '../../i18n';

// Small enough that its labels stay readable when it shrinks to a phone's width.
export const width = 400;
const height = 240;
// Room for the score labels on the side time starts from, and for the dates below.
export const side = 32;
export const end = 16;
const top = 12;
const bottom = 32;
const lowest = 1;
const highest = 5;

// Each domain's colour (at least 3:1 against white) and dash pattern, in the order of the domains.
export const domainStyles: Record<DomainProgress['domain'], { colour: string; dash: string }> = {
  language: { colour: '#4a2377', dash: '' },
  documents: { colour: '#0b4fb3', dash: '8 4' },
  housing: { colour: '#b00020', dash: '2 4' },
  health: { colour: '#1b7340', dash: '12 4 2 4' },
  work: { colour: '#8a4b00', dash: '' },
  education: { colour: '#006d75', dash: '8 4' },
  money: { colour: '#a3195b', dash: '2 4' },
  digital: { colour: '#4a4a55', dash: '12 4 2 4' },
  social: { colour: '#5c5c00', dash: '4 2' },
};

export function ProgressChart({ progress }: { progress: DomainProgress[] }) {
  const { t, dir, formatDate, formatNumber } = useI18n();
  const id = useId();
  const series = progress.filter((domain) => domain.points.length > 0);
  if (series.length === 0) return <p class="progress-chart-empty">{t('progress_chart.empty')}</p>;

  const times = series.flatMap((domain) => domain.points.map((point) => point.at));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const rtl = dir === 'rtl';
  const plotWidth = width - side - end;
  // Time from the start side of the writing direction; one time alone stands in the middle.
  const x = (at: number) => {
    const share = last === first ? 0.5 : (at - first) / (last - first);
    return rtl ? width - side - share * plotWidth : side + share * plotWidth;
  };
  const y = (score: number) => top + ((highest - score) / (highest - lowest)) * (height - top - bottom);
  const axisX = rtl ? width - side : side;
  const scores = Array.from({ length: highest - lowest + 1 }, (_, i) => lowest + i);
  const name = (domain: string) => t(`progress_chart.domain.${domain}`);

  return (
    <figure class="progress-chart">
      <svg
        role="img"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        data-direction={rtl ? 'rtl' : 'ltr'}
      >
        <title id={`${id}-title`}>{t('progress_chart.title')}</title>
        <desc id={`${id}-desc`}>
          {t('progress_chart.summary', { count: series.length, from: new Date(first), to: new Date(last) })}
        </desc>
        <g class="progress-chart-axis" aria-hidden="true">
          {scores.map((score) => (
            <g key={score}>
              <line x1={rtl ? end : side} x2={rtl ? width - side : width - end} y1={y(score)} y2={y(score)}
                stroke="#d9d4e2" />
              <text x={rtl ? axisX + 8 : axisX - 8} y={y(score) + 5} text-anchor="end" direction={dir}
                font-size="13">{formatNumber(score)}</text>
            </g>
          ))}
          <text x={x(first)} y={height - 10} text-anchor={last === first ? 'middle' : 'start'} direction={dir}
            font-size="13">{formatDate(first)}</text>
          {last !== first && (
            <text x={x(last)} y={height - 10} text-anchor="end" direction={dir} font-size="13">{formatDate(last)}</text>
          )}
        </g>
        {series.map((domain) => {
          const style = domainStyles[domain.domain];
          const points = domain.points.map((point) => `${x(point.at)},${y(point.score)}`).join(' ');
          return (
            <g key={domain.domain} class="progress-chart-series" data-domain={domain.domain}>
              <polyline points={points} fill="none" stroke={style.colour} stroke-width="3"
                stroke-dasharray={style.dash || undefined} stroke-linejoin="round" />
              {domain.points.map((point, i) => (
                <circle key={i} cx={x(point.at)} cy={y(point.score)} r="5" fill={style.colour} />
              ))}
            </g>
          );
        })}
      </svg>
      <ul class="progress-chart-legend" aria-hidden="true">
        {series.map((domain) => {
          const style = domainStyles[domain.domain];
          return (
            <li key={domain.domain}>
              <svg width="32" height="12" viewBox="0 0 32 12" focusable="false">
                <line x1="0" x2="32" y1="6" y2="6" stroke={style.colour} stroke-width="3"
                  stroke-dasharray={style.dash || undefined} />
              </svg>
              {name(domain.domain)}
            </li>
          );
        })}
      </ul>
      {/* Hidden in a block: a table keeps its content's width, wider than a phone. */}
      <div class="visually-hidden">
        <table>
          <caption>{t('progress_chart.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('progress_chart.domain_column')}</th>
              <th scope="col">{t('progress_chart.date_column')}</th>
              <th scope="col">{t('progress_chart.score_column')}</th>
            </tr>
          </thead>
          <tbody>
            {series.flatMap((domain) => domain.points.map((point, i) => (
              <tr key={`${domain.domain}-${i}`}>
                <th scope="row">{name(domain.domain)}</th>
                <td>{formatDate(point.at)}</td>
                <td>{t('progress_chart.score_of', { score: point.score })}</td>
              </tr>
            )))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
