import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/instance';
import type { Topology } from '../../api/types';
import { Badge, EmptyState, ErrorState, Loading, Pager, RowSkeletons, Skeleton } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';

const POLL_MS = 5000;

/** Nodes on a circle, grouped by zone; links as lines labelled with their effective bandwidth. */
export function TopologyPicture({ topology }: { topology: Topology }) {
  const { t } = useI18n();
  const size = 480;
  const centre = size / 2;
  const radius = size / 2 - 70;
  const nodes = [...topology.nodes].sort((a, b) => a.zone.localeCompare(b.zone) || a.nodeId.localeCompare(b.nodeId));
  const position = new Map(
    nodes.map((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(nodes.length, 1) - Math.PI / 2;
      return [n.nodeId, { x: centre + radius * Math.cos(angle), y: centre + radius * Math.sin(angle) }];
    }),
  );
  return (
    <svg className="topology" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={t('admin.storage.topologyLabel')} data-testid="topology">
      <title>{t('admin.storage.topologyLabel')}</title>
      {topology.links.map((l) => {
        const a = position.get(l.nodeA);
        const b = position.get(l.nodeB);
        if (!a || !b) {
          return null;
        }
        return (
          <g key={`${l.nodeA}-${l.nodeB}`} data-testid="topology-link">
            <line className={`link${l.up ? '' : ' down'}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y}>
              <title>{`${l.nodeA} ↔ ${l.nodeB}: ${l.effectiveMbps} Mbps${l.up ? '' : ' (down)'}`}</title>
            </line>
            <text className="link-label" x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} textAnchor="middle">
              {l.effectiveMbps} Mbps
            </text>
          </g>
        );
      })}
      {nodes.map((n) => {
        const p = position.get(n.nodeId);
        if (!p) {
          return null;
        }
        return (
          <g key={n.nodeId} data-testid="topology-node">
            <circle className={`node-${n.state}`} cx={p.x} cy={p.y} r={16}>
              <title>{`${n.nodeId} (${n.zone}): ${n.state}, ${n.bandwidthMbps} Mbps`}</title>
            </circle>
            <text x={p.x} y={p.y + 32} textAnchor="middle">
              {n.nodeId}
            </text>
            <text x={p.x} y={p.y + 46} textAnchor="middle" className="link-label">
              {n.zone}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Stats() {
  const { t, number, percent, bytes } = useI18n();
  const stats = useQuery({ queryKey: ['storage-stats'], queryFn: api.storage.stats, refetchInterval: POLL_MS });
  if (stats.isPending) {
    return (
      <Loading>
        <div className="stats" aria-hidden="true">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="stat">
              <Skeleton className="skeleton-title" />
              <Skeleton className="skeleton-line short" />
            </div>
          ))}
        </div>
      </Loading>
    );
  }
  if (stats.isError) {
    return <ErrorState error={stats.error} onRetry={() => stats.refetch()} />;
  }
  const s = stats.data;
  const tiles = [
    { id: 'nodes', value: `${s.nodes.live} / ${s.nodes.total}`, label: t('admin.overview.nodes') },
    { id: 'files', value: number(s.files), label: t('admin.overview.files') },
    { id: 'used', value: `${bytes(s.usedBytes)} / ${bytes(s.capacityBytes)}`, label: t('admin.overview.utilisation') },
    { id: 'storage-utilisation', value: percent(s.storageUtilisationPercent), label: t('admin.storage.used') },
    { id: 'bandwidth', value: percent(s.bandwidthUtilisationPercent), label: t('admin.storage.bandwidthUse') },
    { id: 'transfers', value: number(s.activeTransfers), label: t('admin.storage.transfers') },
    { id: 'under-replicated', value: number(s.underReplicatedChunks), label: t('admin.storage.underReplicated') },
    { id: 'unavailable', value: number(s.unavailableChunks), label: t('admin.storage.unavailable') },
  ];
  return (
    <div className="stats" data-testid="storage-stats">
      {tiles.map((tile) => (
        <div key={tile.id} className="stat">
          <span className="stat-value" data-testid={`storage-stat-${tile.id}`}>
            {tile.value}
          </span>
          <span className="stat-label">{tile.label}</span>
        </div>
      ))}
    </div>
  );
}

function Nodes() {
  const { t, bytes, number } = useI18n();
  const label = (state: string) => state;
  const nodes = useQuery({ queryKey: ['storage-nodes'], queryFn: api.storage.nodes, refetchInterval: POLL_MS });
  if (nodes.isPending) {
    return <RowSkeletons rows={3} columns={6} />;
  }
  if (nodes.isError) {
    return <ErrorState error={nodes.error} onRetry={() => nodes.refetch()} />;
  }
  if (nodes.data.length === 0) {
    return <EmptyState title={t('admin.storage.noNodes')} hint={t('admin.storage.noNodesHint')} />;
  }
  return (
    <div className="table-wrap">
      <table data-testid="storage-nodes">
        <thead>
          <tr>
            <th scope="col">{t('admin.storage.node')}</th>
            <th scope="col">{t('admin.storage.zone')}</th>
            <th scope="col">{t('admin.storage.state')}</th>
            <th scope="col">{t('admin.storage.used')}</th>
            <th scope="col" className="num">{t('admin.storage.capacity')}</th>
            <th scope="col" className="num">{t('admin.storage.bandwidth')}</th>
            <th scope="col" className="num">{t('admin.storage.rate')}</th>
            <th scope="col" className="num">{t('admin.storage.chunks')}</th>
            <th scope="col" className="num">{t('admin.storage.transfers')}</th>
          </tr>
        </thead>
        <tbody>
          {nodes.data.map((n) => (
            <tr key={n.nodeId} data-testid="storage-node" data-node-id={n.nodeId} data-state={n.state}>
              <th scope="row">{n.nodeId}</th>
              <td>{n.zone}</td>
              <td>
                <Badge status={n.state} label={label(n.state)} /> {n.adminState !== 'ACTIVE' && <span className="small">{n.adminState}</span>}
              </td>
              <td>
                <meter className="meter" min={0} max={Math.max(n.capacityBytes, 1)} value={n.usedBytes} aria-label={`${t('admin.storage.used')} ${n.nodeId}`} />
                <span className="small">{bytes(n.usedBytes)}</span>
              </td>
              <td className="num">{bytes(n.capacityBytes)}</td>
              <td className="num">{number(n.bandwidthMbps)} Mbps</td>
              <td className="num">
                {bytes(n.rateInBps)}/s / {bytes(n.rateOutBps)}/s
              </td>
              <td className="num">{number(n.chunkCount)}</td>
              <td className="num">{number(n.activeTransfers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TopologySection() {
  const { t } = useI18n();
  const topology = useQuery({ queryKey: ['storage-topology'], queryFn: api.storage.topology, refetchInterval: POLL_MS });
  return (
    <section className="panel" aria-labelledby="topology-title">
      <h2 id="topology-title">{t('admin.storage.topology')}</h2>
      {topology.isPending && (
        <Loading>
          <Skeleton className="skeleton-gallery" />
        </Loading>
      )}
      {topology.isError && <ErrorState error={topology.error} onRetry={() => topology.refetch()} />}
      {topology.isSuccess && (
        <>
          <p className="muted small">{t('admin.storage.topologyMode', { mode: topology.data.mode })}</p>
          {topology.data.nodes.length === 0 ? <EmptyState title={t('admin.storage.noNodes')} /> : <TopologyPicture topology={topology.data} />}
        </>
      )}
    </section>
  );
}

function Chunks({ fileId }: { fileId: string }) {
  const { t, bytes } = useI18n();
  const manifest = useQuery({ queryKey: ['manifest', fileId], queryFn: () => api.storage.manifest(fileId), refetchInterval: POLL_MS });
  if (manifest.isPending) {
    return <RowSkeletons rows={2} columns={3} />;
  }
  if (manifest.isError) {
    return <ErrorState error={manifest.error} onRetry={() => manifest.refetch()} />;
  }
  return (
    <table data-testid="file-chunks">
      <thead>
        <tr>
          <th scope="col">{t('admin.storage.chunk')}</th>
          <th scope="col" className="num">{t('admin.storage.size')}</th>
          <th scope="col">{t('admin.storage.replicas')}</th>
        </tr>
      </thead>
      <tbody>
        {manifest.data.chunks.map((c) => (
          <tr key={c.index}>
            <td>
              #{c.index} <span className="muted small">{c.chunkId.slice(0, 12)}…</span>
            </td>
            <td className="num">{bytes(c.size)}</td>
            <td>
              {(c.copies ?? c.replicas.map((nodeId) => ({ nodeId, status: 'COMPLETED' }))).map((copy) => (
                <span key={copy.nodeId} className="small">
                  {copy.nodeId}
                  {copy.status !== 'COMPLETED' && ` (${copy.status})`}{' '}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Files() {
  const { t, bytes, dateTime } = useI18n();
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const files = useQuery({ queryKey: ['storage-files', page], queryFn: () => api.storage.files(page, 10), refetchInterval: POLL_MS });
  if (files.isPending) {
    return <RowSkeletons rows={4} columns={5} />;
  }
  if (files.isError) {
    return <ErrorState error={files.error} onRetry={() => files.refetch()} />;
  }
  if (files.data.items.length === 0) {
    return <EmptyState title={t('admin.storage.noFiles')} hint={t('admin.storage.noFilesHint')} />;
  }
  return (
    <>
      <div className="table-wrap">
        <table data-testid="storage-files">
          <thead>
            <tr>
              <th scope="col">{t('admin.storage.fileName')}</th>
              <th scope="col" className="num">{t('admin.storage.size')}</th>
              <th scope="col" className="num">{t('admin.storage.chunks')}</th>
              <th scope="col" className="num">{t('admin.storage.replication')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {files.data.items.flatMap((f) => {
              const rows = [
                <tr key={f.fileId} data-testid="storage-file">
                  <td>
                    {f.name ?? f.fileId}
                    <div className="muted small">
                      {f.contentType} · {dateTime(f.createdAt)}
                    </div>
                  </td>
                  <td className="num">{bytes(f.size)}</td>
                  <td className="num">{f.chunkCount}</td>
                  <td className="num">{f.replication}</td>
                  <td>{f.status}</td>
                  <td>
                    <button type="button" className="button secondary small" aria-expanded={open === f.fileId} onClick={() => setOpen(open === f.fileId ? null : f.fileId)}>
                      {t('admin.storage.showChunks')}
                    </button>
                  </td>
                </tr>,
              ];
              if (open === f.fileId) {
                rows.push(
                  <tr key={`${f.fileId}-chunks`}>
                    <td colSpan={6}>
                      <Chunks fileId={f.fileId} />
                    </td>
                  </tr>,
                );
              }
              return rows;
            })}
          </tbody>
        </table>
      </div>
      <Pager page={page} totalPages={Math.ceil(files.data.total / files.data.size)} onPage={setPage} />
    </>
  );
}

function Transfers() {
  const { t, bytes, dateTime } = useI18n();
  const transfers = useQuery({ queryKey: ['storage-transfers'], queryFn: () => api.storage.transfers(0, 10), refetchInterval: POLL_MS });
  if (transfers.isPending) {
    return <RowSkeletons rows={2} columns={5} />;
  }
  if (transfers.isError) {
    return <ErrorState error={transfers.error} onRetry={() => transfers.refetch()} />;
  }
  if (transfers.data.items.length === 0) {
    return <p className="muted">{t('admin.storage.noTransfers')}</p>;
  }
  return (
    <div className="table-wrap">
      <table data-testid="storage-transfers">
        <thead>
          <tr>
            <th scope="col">{t('common.from')}</th>
            <th scope="col">{t('common.to')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col" className="num">{t('admin.storage.chunks')}</th>
            <th scope="col" className="num">{t('admin.storage.size')}</th>
            <th scope="col">{t('admin.audit.when')}</th>
          </tr>
        </thead>
        <tbody>
          {transfers.data.items.map((tr) => (
            <tr key={tr.transferId}>
              <td>{tr.sourceNodeId}</td>
              <td>
                {tr.targetNodeId}
                {tr.route.length > 2 && <div className="muted small">{tr.route.join(' → ')}</div>}
              </td>
              <td>{tr.status}</td>
              <td className="num">
                {tr.completedChunks}/{tr.chunkCount}
              </td>
              <td className="num">{bytes(tr.bytes)}</td>
              <td>{dateTime(tr.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StoragePage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="storage-title">
      <h1 id="storage-title">{t('admin.storage.title')}</h1>
      <p className="muted small">{t('admin.storage.live', { seconds: POLL_MS / 1000 })}</p>
      <Stats />
      <h2>{t('admin.storage.nodes')}</h2>
      <Nodes />
      <TopologySection />
      <h2>{t('admin.storage.files')}</h2>
      <Files />
      <h2>{t('admin.storage.recentTransfers')}</h2>
      <Transfers />
    </section>
  );
}
