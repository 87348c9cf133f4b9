import http from 'node:http';

/** A minimal keep-alive GraphQL client (the benchmark measures the server, not a client library). */
export class GraphqlClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly port: number,
    private readonly apiKey: string,
  ) {}

  async request<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const body = JSON.stringify({ query, variables });
    const response = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${this.apiKey}`,
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
      req.end(body);
    });
    const parsed = JSON.parse(response.text);
    if (response.status !== 200 || parsed.errors) {
      throw new Error(`GraphQL ${response.status}: ${JSON.stringify(parsed.errors ?? parsed)}`);
    }
    return parsed.data as T;
  }

  close(): void {
    this.agent.destroy();
  }
}
