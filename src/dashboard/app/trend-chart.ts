/** The engagement trend as a uPlot line: periods without data are gaps, not zeros. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { score } from './format';
import { html } from './ui';

export interface TrendPoint {
  periodStart: string;
  score: number;
  activityCount: number;
  feedbackCount: number;
}

/** x in seconds, y the score or null for a period without data. */
export function trendData(points: TrendPoint[]): [number[], (number | null)[]] {
  return [
    points.map((p) => Date.parse(p.periodStart) / 1000),
    points.map((p) => (p.activityCount + p.feedbackCount > 0 ? p.score : null)),
  ];
}

export function TrendChart(props: { points: TrendPoint[]; zone: string; granularity: string }) {
  const box = useRef<HTMLDivElement>(null);
  const data = trendData(props.points);
  const withData = data[1].filter((y) => y !== null).length;
  useEffect(() => {
    const el = box.current!;
    const width = () => Math.max(280, el.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 220,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), props.zone),
        scales: { y: { range: [0, 100] } },
        legend: { show: true },
        cursor: { points: { size: 7 } },
        series: [
          {},
          {
            label: 'Score',
            stroke: '#2456c9',
            width: 2,
            fill: 'rgba(36, 86, 201, 0.08)',
            spanGaps: false,
            points: { show: props.points.length <= 120, size: 5 },
            value: (_u, v) => (v === null ? 'no data' : score(v)),
          },
        ],
        axes: [
          { stroke: '#5b6472', grid: { stroke: '#eef0f3' } },
          { stroke: '#5b6472', grid: { stroke: '#eef0f3' }, size: 40 },
        ],
      },
      data as uPlot.AlignedData,
      el,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify(props.points), props.zone]);
  return html`<figure class="trend">
    <div
      ref=${box}
      class="trend-plot"
      data-testid="trend"
      data-points=${props.points.length}
      data-with-data=${withData}
      role="img"
      aria-label=${`Engagement score per ${props.granularity.toLowerCase()}: ${withData} of ${props.points.length} periods hold data`}
    ></div>
    <figcaption class="note">
      Per ${props.granularity.toLowerCase()} in ${props.zone}; periods without feedback or
      activities are left as gaps.
    </figcaption>
  </figure>`;
}
