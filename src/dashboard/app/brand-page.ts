/** What every per-brand view (brand, inbox) starts with: the brand, its window, live reloads, and the states before data. */
import type { Route } from './router';
import { ENGAGEMENT_CHANGED, useDebounced, useLive, useQuery, useWindow } from './shell';
import { html } from './ui';
import type { Span } from './windows';

/** The brand of the route (its head query must select `brand { id timezone dataWindow { from to } }`) and the window. */
export function useBrandWindow(route: Route, headQuery: string) {
  const head = useQuery(headQuery, { b: route.brandId });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const brand: any = head.data?.brand;
  const zone: string = brand?.timezone ?? 'UTC';
  const window = useWindow(route, brand ? brand.dataWindow : undefined, zone);
  return { head, brand, zone, window };
}

/** Calls `reload` (debounced) whenever the brand's engagement changes within the window. */
export function useReloadOnChange(
  brand: { id: string } | undefined,
  window: Span | null,
  reload: () => void,
): void {
  const debounced = useDebounced(reload);
  useLive(ENGAGEMENT_CHANGED, window && brand ? [{ b: brand.id, w: window }] : [], debounced);
}

/** The error, "no such brand" or loading state of a brand page, or null once its data is there. */
export function brandPageState(
  what: string,
  head: { data: unknown; error: string | null },
  brand: unknown,
  q: { data: unknown; error: string | null },
  window: Span | null,
) {
  if (head.error || q.error)
    return html`<p class="error" role="alert">
      Could not load the ${what}: ${head.error ?? q.error}
    </p>`;
  if (head.data && !brand)
    return html`<p class="error" role="alert">
      No brand with this id in your workspace. <a href="#/">Back to the overview</a>
    </p>`;
  if (!window || !q.data) return html`<p class="loading" role="status">Loading the ${what}…</p>`;
  return null;
}
