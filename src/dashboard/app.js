// Rapport dashboard: plain browser JavaScript, no build step, no CDN.
'use strict';

const KEY = 'rapport.apiKey';
const $ = (id) => document.getElementById(id);
const DAY = 86_400_000;
const PHASE_NAMES = {
  LISTENING: 'Listening',
  PROCESSING: 'Processing',
  INTERACTING: 'Interacting',
  BROADCASTING: 'Broadcasting',
};
const MODEL_NAMES = {
  PRESS_AGENTRY: 'Press agentry',
  PUBLIC_INFORMATION: 'Public information',
  TWO_WAY_ASYMMETRICAL: 'Two-way asymmetrical',
  TWO_WAY_SYMMETRICAL: 'Two-way symmetrical',
};
const fmt = (x, digits = 1) => (x === null || x === undefined ? '—' : Number(x).toFixed(digits));
const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(0)} %`);

async function gql(query, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${sessionStorage.getItem(KEY)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    const error = new Error(body.errors[0].message);
    error.code = body.errors[0].extensions?.code;
    throw error;
  }
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return body.data;
}

function say(text) {
  $('message').textContent = text;
}

async function loadBrands() {
  const brands = [];
  let after = null;
  do {
    const data = await gql(
      'query DashboardBrands($after: String) { brands(first: 100, after: $after, orderBy: { field: NAME, direction: ASC }) { edges { node { id name timezone } } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    brands.push(...data.brands.edges.map((e) => e.node));
    after = data.brands.pageInfo.hasNextPage ? data.brands.pageInfo.endCursor : null;
  } while (after);
  return brands;
}

function currentWindow() {
  const choice = $('window').value;
  if (choice === 'custom') {
    const from = $('from').valueAsDate;
    const to = $('to').valueAsDate;
    if (!from || !to || from >= to) return null;
    return { from: from.toISOString(), to: new Date(to.getTime() + DAY).toISOString() };
  }
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  return {
    from: new Date(to.getTime() - Number(choice) * DAY).toISOString(),
    to: to.toISOString(),
  };
}

function granularityFor(window) {
  const days = (Date.parse(window.to) - Date.parse(window.from)) / DAY;
  return days <= 92 ? 'DAY' : days <= 731 ? 'WEEK' : 'MONTH';
}

const REPORT = `query Dashboard($b: ID!, $w: WindowInput!, $g: Granularity!) {
  engagement(brandId: $b, window: $w) {
    score stage feedbackCount activityCount
    phases { phase score weight contribution activityShare targetShare }
  }
  classification(brandId: $b, window: $w) { model insufficientData direction symmetry promotion confidence }
  engagementSeries(brandId: $b, window: $w, granularity: $g) { periodStart score feedbackCount activityCount }
}`;

async function show() {
  const brandId = $('brand').value;
  const window = currentWindow();
  if (!brandId || !window) return;
  const granularity = granularityFor(window);
  say('Loading…');
  try {
    const data = await gql(REPORT, { b: brandId, w: window, g: granularity });
    render(data, granularity);
    $('report').dataset.from = window.from;
    $('report').dataset.to = window.to;
    $('report').dataset.brand = brandId;
    $('report').hidden = false;
    say('');
  } catch (error) {
    say(`Could not load the report: ${error.message}`);
  }
}

function render({ engagement: e, classification: c, engagementSeries: series }, granularity) {
  $('score').textContent = fmt(e.score);
  $('stage').textContent = e.stage;
  $('counts').textContent = `${e.feedbackCount} feedback, ${e.activityCount} activities`;
  $('phases').replaceChildren(
    ...e.phases.map((p) => {
      const row = document.createElement('tr');
      row.dataset.phase = p.phase;
      const share = p.activityShare === null ? 0 : p.activityShare;
      row.innerHTML = `<td>${PHASE_NAMES[p.phase]}</td><td data-testid="phase-score">${fmt(p.score)}</td>
        <td>${pct(p.weight)}</td><td data-testid="phase-contribution">${fmt(p.contribution)}</td>
        <td>${pct(p.activityShare)}<span class="bar" style="width:${(share * 60).toFixed(0)}px"></span></td>
        <td>${pct(p.targetShare)}<span class="bar target" style="width:${(p.targetShare * 60).toFixed(0)}px"></span></td>`;
      return row;
    }),
  );
  $('model').textContent = c.insufficientData ? 'not enough data' : MODEL_NAMES[c.model];
  $('direction').textContent = fmt(c.direction, 2);
  $('symmetry').textContent = fmt(c.symmetry, 2);
  $('promotion').textContent = fmt(c.promotion, 2);
  $('confidence').textContent = fmt(c.confidence, 2);
  drawPlane(c);
  $('granularity').textContent = `(${granularity.toLowerCase()}s)`;
  drawTrend(series);
}

const svg = (tag, attrs, text) => {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
};

function drawPlane(c) {
  const size = 200;
  const x0 = 30;
  const y0 = 10;
  const quadrant = (x, y, label) => [
    svg('rect', {
      x: x0 + x * size,
      y: y0 + (1 - y - 0.5) * size,
      width: size / 2,
      height: size / 2,
      fill: x && y ? '#e8f0fe' : '#fff',
      stroke: '#d9dde3',
    }),
    svg('text', { x: x0 + x * size + 6, y: y0 + (1 - y - 0.5) * size + 14 }, label),
  ];
  const parts = [
    ...quadrant(0, 0.5, 'Public information'),
    ...quadrant(0, 0, 'Press agentry'),
    ...quadrant(0.5, 0, 'Two-way asym.'),
    ...quadrant(0.5, 0.5, 'Two-way sym.'),
    svg(
      'text',
      { x: x0 + size / 2, y: y0 + size + 22, 'text-anchor': 'middle' },
      'direction: one-way → two-way',
    ),
    svg(
      'text',
      {
        x: 12,
        y: y0 + size / 2,
        transform: `rotate(-90 12 ${y0 + size / 2})`,
        'text-anchor': 'middle',
      },
      'symmetry: persuade → adapt',
    ),
  ];
  if (!c.insufficientData) {
    parts.push(
      svg('circle', {
        cx: x0 + c.direction * size,
        cy: y0 + (1 - c.symmetry) * size,
        r: 7,
        fill: '#2563eb',
        'data-testid': 'plane-dot',
      }),
    );
  }
  $('plane').replaceChildren(...parts);
}

function drawTrend(series) {
  const width = 600;
  const height = 200;
  const pad = 30;
  const points = series.map((p, i) => ({
    x: pad + (series.length === 1 ? 0.5 : i / (series.length - 1)) * (width - 2 * pad),
    y: height - pad - (p.score / 100) * (height - 2 * pad),
    p,
  }));
  const parts = [0, 50, 100].flatMap((v) => {
    const y = height - pad - (v / 100) * (height - 2 * pad);
    return [
      svg('line', { x1: pad, x2: width - pad, y1: y, y2: y, stroke: '#d9dde3' }),
      svg('text', { x: 4, y: y + 3 }, String(v)),
    ];
  });
  if (points.length) {
    parts.push(
      svg('polyline', {
        points: points.map((q) => `${q.x},${q.y}`).join(' '),
        fill: 'none',
        stroke: '#2563eb',
        'stroke-width': 2,
        'data-testid': 'trend-line',
      }),
    );
    parts.push(svg('text', { x: pad, y: height - 8 }, series[0].periodStart.slice(0, 10)));
    parts.push(
      svg(
        'text',
        { x: width - pad, y: height - 8, 'text-anchor': 'end' },
        series[series.length - 1].periodStart.slice(0, 10),
      ),
    );
  }
  $('trend').replaceChildren(...parts);
  $('trend').dataset.points = String(points.length);
}

async function start() {
  const key = sessionStorage.getItem(KEY);
  $('forget').hidden = !key;
  if (!key) {
    say(
      'Enter an API key with the read scope (npm run apikey prints one). It is kept for this browser session only.',
    );
    return;
  }
  say('Loading brands…');
  try {
    const brands = await loadBrands();
    $('brand').replaceChildren(...brands.map((b) => new Option(b.name, b.id)));
    $('controls').hidden = false;
    if (!brands.length)
      return say('This workspace has no brands yet: npm run seed imports a demo.');
    await show();
  } catch (error) {
    if (error.code === 'UNAUTHENTICATED') sessionStorage.removeItem(KEY);
    say(`Could not load brands: ${error.message}`);
  }
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $('key').value.trim());
  $('key').value = '';
  void start();
});
$('forget').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  location.reload();
});
$('brand').addEventListener('change', () => void show());
$('window').addEventListener('change', () => {
  $('custom').hidden = $('window').value !== 'custom';
  void show();
});
$('from').addEventListener('change', () => void show());
$('to').addEventListener('change', () => void show());
void start();
