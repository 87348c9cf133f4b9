import type { Gql } from './readme-bank-figures';

/**
 * The README's worked example on the shared Twitter sample: the brands that
 * leave most unhappy customers unanswered. Tweets arrive unlabelled (COMMENT
 * or QUESTION), so "unhappy" is what the text model reads (engagement-model.md,
 * "Text signals"). `npm run docs:figures` writes it between its markers and
 * the import test checks the committed table against the API.
 */

/** The whole sample (2011–2017), in UTC: within the 3,660-day limit of a window. */
export const TWITTER_WINDOW = { from: '2008-01-01T00:00:00Z', to: '2018-01-01T00:00:00Z' };
/** Rows of the table. */
const TOP = 10;

export const TWITTER_QUERY = `query ($window: WindowInput!) {
  brands(first: 100) {
    nodes {
      id name slug
      engagement(window: $window) {
        feedbackCount
        sentimentSources { source feedback }
        phases { components { name numerator denominator value } }
      }
    }
  }
}`;

export interface TwitterBrandFigures {
  id: string;
  name: string;
  slug: string;
  feedback: number;
  inferred: number;
  negative: number;
  /** Negative feedback with no reply: the brand's inbox. */
  waiting: number;
  concernsAddressed: number | null;
}

interface BrandNode {
  id: string;
  name: string;
  slug: string;
  engagement: {
    feedbackCount: number;
    sentimentSources: { source: string; feedback: number }[];
    phases: {
      components: { name: string; numerator: number; denominator: number; value: number | null }[];
    }[];
  };
}

/** Every brand's figures, most unanswered negative feedback first (then by slug). */
export async function twitterFigures(gql: Gql): Promise<TwitterBrandFigures[]> {
  const data = (await gql(TWITTER_QUERY, { window: TWITTER_WINDOW })) as {
    brands: { nodes: BrandNode[] };
  };
  return data.brands.nodes
    .map((b) => {
      const concerns = b.engagement.phases
        .flatMap((p) => p.components)
        .find((c) => c.name === 'concernsAddressed')!;
      return {
        id: b.id,
        name: b.name,
        slug: b.slug,
        feedback: b.engagement.feedbackCount,
        inferred: b.engagement.sentimentSources.find((s) => s.source === 'INFERRED')!.feedback,
        negative: concerns.denominator,
        waiting: concerns.denominator - concerns.numerator,
        concernsAddressed: concerns.value,
      };
    })
    .sort((a, b) => b.waiting - a.waiting || a.slug.localeCompare(b.slug));
}

const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(0)} %`);

/** The markdown table: the TOP brands with the most unhappy customers still waiting. */
export async function twitterFiguresTable(gql: Gql): Promise<string> {
  const rows = (await twitterFigures(gql))
    .slice(0, TOP)
    .map((b) => [
      `${b.name} (${b.slug})`,
      String(b.feedback),
      String(b.inferred),
      String(b.negative),
      String(b.waiting),
      percent(b.concernsAddressed),
    ]);
  const header = [
    'brand',
    'customer tweets',
    'sentiment inferred',
    'negative',
    'negative, unanswered',
    'concerns addressed',
  ];
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
