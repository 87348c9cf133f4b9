/** The brand's feedback by effective sentiment, and where each sentiment came from. */
import { count, percent } from './format';
import { Card, html } from './ui';

const MIX = [
  ['positive', 'Positive', 'pos'],
  ['neutral', 'Neutral', ''],
  ['negative', 'Negative', 'neg'],
  ['unknown', 'No sentiment', 'none'],
] as const;
const SOURCES: Record<string, string> = {
  CORRECTED: 'Corrected by an analyst',
  PROVIDED: 'Provided by the source',
  INFERRED: 'Inferred from the text',
  NONE: 'None',
};

/** One labelled bar of a count out of `total`, the share in words (colour is not the only carrier). */
function CountRow(props: { label: string; n: number; total: number; tone?: string; id?: string }) {
  const { n, total } = props;
  return html`<li data-count=${props.id}>
    <span class="count-label">${props.label}</span>
    <span class=${`count-bar ${props.tone ?? ''}`} aria-hidden="true"
      ><span style=${{ width: `${total ? (100 * n) / total : 0}%` }}></span
    ></span>
    <span class="count-n">${count(n)} (${percent(total ? n / total : null)})</span>
  </li>`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function SentimentCard(props: { e: any }) {
  const e = props.e;
  const total = e.feedbackCount;
  const sources: { source: string; feedback: number }[] = e.sentimentSources;
  return html`<${Card} title="Sentiment">
    <ul class="counts" data-testid="sentiment">
      ${MIX.map(([id, label, tone]) => html`<${CountRow} id=${id} label=${label} tone=${tone} n=${e.sentimentMix[id]} total=${total} />`)}
    </ul>
    <h3>Where the sentiment comes from</h3>
    <ul class="counts" data-testid="sentiment-sources">
      ${sources.map((s) => html`<${CountRow} id=${s.source} label=${SOURCES[s.source] ?? s.source} n=${s.feedback} total=${total} />`)}
    </ul>
    <p class="note">
      Negative: a complaint, or sentiment below −0.2; positive: above 0.2; neutral: from −0.2 to 0.2
      (effective values: an analyst's correction, else the source's, else the text model's).
    </p>
  </${Card}>`;
}
