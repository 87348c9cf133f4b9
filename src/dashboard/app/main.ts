/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** Rapport's dashboard: hash-routed views over the GraphQL API, bundled by scripts/build-dashboard.js. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';
import './theme.css';
import './shell.css';
import './layout.css';
import './tables.css';
import './charts.css';
import './inbox.css';
import './small-screens.css';
import { apiKey, closeLive, gql, onLive } from './api';
import { BrandView } from './brand-view';
import { InboxView } from './inbox-view';
import { OverviewView } from './overview-view';
import { parseRoute, routeHash, type Route } from './router';
import { html } from './ui';

function KeyForm(props: { onKey: (key: string) => void; message: string | null }) {
  const [value, setValue] = useState('');
  return html`<main class="key-page">
    <form
      class="card key-card"
      autocomplete="off"
      onSubmit=${(e: Event) => {
        e.preventDefault();
        if (value.trim()) props.onKey(value.trim());
      }}
    >
      <h1>Rapport</h1>
      <p>
        Engagement analytics: scores, response times, Grunig models and the inbox of unhappy
        customers, live.
      </p>
      <label for="key">API key</label>
      <input
        id="key"
        type="password"
        placeholder="rk_…"
        required
        value=${value}
        onInput=${(e: Event) => setValue((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Open the dashboard</button>
      <p class="note">
        A read key shows the numbers; a write key can also act on the inbox. The key is kept for
        this browser session only (<code>npm run apikey</code> prints one).
      </p>
      ${props.message && html`<p class="error" role="alert">${props.message}</p>`}
    </form>
  </main>`;
}

function Nav(props: { route: Route; scopes: string[]; live: boolean; onForget: () => void }) {
  const { route } = props;
  const w = { from: route.from, to: route.to };
  const link = (r: Route, text: string) =>
    html`<a href=${routeHash(r)} aria-current=${r.view === route.view ? 'page' : undefined}
      >${text}</a
    >`;
  return html`<header class="top">
    <a class="logo" href=${routeHash({ view: 'overview', brandId: null, ...w })}>Rapport</a>
    <nav aria-label="Views">
      ${link({ view: 'overview', brandId: null, ...w }, 'Overview')}
      ${route.brandId && link({ view: 'brand', brandId: route.brandId, ...w }, 'Brand')}
      ${route.brandId && link({ view: 'inbox', brandId: route.brandId, ...w }, 'Inbox')}
    </nav>
    <span class="spacer"></span>
    <span class=${`live ${props.live ? 'on' : 'off'}`} role="status" data-testid="live">
      <span class="dot" aria-hidden="true"></span>${props.live ? 'Live' : 'Connecting…'}
    </span>
    <span class="scopes" title="What this key may do"
      >${props.scopes.join(' · ').toLowerCase()}</span
    >
    <button type="button" class="ghost" onClick=${props.onForget}>Forget key</button>
  </header>`;
}

function App() {
  const [route, setRoute] = useState(parseRoute(location.hash));
  const [scopes, setScopes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [hasKey, setHasKey] = useState(!!apiKey.get());
  const [live, setLive] = useState(false);
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    const stop = onLive(setLive);
    return () => {
      window.removeEventListener('hashchange', update);
      stop();
    };
  }, []);
  useEffect(() => {
    if (!hasKey) return;
    gql('query Viewer { viewer { scopes } }').then(
      (d) => setScopes(d.viewer.scopes),
      (error) => {
        apiKey.forget();
        setHasKey(false);
        setMessage(`The key was not accepted: ${error.message}`);
      },
    );
  }, [hasKey]);
  const forget = () => {
    apiKey.forget();
    closeLive();
    setScopes(null);
    setHasKey(false);
  };
  if (!hasKey)
    return html`<${KeyForm}
      message=${message}
      onKey=${(k: string) => {
        apiKey.set(k);
        setMessage(null);
        setHasKey(true);
      }}
    />`;
  if (!scopes) return html`<p class="loading" role="status">Checking the key…</p>`;
  const view =
    route.view === 'overview'
      ? html`<${OverviewView} route=${route} />`
      : route.view === 'brand'
        ? html`<${BrandView} key=${route.brandId} route=${route} />`
        : html`<${InboxView}
            key=${route.brandId}
            route=${route}
            canWrite=${scopes.includes('WRITE')}
          />`;
  return html`<${Nav} route=${route} scopes=${scopes} live=${live} onForget=${forget} />
    <main id="main">${view}</main>`;
}

render(html`<${App} />`, document.getElementById('app')!);
