/** Overview: every brand ranked by score over the window, with its care numbers and the change. */
import { useState } from 'preact/hooks';
import { change, count, duration, label, percent, score } from './format';
import type { Route } from './router';
import { gql } from './api';
import {
  EmptyNotice,
  ENGAGEMENT_CHANGED,
  useDebounced,
  useLive,
  useQuery,
  useWindow,
  WindowBar,
} from './shell';
import { Card, html, Num, sortRows, Table, type Column, type SortState } from './ui';
import { previous, type Span } from './windows';

const ZONE = 'UTC'; // the workspace's brands live in several zones: the overview's days are UTC days

const DATA = `query OverviewData { workspaceOverview { dataWindow { from to } } }`;

export const OVERVIEW = `query Overview($w: WindowInput!, $p: WindowInput!, $after: String) {
  workspaceOverview(window: $w) {
    brandCount insufficientData meanEngagementScore
    brandsByModel { model brands } brandsByStage { stage brands }
  }
  brands(first: 100, after: $after, orderBy: { field: ENGAGEMENT_SCORE, direction: DESC, window: $w }) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name
      engagement(window: $w) {
        score stage feedbackCount
        responseTime { respondedCount medianMinutes p90Minutes }
        phases { phase components { name numerator denominator value } }
      }
      previous: engagement(window: $p) { score feedbackCount activityCount }
      classification(window: $w) { model insufficientData }
    }
  }
}`;

export interface BrandRow {
  id: string;
  name: string;
  score: number;
  stage: string;
  model: string | null;
  responseRate: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
  feedback: number;
  unansweredNegative: number;
  change: number | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toRow(b: any): BrandRow {
  const e = b.engagement;
  const component = (name: string) =>
    e.phases
      .flatMap((p: { components: { name: string }[] }) => p.components)
      .find((c: { name: string }) => c.name === name);
  const rate = component('responseRate');
  const concerns = component('concernsAddressed');
  const hadPrevious = b.previous.feedbackCount + b.previous.activityCount > 0;
  return {
    id: b.id,
    name: b.name,
    score: e.score,
    stage: e.stage,
    model: b.classification.insufficientData ? null : b.classification.model,
    responseRate: rate?.value ?? null,
    medianMinutes: e.responseTime.medianMinutes,
    p90Minutes: e.responseTime.p90Minutes,
    feedback: e.feedbackCount,
    // negative feedback of the window without a response: concernsAddressed's denominator − numerator
    unansweredNegative: concerns ? concerns.denominator - concerns.numerator : 0,
    change: hadPrevious ? e.score - b.previous.score : null,
  };
}

/** Every page of the ranking (100 brands a page), in the API's order. */
async function fetchAll(query: string, variables: Record<string, unknown>) {
  const first = await gql(query, variables);
  const nodes = [...first.brands.nodes];
  let page = first.brands.pageInfo;
  while (page.hasNextPage) {
    const next = await gql(query, { ...variables, after: page.endCursor });
    nodes.push(...next.brands.nodes);
    page = next.brands.pageInfo;
  }
  return { ...first, brands: { nodes } };
}

const brandLink = (r: BrandRow, route: Route) =>
  `#/brands/${encodeURIComponent(r.id)}?from=${encodeURIComponent(route.from!)}&to=${encodeURIComponent(route.to!)}`;

function columns(route: Route): Column<BrandRow>[] {
  return [
    { key: 'rank', label: '#', value: (r) => r.score, cell: () => null, numeric: true },
    {
      key: 'name',
      label: 'Brand',
      value: (r) => r.name,
      sortable: true,
      cell: (r) => html`<a href=${brandLink(r, route)} data-testid="brand-link">${r.name}</a>`,
    },
    {
      key: 'score',
      label: 'Score',
      value: (r) => r.score,
      numeric: true,
      sortable: true,
      cell: (r) => html`<${Num} value=${r.score} text=${score(r.score)} testid="score" />`,
    },
    {
      key: 'change',
      label: 'Change',
      value: (r) => r.change,
      numeric: true,
      sortable: true,
      cell: (r) =>
        html`<span
          class=${r.change === null ? '' : r.change >= 0 ? 'up' : 'down'}
          title=${r.change ?? 'no data in the previous window'}
          >${r.change === null ? '—' : change(r.score, r.score - r.change)}</span
        >`,
    },
    {
      key: 'stage',
      label: 'Stage',
      value: (r) => r.stage,
      sortable: true,
      cell: (r) => html`<span class="tag">${label(r.stage)}</span>`,
    },
    {
      key: 'model',
      label: 'Model',
      value: (r) => r.model,
      sortable: true,
      cell: (r) => label(r.model),
    },
    {
      key: 'responseRate',
      label: 'Response rate',
      value: (r) => r.responseRate,
      numeric: true,
      sortable: true,
      cell: (r) =>
        html`<${Num}
          value=${r.responseRate}
          text=${percent(r.responseRate)}
          testid="response-rate"
        />`,
    },
    {
      key: 'median',
      label: 'Median first response',
      value: (r) => r.medianMinutes,
      numeric: true,
      sortable: true,
      cell: (r) => html`<${Num} value=${r.medianMinutes} text=${duration(r.medianMinutes)} />`,
    },
    {
      key: 'p90',
      label: 'p90 first response',
      value: (r) => r.p90Minutes,
      numeric: true,
      sortable: true,
      cell: (r) => html`<${Num} value=${r.p90Minutes} text=${duration(r.p90Minutes)} />`,
    },
    {
      key: 'feedback',
      label: 'Feedback',
      value: (r) => r.feedback,
      numeric: true,
      sortable: true,
      cell: (r) => html`<${Num} value=${r.feedback} text=${count(r.feedback)} />`,
    },
    {
      key: 'unanswered',
      label: 'Unanswered negative',
      value: (r) => r.unansweredNegative,
      numeric: true,
      sortable: true,
      cell: (r) =>
        r.unansweredNegative
          ? html`<a href=${brandLink(r, route).replace('?', '/inbox?')} title="Open the inbox"
              >${count(r.unansweredNegative)}</a
            >`
          : '0',
    },
  ];
}

function Counts(props: { title: string; items: { name: string; n: number }[]; total: number }) {
  return html`<${Card} title=${props.title}>
    <ul class="counts">
      ${props.items.map(
        (i) =>
          html`<li>
            <span class="count-label">${i.name}</span>
            <span class="count-bar" aria-hidden="true"
              ><span style=${{ width: `${props.total ? (100 * i.n) / props.total : 0}%` }}></span
            ></span>
            <span class="count-n">${i.n}</span>
          </li>`,
      )}
    </ul>
  </${Card}>`;
}

export function OverviewView(props: { route: Route }) {
  const { route } = props;
  const extent = useQuery(DATA, {});
  const data: Span | null | undefined = extent.data
    ? extent.data.workspaceOverview.dataWindow
    : undefined;
  const window = useWindow(route, data, ZONE);
  const variables = window ? { w: window, p: previous(window) } : null;
  const q = useQuery(OVERVIEW, variables, fetchAll);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortState | null>(null);
  const reload = useDebounced(() => q.reload());
  const rows: BrandRow[] = q.data ? q.data.brands.nodes.map(toRow) : [];
  useLive(
    ENGAGEMENT_CHANGED,
    window ? rows.slice(0, 15).map((r) => ({ b: r.id, w: window })) : [],
    reload,
  );
  if (extent.error || q.error)
    return html`<p class="error" role="alert">
      Could not load the overview: ${extent.error ?? q.error}
    </p>`;
  if (!window || !q.data) return html`<p class="loading" role="status">Loading the overview…</p>`;
  const o = q.data.workspaceOverview;
  const cols = columns(route);
  cols[0]!.cell = (r) => String(rows.indexOf(r) + 1);
  const needle = search.trim().toLowerCase();
  const shown = sortRows(
    rows.filter((r) => r.name.toLowerCase().includes(needle)),
    cols,
    sort,
  );
  return html`<div class="view" data-testid="overview" data-from=${window.from} data-to=${window.to}>
    <div class="view-head">
      <h1>Overview</h1>
      <${WindowBar} route=${route} data=${data ?? null} zone=${ZONE} />
    </div>
    <${EmptyNotice} route=${route} window=${window} data=${data ?? null} zone=${ZONE} what="feedback or activities in any brand" />
    <div class="kpis">
      <div class="kpi"><span class="kpi-label">Brands</span><span class="kpi-value">${o.brandCount}</span>
        <span class="kpi-note">${o.insufficientData} without data in the window</span></div>
      <div class="kpi"><span class="kpi-label">Mean score</span><span class="kpi-value"><${Num} value=${o.meanEngagementScore} text=${score(o.meanEngagementScore)} /></span>
        <span class="kpi-note">0–100, engagement model</span></div>
      <div class="kpi"><span class="kpi-label">Feedback</span><span class="kpi-value">${count(rows.reduce((n, r) => n + r.feedback, 0))}</span>
        <span class="kpi-note">${count(rows.reduce((n, r) => n + r.unansweredNegative, 0))} negative still unanswered</span></div>
    </div>
    <div class="grid two">
      <${Counts} title="Brands per model" total=${o.brandCount - o.insufficientData}
        items=${o.brandsByModel.map((m: { model: string; brands: number }) => ({ name: label(m.model), n: m.brands }))} />
      <${Counts} title="Brands per stage" total=${o.brandCount}
        items=${o.brandsByStage.map((s: { stage: string; brands: number }) => ({ name: label(s.stage), n: s.brands }))} />
    </div>
    <${Card} title="Ranking by engagement score" wide=${true}
      actions=${html`<label class="search"
        >Search brands
        <input
          type="search"
          value=${search}
          onInput=${(e: Event) => setSearch((e.target as HTMLInputElement).value)}
          placeholder="Name"
      /></label>`}>
      <${Table} caption="Brands ranked by engagement score" columns=${cols} rows=${shown} rowKey=${(r: BrandRow) => r.id}
        csvName="rapport-overview.csv" pageSize=${20} sort=${sort} onSort=${setSort} testid="ranking" />
    </${Card}>
  </div>`;
}
