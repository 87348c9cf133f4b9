import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { refuse, type Excess } from './refusals';
import type { PointsLimiter } from './rate-limiter';

export interface QueryTextLimits {
  readonly maxQueryBytes: number;
  readonly maxQueryTokens: number;
  readonly maxQueryVariables: number;
}

/**
 * The first limit a query's text passes, found by measuring and lexing it
 * (never past maxQueryTokens), before anything parses or validates it: the
 * parser and validator cost grows with the text, and a few megabytes of it
 * would hold the event loop for seconds.
 */
export function queryTextExcess(text: string, limits: QueryTextLimits): Excess | undefined {
  // UTF-16 units never outnumber UTF-8 bytes: the short test first
  const bytes = text.length > limits.maxQueryBytes ? text.length : Buffer.byteLength(text);
  if (bytes > limits.maxQueryBytes) {
    return {
      limit: 'queryBytes',
      value: bytes,
      max: limits.maxQueryBytes,
      message: `The query is ${bytes} bytes long; at most ${limits.maxQueryBytes}`,
    };
  }
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let variables = 0;
  let before: TokenKind | undefined; // the two tokens before this one
  let last: TokenKind | undefined;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxQueryTokens) {
        return {
          limit: 'tokens',
          value: tokens,
          max: limits.maxQueryTokens,
          message: `The query has more than ${limits.maxQueryTokens} tokens`,
        };
      }
      // `$name:` only ever declares a variable (a use is never followed by a colon)
      if (token.kind === TokenKind.COLON && last === TokenKind.NAME && before === TokenKind.DOLLAR)
        variables++;
      before = last;
      last = token.kind;
    }
  } catch (error: unknown) {
    if (!(error instanceof GraphQLError)) throw error;
    return undefined; // a syntax error: the parser reports it
  }
  if (variables > limits.maxQueryVariables) {
    return {
      limit: 'variables',
      value: variables,
      max: limits.maxQueryVariables,
      message: `The query declares ${variables} variables; at most ${limits.maxQueryVariables}`,
    };
  }
  return undefined;
}

/** The query texts of an HTTP request: a POST body's (one or a batch), or a GET's. */
function queryTexts(req: { method: string; body?: unknown; query?: unknown }): string[] {
  const from = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
  const carriers = req.method === 'GET' ? [req.query] : from(req.body);
  return carriers
    .flatMap((c) => from((c as { query?: unknown } | null | undefined)?.query))
    .filter((q): q is string => typeof q === 'string');
}

/**
 * In the GraphQL context, once the key is known: refuses (and charges) a
 * request whose query text is over a limit, before Apollo parses it.
 */
export async function checkQueryText(
  req: { method: string; body?: unknown; query?: unknown },
  limits: QueryTextLimits,
  rateLimiter: PointsLimiter,
  keyId: string,
): Promise<void> {
  for (const text of queryTexts(req)) {
    const excess = queryTextExcess(text, limits);
    if (excess) await refuse(excess, rateLimiter, keyId);
  }
}
