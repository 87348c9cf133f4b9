import http from 'node:http';

/** A minimal keep-alive HTTP/GraphQL client (the benchmark measures the server, not a client library). */
export class GraphqlClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly port: number,
    /** null: no Authorization header (the peer takes none). */
    private readonly apiKey: string | null,
  ) {}

  async request<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await this.send('POST', '/graphql', 'application/json', {
      query,
      variables,
    });
    const parsed = JSON.parse(response.text);
    if (response.status !== 200 || parsed.errors) {
      throw new Error(`GraphQL ${response.status}: ${JSON.stringify(parsed.errors ?? parsed)}`);
    }
    return parsed.data as T;
  }

  /** Any request on the same keep-alive connections: `body` is sent as is, or as JSON. */
  send(
    method: 'GET' | 'POST',
    path: string,
    contentType?: string,
    body?: unknown,
  ): Promise<{ status: number; text: string }> {
    const payload =
      body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          path,
          method,
          headers: {
            ...(contentType ? { 'content-type': contentType } : {}),
            'content-length': Buffer.byteLength(payload),
            ...(this.apiKey === null ? {} : { authorization: `Bearer ${this.apiKey}` }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
