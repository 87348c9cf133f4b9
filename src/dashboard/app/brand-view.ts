/** One brand over the window: score and change, phases with their "why", care numbers, sentiment, trend, Grunig, audiences. */
import { change, count, duration, label, percent, score, words } from './format';
import type { Component } from '../../modules/scoring/component';
import type { PhaseResult as Phase } from '../../modules/scoring/engagement-report';
import { GrunigCard } from './grunig-card';
import { SentimentCard } from './sentiment-card';
import type { Route } from './router';
import { brandPageState, useBrandWindow, useReloadOnChange } from './brand-page';
import { EmptyNotice, useQuery, WindowBar } from './shell';
import { TrendChart } from './trend-chart';
import { Bar, Card, html, Num, Table, type Column } from './ui';
import { describe, granularityFor, previous } from './windows';

const BRAND = `query BrandHead($b: ID!) { brand(id: $b) { id name timezone responseTargetMinutes dataWindow { from to } audiences { id name channel } } }`;

const REPORT = `fragment Report on EngagementReport {
  score stage mixAlignment feedbackCount activityCount
  responseTime { respondedCount medianMinutes p90Minutes }
  sentimentSources { source feedback }
  sentimentMix { positive neutral negative unknown }
  phases { phase score applicable weight contribution activityShare targetShare
    components { name weight applicable value numerator denominator } }
}
query BrandReport($b: ID!, $w: WindowInput!, $p: WindowInput!, $g: Granularity!) {
  engagement(brandId: $b, window: $w) { ...Report }
  previous: engagement(brandId: $b, window: $p) { score stage feedbackCount activityCount }
  classification(brandId: $b, window: $w) {
    model insufficientData confidence mixedMotive direction symmetry promotion
    scores { model score } evidence { name weight applicable value numerator denominator }
  }
  engagementSeries(brandId: $b, window: $w, granularity: $g) { periodStart score activityCount feedbackCount }
}`;

const audienceQuery = (ids: string[]) =>
  `query Audiences($b: ID!, $w: WindowInput!) { ${ids
    .map(
      (_, i) =>
        `a${i}: engagement(brandId: $b, window: $w, audienceId: $a${i}) { score stage feedbackCount activityCount responseTime { medianMinutes } phases { phase components { name value } } }`,
    )
    .join(' ')} }`.replace(
    '$w: WindowInput!)',
    `$w: WindowInput!${ids.map((_, i) => `, $a${i}: ID!`).join('')})`,
  );

const componentOf = (phases: Phase[], name: string) =>
  phases.flatMap((p) => p.components).find((c) => c.name === name);
const ratio = (c: Component) => `${+c.numerator.toFixed(2)} / ${+c.denominator.toFixed(2)}`;

function PhaseRow(props: { p: Phase }) {
  const p = props.p;
  return html`<tbody data-phase=${p.phase}>
    <tr>
      <th scope="row">
        ${label(p.phase)}${!p.applicable && html` <span class="tag">no data</span>`}
      </th>
      <td class="n"><${Num} value=${p.score} text=${score(p.score)} testid="phase-score" /></td>
      <td class="n"><${Num} value=${p.weight} text=${percent(p.weight)} /></td>
      <td class="n">
        <${Num} value=${p.contribution} text=${score(p.contribution)} testid="phase-contribution" />
      </td>
      <td>
        <${Bar}
          value=${p.activityShare}
          target=${p.targetShare}
          text=${`${percent(p.activityShare)} of effort · target ${percent(p.targetShare)}`}
        />
      </td>
    </tr>
    <tr class="components">
      <td colspan="5">
        <details>
          <summary>Why ${score(p.score)}? ${p.components.length} components</summary>
          <table class="plain">
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col" class="n">Weight</th>
                <th scope="col" class="n">Value</th>
                <th scope="col" class="n">Numerator / denominator</th>
              </tr>
            </thead>
            <tbody>
              ${p.components.map(
                (c) =>
                  html`<tr data-component=${c.name}>
                    <td>${words(c.name)}</td>
                    <td class="n">${c.weight.toFixed(2)}</td>
                    <td class="n">
                      <${Num} value=${c.value} text=${c.applicable ? percent(c.value) : 'n/a'} />
                    </td>
                    <td class="n" title=${`${c.numerator} / ${c.denominator}`}>${ratio(c)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </details>
      </td>
    </tr>
  </tbody>`;
}

interface AudienceRow {
  id: string;
  name: string;
  channel: string;
  score: number;
  stage: string;
  feedback: number;
  activities: number;
  responseRate: number | null;
  median: number | null;
}
const AUDIENCE_COLUMNS: Column<AudienceRow>[] = [
  { key: 'name', label: 'Audience', value: (r) => r.name, sortable: true },
  { key: 'channel', label: 'Channel', value: (r) => r.channel, cell: (r) => label(r.channel) },
  {
    key: 'score',
    label: 'Score',
    value: (r) => r.score,
    numeric: true,
    cell: (r) => html`<${Num} value=${r.score} text=${score(r.score)} />`,
  },
  { key: 'stage', label: 'Stage', value: (r) => r.stage, cell: (r) => label(r.stage) },
  {
    key: 'responseRate',
    label: 'Response rate',
    value: (r) => r.responseRate,
    numeric: true,
    cell: (r) => html`<${Num} value=${r.responseRate} text=${percent(r.responseRate)} />`,
  },
  {
    key: 'median',
    label: 'Median first response',
    value: (r) => r.median,
    numeric: true,
    cell: (r) => html`<${Num} value=${r.median} text=${duration(r.median)} />`,
  },
  { key: 'feedback', label: 'Feedback', value: (r) => r.feedback, numeric: true },
  { key: 'activities', label: 'Activities', value: (r) => r.activities, numeric: true },
];

export function BrandView(props: { route: Route }) {
  const { route } = props;
  const { head, brand, zone, window } = useBrandWindow(route, BRAND);
  const g = window ? granularityFor(window) : 'DAY';
  const q = useQuery(
    REPORT,
    window && brand ? { b: brand.id, w: window, p: previous(window), g } : null,
  );
  const ids: string[] = (brand?.audiences ?? []).slice(0, 10).map((a: { id: string }) => a.id);
  const aq = useQuery(
    audienceQuery(ids),
    window && brand && ids.length
      ? { b: brand.id, w: window, ...Object.fromEntries(ids.map((id, i) => [`a${i}`, id])) }
      : null,
  );
  useReloadOnChange(brand, window, () => {
    q.reload();
    aq.reload();
  });
  const state = brandPageState('brand', head, brand, q, window);
  if (state || !window || !q.data) return state;
  const { engagement: e, previous: prev, classification: c, engagementSeries: series } = q.data;
  const hadPrevious = prev.feedbackCount + prev.activityCount > 0;
  const rate = componentOf(e.phases, 'responseRate');
  const audiences: AudienceRow[] = aq.data
    ? ids.map((id, i) => {
        const a = brand.audiences.find((x: { id: string }) => x.id === id);
        const r = aq.data[`a${i}`];
        return {
          id,
          name: a.name,
          channel: a.channel,
          score: r.score,
          stage: r.stage,
          feedback: r.feedbackCount,
          activities: r.activityCount,
          responseRate: componentOf(r.phases, 'responseRate')?.value ?? null,
          median: r.responseTime.medianMinutes,
        };
      })
    : [];
  return html`<div class="view" data-testid="brand" data-brand=${brand.id} data-from=${window.from} data-to=${window.to}>
    <div class="view-head">
      <h1>${brand.name}</h1>
      <${WindowBar} route=${route} data=${brand.dataWindow} zone=${zone} />
    </div>
    <${EmptyNotice} route=${route} window=${window} data=${brand.dataWindow} zone=${zone} what=${`feedback or activities for ${brand.name}`} />
    <div class="kpis">
      <div class="kpi"><span class="kpi-label">Engagement score</span>
        <span class="kpi-value"><${Num} value=${e.score} text=${score(e.score)} testid="score" /></span>
        <span class="kpi-note"><span class=${!hadPrevious ? '' : e.score >= prev.score ? 'up' : 'down'} data-testid="score-change" title=${hadPrevious ? `previous window: ${prev.score}` : 'no data in the previous window'}>${hadPrevious ? change(e.score, prev.score) : '—'}</span> vs previous ${describe(previous(window), zone)}</span></div>
      <div class="kpi"><span class="kpi-label">Stage</span><span class="kpi-value" data-testid="stage" data-stage=${e.stage}>${label(e.stage)}</span>
        <span class="kpi-note">${hadPrevious ? `was ${label(prev.stage)}` : 'no previous data'} · mix alignment <${Num} value=${e.mixAlignment} text=${score(e.mixAlignment)} /></span></div>
      <div class="kpi"><span class="kpi-label">Response rate</span><span class="kpi-value"><${Num} value=${rate?.value} text=${percent(rate?.value)} testid="response-rate" /></span>
        <span class="kpi-note">${rate ? ratio(rate) : '—'} needing a response were answered</span></div>
      <div class="kpi"><span class="kpi-label">First response</span>
        <span class="kpi-value"><${Num} value=${e.responseTime.medianMinutes} text=${duration(e.responseTime.medianMinutes)} testid="median" /></span>
        <span class="kpi-note">median · p90 <${Num} value=${e.responseTime.p90Minutes} text=${duration(e.responseTime.p90Minutes)} testid="p90" /> · target ${duration(brand.responseTargetMinutes)}</span></div>
      <div class="kpi"><span class="kpi-label">Volume</span><span class="kpi-value">${count(e.feedbackCount)}</span>
        <span class="kpi-note">feedback · ${count(e.activityCount)} activities · <a href=${`#/brands/${encodeURIComponent(brand.id)}/inbox?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`}>inbox</a></span></div>
    </div>
    <${Card} title="Phases" wide=${true}>
      <div class="table-wrap"><table class="phases" data-testid="phases">
        <caption class="sr-only">The four phases: score, weight, contribution to the score and effort share against target</caption>
        <thead><tr><th scope="col">Phase</th><th scope="col" class="n">Score</th><th scope="col" class="n">Weight</th><th scope="col" class="n">Contribution</th><th scope="col">Effort share vs target</th></tr></thead>
        ${e.phases.map((p: Phase) => html`<${PhaseRow} key=${p.phase} p=${p} />`)}
      </table></div>
    </${Card}>
    <div class="grid two">
      <${Card} title=${`Trend (${g.toLowerCase()}s)`}><${TrendChart} points=${series} zone=${zone} granularity=${g} /></${Card}>
      <${SentimentCard} e=${e} />
    </div>
    <${GrunigCard} c=${c} />
    ${
      ids.length > 0 &&
      html`<${Card} title="Per audience" wide=${true}>
      <${Table} caption="Engagement per audience" columns=${AUDIENCE_COLUMNS} rows=${audiences} rowKey=${(r: AudienceRow) => r.id} csvName=${`rapport-${brand.name}-audiences.csv`} />
    </${Card}>`
    }
  </div>`;
}
