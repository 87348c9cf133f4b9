/** The frame every view shares: the window picker, the empty-window notice, live loading. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql, subscribe, type Data } from './api';
import { parseRoute, type Route, routeHash } from './router';
import { html } from './ui';
import { days, defaultWindow, describe, lastDays, localDate, overlaps, type Span } from './windows';

export function go(route: Route, replace = false): void {
  const hash = routeHash(route);
  if (replace) history.replaceState(null, '', hash);
  else location.hash = hash;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The route's window, or (replacing the URL) the default for where the data is. */
export function useWindow(route: Route, data: Span | null | undefined, zone: string): Span | null {
  const known = route.from && route.to ? { from: route.from, to: route.to } : null;
  useEffect(() => {
    // only while the address still shows this view: the effect can run after the user (or a
    // link) has already gone elsewhere, and must not send them back
    if (!known && data !== undefined && routeHash(parseRoute(location.hash)) === routeHash(route))
      go({ ...route, ...defaultWindow(data, zone) }, true);
  }, [known?.from, known?.to, data, zone]);
  return known;
}

const PRESETS = [7, 30, 90, 365];

export function WindowBar(props: { route: Route; data: Span | null; zone: string }) {
  const { route, data, zone } = props;
  const current = route.from && route.to ? { from: route.from, to: route.to } : null;
  const set = (w: Span) => go({ ...route, ...w });
  const preset = (n: number) => (data ? lastDays(n, data, zone) : null);
  const active = (w: Span | null) =>
    !!w && !!current && w.from === current.from && w.to === current.to;
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  useEffect(() => {
    if (current) {
      setFirst(localDate(current.from, zone));
      setLast(localDate(Date.parse(current.to) - 1, zone));
    }
  }, [current?.from, current?.to, zone]);
  const apply = (e: Event) => {
    e.preventDefault();
    if (first && last && first <= last) set(days(first, last, zone));
  };
  const all = data
    ? days(localDate(data.from, zone), localDate(Date.parse(data.to) - 1, zone), zone)
    : null;
  return html`<form class="window-bar" onSubmit=${apply} aria-label="Report window">
    <div class="presets" role="group" aria-label="Window presets">
      ${PRESETS.map((n) => {
        const w = preset(n);
        return html`<button
          type="button"
          class="chip"
          aria-pressed=${active(w)}
          disabled=${!w}
          onClick=${() => w && set(w)}
          title=${w ? describe(w, zone) : ''}
        >
          ${n} d
        </button>`;
      })}
      <button
        type="button"
        class="chip"
        aria-pressed=${active(all)}
        disabled=${!all}
        onClick=${() => all && set(all)}
      >
        All data
      </button>
    </div>
    <${DateField} label="From" value=${first} onChange=${setFirst} />
    <${DateField} label="To" value=${last} onChange=${setLast} />
    <button type="submit" class="ghost">Apply</button>
    <span class="zone" title="Windows are whole local days in this time zone">${zone}</span>
  </form>`;
}

/** A labelled local-date input. */
function DateField(props: { label: string; value: string; onChange: (value: string) => void }) {
  return html`<label
    >${props.label}
    <input
      type="date"
      value=${props.value}
      onInput=${(e: Event) => props.onChange((e.target as HTMLInputElement).value)}
  /></label>`;
}

/** Says so when the window holds no data, and offers where the data is. */
export function EmptyNotice(props: {
  route: Route;
  window: Span;
  data: Span | null;
  zone: string;
  what: string;
}) {
  const { route, window, data, zone } = props;
  if (data && overlaps(window, data)) return null;
  return html`<div class="notice" role="status" data-testid="empty-window">
    <p>No ${props.what} between ${describe(window, zone)}.</p>
    ${
      data
        ? html`<p>
            Data exists from ${describe(data, zone)}.
            <button type="button" onClick=${() => go({ ...route, ...defaultWindow(data, zone) })}>
              Show the latest 90 days with data
            </button>
          </p>`
        : html`<p>This workspace has no data yet: <code>npm run seed</code> imports a demo.</p>`
    }
  </div>`;
}

/**
 * Runs a query whenever its variables change, and again (quietly) when `reload`
 * is called, e.g. by a live push. Keeps the last answer while a new one loads.
 */
export function useQuery(
  query: string,
  variables: Record<string, unknown> | null,
  fetcher: (query: string, variables: Record<string, unknown>) => Promise<Data> = gql,
) {
  const [state, setState] = useState<{ data: Data | null; error: string | null; loading: boolean }>(
    {
      data: null,
      error: null,
      loading: true,
    },
  );
  const key = JSON.stringify(variables);
  const seq = useRef(0);
  const run = () => {
    if (!variables) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    fetcher(query, variables).then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false }),
      (error: Error) =>
        mine === seq.current && setState((s) => ({ ...s, error: error.message, loading: false })),
    );
  };
  useEffect(run, [key]);
  return { ...state, reload: run };
}

/** Subscriptions (one per variables object) that call `onPush`, debounced; renewed when the key changes. */
export function useLive(
  query: string,
  list: Record<string, unknown>[],
  onPush: (data: Data) => void,
) {
  const latest = useRef(onPush);
  latest.current = onPush;
  const key = JSON.stringify(list);
  useEffect(() => {
    const stops = list.map((variables) => subscribe(query, variables, (d) => latest.current(d)));
    return () => stops.forEach((stop) => stop());
  }, [key]);
}

/** A reload after pushes settle (several brands may push at once). */
export function useDebounced(fn: () => void, ms = 400): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => () => timer.current !== null && clearTimeout(timer.current), []);
  return () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  };
}

export const ENGAGEMENT_CHANGED = `subscription Live($b: ID!, $w: WindowInput) {
  engagementChanged(brandId: $b, window: $w) { brandId score feedbackCount activityCount }
}`;

export { gql };
