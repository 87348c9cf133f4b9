import type { GraphqlClient } from './graphql-client';
import { closedLoop, combine, type LoadResult } from './load';
import { REPORT_WINDOW } from './scenarios';

/** One workload, asked of both servers in the shape each one's schema has. */
interface PeerPair {
  name: string;
  kind: 'list' | 'aggregate';
  rapport: string;
  peer: string;
}

export const PEER_PAIRS: readonly PeerPair[] = [
  { name: '{ __typename }', kind: 'list', rapport: '{ __typename }', peer: '{ __typename }' },
  {
    name: '20 brands: id, name',
    kind: 'list',
    rapport: '{ brands(first: 20) { nodes { id name } } }',
    peer: '{ allBrands(first: 20) { nodes { id name } } }',
  },
  {
    name: '20 brands with their audiences',
    kind: 'list',
    rapport: '{ brands(first: 20) { nodes { id name audiences { id name } } } }',
    peer: '{ allBrands(first: 20) { nodes { id name audiencesByBrandIdAndWorkspaceId { nodes { id name } } } } }',
  },
  {
    name: '20 brands with a per-brand aggregate',
    kind: 'aggregate',
    // Rapport: the engagement report from rollups; the peer: a feedback count computed on the fly
    rapport: `query($w: WindowInput!) { brands(first: 20) { nodes { id name engagement(window: $w) { feedbackCount score } } } }`,
    peer: '{ allBrands(first: 20) { nodes { id name feedbacksByBrandIdAndWorkspaceId { totalCount } } } }',
  },
];

export interface PeerResult {
  name: string;
  kind: 'list' | 'aggregate';
  rapport: LoadResult;
  peer: LoadResult;
}

/**
 * Each pair with `clients` concurrent clients for `seconds` per server, the
 * two servers taking turns in halves (Rapport, peer, peer, Rapport) so that
 * drift on the machine weighs on both alike.
 */
export async function measurePeer(
  rapport: GraphqlClient,
  peer: GraphqlClient,
  clients: number,
  seconds: number,
): Promise<PeerResult[]> {
  const results: PeerResult[] = [];
  for (const pair of PEER_PAIRS) {
    const onRapport = () =>
      closedLoop(clients, seconds / 2, () => rapport.request(pair.rapport, { w: REPORT_WINDOW }));
    const onPeer = () => closedLoop(clients, seconds / 2, () => peer.request(pair.peer));
    const r1 = await onRapport();
    const p1 = await onPeer();
    const p2 = await onPeer();
    const r2 = await onRapport();
    results.push({
      name: pair.name,
      kind: pair.kind,
      rapport: combine(r1, r2),
      peer: combine(p1, p2),
    });
  }
  return results;
}
