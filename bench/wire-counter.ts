import net from 'node:net';

/** What the server processes sent to PostgreSQL, counted on the wire. */
export interface WireCounts {
  /** Round trips: simple queries plus extended-protocol Syncs. */
  roundTrips: number;
  /** Statements: those of each simple query (split at `;`) plus extended-protocol Executes. */
  statements: number;
  /** Of them, BEGIN / START TRANSACTION / COMMIT / ROLLBACK. */
  transactionControl: number;
}

const CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)\b/i;

/**
 * A TCP proxy in front of PostgreSQL that reads the frontend messages of
 * every connection (no TLS: the benchmark's database is local) and counts
 * round trips and statements, so "statements per request" includes what
 * bypasses TypeORM's logger (pool queries) and is the same for any commit.
 */
export class WireCounter {
  readonly counts: WireCounts = { roundTrips: 0, statements: 0, transactionControl: 0 };
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<WireCounter> {
    const relays: { counter?: WireCounter } = {};
    const server = net.createServer((client) => relays.counter!.relay(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    relays.counter = new WireCounter(server, (server.address() as net.AddressInfo).port);
    return relays.counter;
  }

  snapshot(): WireCounts {
    return { ...this.counts };
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private relay(client: net.Socket, targetPort: number): void {
    const upstream = net.connect(targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          // the startup message (or an SSL request): length, then no type byte
          if (buffer.length < 4) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== 80877103) started = true; // not an SSLRequest
          continue;
        }
        if (buffer.length < 5) break;
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        this.count(String.fromCharCode(buffer[0]!), buffer.subarray(5, 1 + length));
        buffer = buffer.subarray(1 + length);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  private count(type: string, body: Buffer): void {
    if (type === 'Q') {
      this.counts.roundTrips++;
      const statements = body
        .toString('utf8', 0, body.length - 1)
        .split(';')
        .filter((s) => s.trim() !== '');
      this.counts.statements += statements.length;
      this.counts.transactionControl += statements.filter((s) => CONTROL.test(s)).length;
    } else if (type === 'P') {
      // Parse: the statement's name, then its text
      const nameEnd = body.indexOf(0);
      const text = body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1));
      if (CONTROL.test(text)) this.counts.transactionControl++;
    } else if (type === 'E') this.counts.statements++;
    else if (type === 'S') this.counts.roundTrips++;
  }
}

/** The difference of two snapshots, per request. */
export function perRequest(before: WireCounts, after: WireCounts, requests: number): WireCounts {
  return {
    roundTrips: (after.roundTrips - before.roundTrips) / requests,
    statements: (after.statements - before.statements) / requests,
    transactionControl: (after.transactionControl - before.transactionControl) / requests,
  };
}
