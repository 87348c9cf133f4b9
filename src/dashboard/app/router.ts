/** Hash routes: #/?from&to, #/brands/<id>?from&to, #/brands/<id>/inbox?from&to. */
export type View = 'overview' | 'brand' | 'inbox';

export interface Route {
  view: View;
  brandId: string | null;
  from: string | null;
  to: string | null;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const window = { from: params.get('from'), to: params.get('to') };
  const valid = window.from && window.to && Date.parse(window.from) < Date.parse(window.to);
  const w = valid ? window : { from: null, to: null };
  const m = /^\/brands\/([^/]+)(\/inbox)?\/?$/.exec(path);
  if (m) return { view: m[2] ? 'inbox' : 'brand', brandId: decodeURIComponent(m[1]!), ...w };
  return { view: 'overview', brandId: null, ...w };
}

export function routeHash(r: Route): string {
  const path =
    r.view === 'overview'
      ? '/'
      : `/brands/${encodeURIComponent(r.brandId!)}${r.view === 'inbox' ? '/inbox' : ''}`;
  const q = r.from && r.to ? `?${new URLSearchParams({ from: r.from, to: r.to })}` : '';
  return `#${path}${q}`;
}
