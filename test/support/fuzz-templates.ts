import type { Random } from './random';

/**
 * The generators of the fuzz test: hostile values (wrong types, huge strings,
 * absurd dates, SQL-looking text, other workspaces' ids) and the operation
 * templates that carry them. `ids` holds the test's own and foreign objects.
 */
export function fuzzTemplates(r: Random, ids: Record<string, string>) {
  const STRINGS = [
    "' OR 1=1 --",
    "'; DROP TABLE brands; --",
    '\u0000',
    'x'.repeat(20_000),
    '🙂'.repeat(3000),
    '<script>alert(1)</script>',
    '${jndi:ldap://x}',
    '',
    ' ',
    'null',
    'NaN',
    'Infinity',
    '-1',
    '%00',
    'Robert\u202e',
  ];
  const NUMBERS = [-1, 1e300, -1e300, 2 ** 31, 2 ** 53, 0.5, -0.0, '12', null, true, {}, [], 'NaN'];
  const DATES = [
    '1969-12-31T23:59:59Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2024-13-01T00:00:00Z',
    'yesterday',
    '',
    0,
    1e20,
    '2024-01-01',
    '2024-02-30T00:00:00Z',
    '2024-06-01T00:00:00Z',
  ];
  const ENUMS = [
    'POST',
    'REPLY',
    'COMPLAINT',
    'TELEGRAM',
    'post',
    '',
    42,
    null,
    'PROMOTE',
    'ADOPTED',
    'DAY',
    'YEAR',
  ];
  const idPool = () => [
    ids.own,
    ids.foreign,
    ids.foreignAudience,
    ids.foreignActivity,
    ids.foreignFeedback,
    ids.ownAudience,
    '1',
    "' OR 1=1 --",
    '00000000-0000-0000-0000-000000000000',
    crypto.randomUUID(),
  ];
  const any = () =>
    r.pick([r.pick(STRINGS), r.pick(NUMBERS), r.pick(DATES), r.pick(ENUMS), r.pick(idPool())]);
  const maybe = <T>(value: T) => (r.chance(0.6) ? value : any());

  const activity = () => ({
    kind: maybe(r.pick(['POST', 'REPLY', 'SURVEY'])),
    occurredAt: maybe(r.pick(DATES)),
    reach: maybe(r.int(0, 100)),
    audienceId: r.chance(0.3) ? r.pick(idPool()) : undefined,
    inReplyToFeedbackId: r.chance(0.2) ? r.pick(idPool()) : undefined,
    externalId: r.chance(0.5) ? r.pick(STRINGS) : undefined,
  });
  const feedbackItem = () => ({
    kind: maybe(r.pick(['COMMENT', 'COMPLAINT'])),
    receivedAt: maybe(r.pick(DATES)),
    sentiment: maybe(r.pick([-1, 0, 1, 1.5, -7])),
    text: r.chance(0.5) ? r.pick(STRINGS) : undefined,
    category: r.chance(0.3) ? r.pick(STRINGS) : undefined,
  });
  const windowOf = () => (r.chance(0.2) ? any() : { from: r.pick(DATES), to: r.pick(DATES) });

  const TEMPLATES: (() => { query: string; variables?: unknown; mutation: boolean })[] = [
    () => ({
      mutation: true,
      query:
        'mutation($i: RecordInteractionsInput!) { recordInteractions(input: $i) { inserted } }',
      variables: {
        i: {
          brandId: r.pick(idPool()),
          activities: Array.from({ length: r.chance(0.05) ? 1001 : r.int(0, 4) }, activity),
          feedback: Array.from({ length: r.int(0, 4) }, feedbackItem),
        },
      },
    }),
    () => ({
      mutation: true,
      query: 'mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }',
      variables: { i: { brandId: r.pick(idPool()), ...activity() } },
    }),
    () => ({
      mutation: true,
      query: 'mutation($i: FeedbackInput!) { recordFeedback(input: $i) { id } }',
      variables: { i: { brandId: r.pick(idPool()), ...feedbackItem() } },
    }),
    () => ({
      mutation: true,
      query: 'mutation($i: CreateBrandInput!) { createBrand(input: $i) { id } }',
      variables: {
        i: {
          name: maybe(r.pick(STRINGS)),
          slug: r.chance(0.5) ? r.pick(STRINGS) : undefined,
          timezone: r.pick(['UTC', 'Mars/Base', ...STRINGS]),
          responseTargetMinutes: r.pick(NUMBERS),
        },
      },
    }),
    () => ({
      mutation: true,
      query: 'mutation($id: ID!, $i: UpdateBrandInput!) { updateBrand(id: $id, input: $i) { id } }',
      variables: { id: r.pick(idPool()), i: { timezone: r.pick(STRINGS), name: r.pick(STRINGS) } },
    }),
    () => ({
      mutation: true,
      query: 'mutation($i: CreateAudienceInput!) { createAudience(input: $i) { id } }',
      variables: {
        i: {
          brandId: r.pick(idPool()),
          name: r.pick(STRINGS),
          channel: r.pick(ENUMS),
          size: r.pick(NUMBERS),
        },
      },
    }),
    () => ({
      mutation: true,
      query: `mutation($id: ID!) { ${r.pick(['deleteActivity(id: $id)', 'deleteFeedback(id: $id)', 'acknowledgeFeedback(id: $id) { id }', 'setFeedbackOutcome(id: $id, outcome: ADOPTED) { id }', 'revokeApiKey(id: $id) { id }'])} }`,
      variables: { id: r.pick(idPool()) },
    }),
    () => ({
      mutation: true,
      query:
        'mutation($id: ID!, $c: String!, $at: DateTime) { categorizeFeedback(id: $id, category: $c) { id } acknowledgeFeedback(id: $id, at: $at) { id } }',
      variables: { id: r.pick(idPool()), c: any(), at: r.pick(DATES) },
    }),
    () => ({
      mutation: true,
      query: 'mutation($w: PhaseWeightsInput) { setPhaseWeights(weights: $w) { listening } }',
      variables: {
        w: {
          listening: r.pick(NUMBERS),
          processing: 0.2,
          interacting: 0.3,
          broadcasting: r.pick([0.2, -0.2, 1e300]),
        },
      },
    }),
    () => ({
      mutation: true,
      query:
        'mutation($n: String!, $s: [ApiKeyScope!]!) { createApiKey(input: { name: $n, scopes: $s }) { secret } }',
      variables: { n: r.pick(STRINGS), s: r.pick([[], ['ROOT'], ['READ', 'READ'], 'READ', null]) },
    }),
    () => ({
      mutation: false,
      query:
        'query($b: ID!, $w: WindowInput!, $a: ID) { engagement(brandId: $b, window: $w, audienceId: $a) { score } }',
      variables: { b: r.pick(idPool()), w: windowOf(), a: r.chance(0.3) ? r.pick(idPool()) : null },
    }),
    () => ({
      mutation: false,
      query:
        'query($b: ID!, $w: WindowInput!, $g: Granularity!) { engagementSeries(brandId: $b, window: $w, granularity: $g) { score } classificationSeries(brandId: $b, window: $w, granularity: $g) { model } }',
      variables: { b: r.pick(idPool()), w: windowOf(), g: r.pick(ENUMS) },
    }),
    () => ({
      mutation: false,
      query:
        'query($b: ID!, $f: FeedbackFilter, $n: Int, $after: String) { feedback(brandId: $b, filter: $f, first: $n, after: $after) { totalCount } }',
      variables: {
        b: r.pick(idPool()),
        f: { window: windowOf(), kinds: [r.pick(ENUMS)], negative: r.pick([true, 'yes', 1]) },
        n: r.pick(NUMBERS),
        after: r.pick(STRINGS),
      },
    }),
    () => ({
      mutation: false,
      query:
        'query($n: Int, $after: String, $o: BrandOrder) { brands(first: $n, after: $after, orderBy: $o) { totalCount } }',
      variables: {
        n: r.pick(NUMBERS),
        after: r.pick([...STRINGS, 'WyIyMDI0IiwieCJd']),
        o: {
          field: r.pick(['NAME', 'ENGAGEMENT_SCORE', 'DROP']),
          direction: 'DESC',
          window: r.chance(0.5) ? windowOf() : undefined,
        },
      },
    }),
    () => ({
      mutation: false,
      query:
        `{ ${'brands { edges { node { audiences { id } } } } '.repeat(1)}${'viewer { workspace { id } } '.repeat(r.int(1, 3))} ${'a'.repeat(0)} }`.replace(
          'viewer',
          r.chance(0.5) ? 'viewer' : 'v1: viewer',
        ),
    }),
    () => ({
      mutation: false,
      query: `{ ${Array.from({ length: r.int(31, 200) }, (_, i) => `a${i}: viewer { scopes }`).join(' ')} }`,
    }),
    () => ({
      mutation: false,
      query: `query { ${'brands { nodes { '.repeat(r.int(5, 40))}id${' } }'.repeat(r.int(5, 40))} }`,
    }),
    () => ({
      mutation: false,
      query:
        'query($w: WindowInput) { workspaceOverview(window: $w) { brandCount } classification(brandId: "x", window: $w) { model } }',
      variables: { w: windowOf() },
    }),
    // fragment fan-out: each fragment spreads the next several times
    () => {
      const levels = r.int(2, 40);
      const fan = r.int(2, 3);
      const spreads = (i: number) => Array.from({ length: fan }, () => `...F${i + 1}`).join(' ');
      const leaf = r.pick([
        'scopes',
        'workspace { id }',
        'w: workspace { phaseWeights { listening } }',
      ]);
      return {
        mutation: false,
        query:
          '{ viewer { ...F0 } } ' +
          Array.from({ length: levels }, (_, i) =>
            i < levels - 1
              ? `fragment F${i} on Viewer { ${spreads(i)} }`
              : `fragment F${i} on Viewer { ${leaf} }`,
          ).join(' '),
      };
    },
    // token floods: many tokens, many variables, huge aliases
    () => {
      const n = r.int(1000, 200_000);
      return {
        mutation: false,
        query: r.pick([
          () => `{ viewer { ${'scopes '.repeat(n)} } }`,
          () =>
            `query(${Array.from({ length: Math.ceil(n / 10) }, (_, i) => `$v${i}: Int`).join(' ')}) { viewer { scopes } }`,
          () => `{ ${'a'.repeat(n)}: viewer { scopes } }`,
          () =>
            `{ ${Array.from({ length: r.int(2, 40) }, (_, i) => `${'b'.repeat(r.int(1, 5000))}${i}: viewer { scopes }`).join(' ')} }`,
          () => `{ viewer { scopes } } # ${'x'.repeat(n)}`,
        ])(),
      };
    },
  ];
  return TEMPLATES;
}
