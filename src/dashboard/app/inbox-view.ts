/** Inbox: the brand's unanswered negative feedback, oldest waiting first, live, with actions for a write key. */
import { useEffect, useState } from 'preact/hooks';
import { gql, subscribe, type Data } from './api';
import { toCsv, download } from './csv';
import { count, dateTime, duration, label } from './format';
import type { Route } from './router';
import { brandPageState, useBrandWindow, useReloadOnChange } from './brand-page';
import { EmptyNotice, useQuery, WindowBar } from './shell';
import { html, Num } from './ui';

const ITEM = `id kind text sentiment sentimentSource complaint negative receivedAt acknowledgedAt outcome category
  audience { name channel } signals { sentimentCues complaintCues }`;
const HEAD = `query InboxHead($b: ID!) { brand(id: $b) { id name timezone responseTargetMinutes dataWindow { from to } } }`;
const INBOX = `query Inbox($b: ID!, $w: WindowInput!, $after: String) {
  feedback(brandId: $b, first: 100, after: $after, filter: { negative: true, unanswered: true, window: $w }) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${ITEM} }
  }
}`;
const LIVE = `subscription LiveInbox($b: ID!) {
  feedbackReceived(brandId: $b, filter: { negative: true, unanswered: true }) { ${ITEM} }
}`;
const MAX_PAGES = 5;

interface Item {
  id: string;
  kind: string;
  text: string | null;
  sentiment: number | null;
  sentimentSource: string;
  complaint: boolean;
  negative: boolean;
  receivedAt: string;
  acknowledgedAt: string | null;
  outcome: string;
  category: string | null;
  audience: { name: string; channel: string } | null;
  signals: { sentimentCues: string[]; complaintCues: string[] };
}

/** Up to MAX_PAGES pages of the inbox (the API lists newest first). */
async function fetchInbox(query: string, variables: Record<string, unknown>): Promise<Data> {
  let page = await gql(query, variables);
  const nodes: Item[] = [...page.feedback.nodes];
  const total = page.feedback.totalCount;
  for (let i = 1; i < MAX_PAGES && page.feedback.pageInfo.hasNextPage; i++) {
    page = await gql(query, { ...variables, after: page.feedback.pageInfo.endCursor });
    nodes.push(...page.feedback.nodes);
  }
  return { total, nodes };
}

const oldestFirst = (items: Item[]) =>
  [...items].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
const SOURCES: Record<string, string> = {
  CORRECTED: 'corrected by an analyst',
  PROVIDED: 'provided by the source',
  INFERRED: 'inferred from the text',
  NONE: 'no sentiment',
};

function why(i: Item): string {
  const parts = [];
  if (i.complaint) parts.push(i.kind === 'COMPLAINT' ? 'kind complaint' : 'read as a complaint');
  if (i.sentiment !== null && i.sentiment < -0.2) parts.push(`sentiment ${i.sentiment.toFixed(2)}`);
  return parts.join(' and ');
}

function Actions(props: { item: Item; onDone: (updated: Item | null) => void }) {
  const { item } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (query: string, variables: Record<string, unknown>, key: string) => {
    setBusy(true);
    setError(null);
    gql(query, variables).then(
      (d) => {
        setBusy(false);
        props.onDone(d[key].negative ? d[key] : null);
      },
      (e: Error) => {
        setBusy(false);
        setError(e.message);
      },
    );
  };
  return html`<div class="actions" role="group" aria-label="Actions">
    <button
      type="button"
      disabled=${busy || !!item.acknowledgedAt}
      data-action="acknowledge"
      onClick=${() => act(`mutation Ack($id: ID!) { acknowledgeFeedback(id: $id) { ${ITEM} } }`, { id: item.id }, 'acknowledgeFeedback')}
    >
      ${item.acknowledgedAt ? 'Acknowledged' : 'Acknowledge'}
    </button>
    <label
      >${'Outcome '}<select
        disabled=${busy}
        value=${item.outcome}
        data-action="outcome"
        onChange=${(e: Event) =>
          act(
            `mutation Outcome($id: ID!, $o: FeedbackOutcome!) { setFeedbackOutcome(id: $id, outcome: $o) { ${ITEM} } }`,
            { id: item.id, o: (e.target as HTMLSelectElement).value },
            'setFeedbackOutcome',
          )}
      >
        ${['NONE', 'ANSWERED', 'RESOLVED', 'ADOPTED'].map((o) => html`<option value=${o}>${label(o)}</option>`)}
      </select></label
    >
    <button
      type="button"
      class="ghost"
      disabled=${busy}
      data-action="not-negative"
      title="Reclassify: not a complaint, neutral sentiment (leaves the inbox)"
      onClick=${() => act(`mutation Reclassify($id: ID!) { reclassifyFeedback(id: $id, input: { complaint: false, sentiment: 0 }) { ${ITEM} } }`, { id: item.id }, 'reclassifyFeedback')}
    >
      Not negative
    </button>
    ${error && html`<span class="error" role="alert">${error}</span>`}
  </div>`;
}

export function InboxView(props: { route: Route; canWrite: boolean }) {
  const { route } = props;
  const { head, brand, zone, window } = useBrandWindow(route, HEAD);
  const q = useQuery(INBOX, window && brand ? { b: brand.id, w: window } : null, fetchInbox);
  const [items, setItems] = useState<Item[]>([]);
  const [arrived, setArrived] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (q.data) setItems(oldestFirst(q.data.nodes));
  }, [q.data]);
  useEffect(() => {
    if (!brand || !window) return undefined;
    return subscribe(LIVE, { b: brand.id }, (d) => {
      const item: Item = d.feedbackReceived;
      if (
        Date.parse(item.receivedAt) < Date.parse(window.from) ||
        Date.parse(item.receivedAt) >= Date.parse(window.to)
      )
        return;
      setItems((list) => oldestFirst([...list.filter((x) => x.id !== item.id), item]));
      setArrived((s) => new Set(s).add(item.id));
    });
  }, [brand?.id, window?.from, window?.to]);
  useReloadOnChange(brand, window, () => q.reload());
  const state = brandPageState('inbox', head, brand, q, window);
  if (state || !window || !q.data) return state;
  const target = brand.responseTargetMinutes;
  const now = Date.now();
  const total =
    q.data.total + [...arrived].filter((id) => !q.data.nodes.some((n: Item) => n.id === id)).length;
  const exportCsv = () =>
    download(
      `rapport-${brand.name}-inbox.csv`,
      toCsv(
        [
          'id',
          'received',
          'waiting minutes',
          'kind',
          'sentiment',
          'sentiment source',
          'complaint',
          'cues',
          'text',
        ],
        items.map((i) => [
          i.id,
          i.receivedAt,
          Math.round((now - Date.parse(i.receivedAt)) / 60_000),
          i.kind,
          i.sentiment,
          i.sentimentSource,
          String(i.complaint),
          [...i.signals.complaintCues, ...i.signals.sentimentCues].join(' | '),
          i.text,
        ]),
      ),
    );
  const done = (id: string) => (updated: Item | null) =>
    setItems((list) =>
      updated ? list.map((x) => (x.id === id ? updated : x)) : list.filter((x) => x.id !== id),
    );
  return html`<div
    class="view"
    data-testid="inbox"
    data-brand=${brand.id}
    data-from=${window.from}
    data-to=${window.to}
  >
    <div class="view-head">
      <h1>${brand.name} · inbox</h1>
      <${WindowBar} route=${route} data=${brand.dataWindow} zone=${zone} />
    </div>
    <${EmptyNotice}
      route=${route}
      window=${window}
      data=${brand.dataWindow}
      zone=${zone}
      what=${`feedback or activities for ${brand.name}`}
    />
    <div class="inbox-head">
      <p>
        <strong data-testid="inbox-total">${count(total)}</strong> negative items without a response
        in the window, oldest waiting first
        ${q.data.nodes.length < q.data.total && html` (the ${count(q.data.nodes.length)} newest are listed; narrow the window to see older ones)`}.
        Target first response: ${duration(target)}.
      </p>
      <button type="button" class="ghost" onClick=${exportCsv}>Export CSV</button>
    </div>
    ${items.length === 0 && html`<p class="notice" role="status">Nothing waiting: every negative item of the window has a response.</p>`}
    <ol class="inbox" data-testid="inbox-items" aria-live="polite">
      ${items.map((i) => {
        const waited = (now - Date.parse(i.receivedAt)) / 60_000;
        const late = waited > target;
        return html`<li
          key=${i.id}
          class=${`item${arrived.has(i.id) ? ' new' : ''}`}
          data-id=${i.id}
        >
          <div class="item-head">
            <span class=${`wait ${late ? 'late' : ''}`} title=${`${Math.round(waited)} minutes`}>
              ${`${late ? '⚠ ' : ''}waiting ${duration(waited)}${late ? ` · ${count(waited / target)}× target` : ' · within target'}`}</span
            >
            <span class="tag">${label(i.kind)}</span>
            ${arrived.has(i.id) && html`<span class="tag new-tag">new</span>`}
            <span class="when"
              >${dateTime(i.receivedAt, zone)}${i.audience ? ` · ${i.audience.name}` : ''}</span
            >
          </div>
          <p class="text" lang="">${i.text ?? html`<em>no text</em>`}</p>
          <p class="why-negative">
            <strong>Why negative:</strong> ${` ${why(i) || 'negative'}; sentiment `}<${Num}
              value=${i.sentiment}
              text=${i.sentiment === null ? '—' : i.sentiment.toFixed(2)}
            />${` ${SOURCES[i.sentimentSource]}`}
            ${i.signals.complaintCues.length > 0 && html`; complaint cues: ${i.signals.complaintCues.map((c) => html`<mark>${c}</mark> `)}`}
            ${i.signals.sentimentCues.length > 0 && html`; sentiment cues: ${i.signals.sentimentCues.map((c) => html`<mark>${c}</mark> `)}`}
          </p>
          ${props.canWrite && html`<${Actions} item=${i} onDone=${done(i.id)} />`}
        </li>`;
      })}
    </ol>
  </div>`;
}
