import http from 'node:http';

/** Streams the lines as one POST /ingest; the items written (inserted), or -1 when the route is absent. */
export function postIngest(port: number, apiKey: string, body: Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/ingest',
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${apiKey}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode === 404) return resolve(-1);
          const parsed = JSON.parse(Buffer.concat(chunks).toString());
          if (res.statusCode !== 200)
            reject(new Error(`POST /ingest ${res.statusCode}: ${JSON.stringify(parsed)}`));
          else resolve(parsed.inserted as number);
        });
      },
    );
    req.on('error', reject);
    (async () => {
      for (const part of body) if (!req.write(part)) await new Promise((r) => req.once('drain', r));
      req.end();
    })().catch(reject);
  });
}
