/**
 * A network's evidence as a graph (sigma.js on graphology): ads as nodes, each piece of shared
 * evidence as an edge coloured by its kind. Hubs and supporting links are dashed, supporting ones
 * also lighter. Pointing at an edge (or a node) shows what it stands for; clicking keeps it shown.
 * Loaded on its own (React.lazy): sigma and graphology stay out of the main bundle.
 */
import { MultiUndirectedGraph } from 'graphology';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import { layerDashed, pathCurved, pathLine } from 'sigma/rendering';
import type { EvidenceView, NetworkDetail, NetworkMember } from '../api';
import { useI18n } from '../i18n';
import {
  EVIDENCE_COLOURS,
  EVIDENCE_ROLES,
  EVIDENCE_TYPES,
  EvidenceSwatch,
  isDashed,
  PhotoPairThumbs,
  RoleBadge,
  unitLabel,
  useEvidenceWords,
} from './evidence';
import { forceLayout } from './layout';

type Focus = { kind: 'edge'; index: number } | { kind: 'node'; id: string };

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
}

interface EdgeAttributes {
  size: number;
  color: string;
  /** The colour between dashes: the edge's own for a solid line, transparent for a dashed one. */
  gapColor: string;
  index: number;
}

const NODE_COLOUR = '#15304f';
const TRANSPARENT = '#00000000';
/** Beyond this many ads, labels are shown where there is room rather than all. */
const ALL_LABELS_UP_TO = 40;

/** `#rrggbb` with an alpha, for lighter supporting edges. */
function withAlpha(hex: string, alpha: number): string {
  return `${hex}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;
}

function edgeAttributes(e: EvidenceView, index: number): EdgeAttributes {
  const base = EVIDENCE_COLOURS[e.type];
  const color = e.role === 'supporting' ? withAlpha(base, 0.55) : base;
  return {
    index,
    color,
    gapColor: isDashed(e) ? TRANSPARENT : color,
    size: e.role === 'strong' ? 5 : e.role === 'corroborated' ? 4 : 3,
  };
}

function memberLabel(member: NetworkMember | undefined, id: string): string {
  return member?.name || member?.title || id.slice(0, 8);
}

export default function EvidenceGraph({ network }: { network: NetworkDetail }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<Focus | null>(null);
  const [pinned, setPinned] = useState<Focus | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const members = useMemo(() => new Map(network.members.map((m) => [m.id, m])), [network]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const graph = new MultiUndirectedGraph<NodeAttributes, EdgeAttributes>();
    const ids = [
      ...network.members.map((m) => m.id),
      ...network.evidenceList.flatMap((e) => [e.a, e.b]),
    ];
    const nodes = [...new Set(ids)];
    const positions = forceLayout(
      nodes,
      network.evidenceList.map((e) => [e.a, e.b] as const),
    );
    for (const id of nodes) {
      const position = positions.get(id) ?? { x: 0.5, y: 0.5 };
      graph.addNode(id, {
        // Screen y grows downwards, graph y upwards: flip so the layout reads as computed.
        x: position.x,
        y: 1 - position.y,
        size: 10,
        color: NODE_COLOUR,
        label: memberLabel(members.get(id), id),
      });
    }
    network.evidenceList.forEach((e, index) => {
      if (e.a !== e.b) graph.addEdgeWithKey(`e${index}`, e.a, e.b, edgeAttributes(e, index));
    });

    let renderer: Sigma<NodeAttributes, EdgeAttributes>;
    try {
      renderer = new Sigma(graph, element, {
        primitives: {
          edges: {
            paths: [pathLine(), pathCurved()],
            layers: [
              layerDashed({
                dashSize: { value: 7, mode: 'pixels' },
                gapSize: { value: 5, mode: 'pixels' },
                gapColor: { attribute: 'gapColor' },
              }),
            ],
            variables: { gapColor: { type: 'color', default: TRANSPARENT } },
          },
        },
        styles: {
          nodes: {
            ...DEFAULT_STYLES.nodes,
            labelVisibility:
              nodes.length <= ALL_LABELS_UP_TO
                ? 'visible'
                : { whenState: 'isHovered', then: 'visible', else: 'auto' },
          },
          edges: {
            ...DEFAULT_STYLES.edges,
            size: {
              when: (_attributes, state) => state.isHovered || state.isHighlighted,
              then: 9,
              else: { attribute: 'size', defaultValue: 4 },
            },
            parallelPath: 'curved',
            parallelSpread: 0.35,
            cursor: 'pointer',
          },
        },
        settings: {
          enableEdgeEvents: true,
          // Sizes in pixels: the layout's coordinates are a unit square.
          itemSizesReference: 'screen',
          stagePadding: 40,
          gestureTarget: 'shared',
        },
      });
    } catch (error) {
      // No WebGL (an old or locked-down browser): the tables below carry the same evidence.
      queueMicrotask(() => setFailed(error instanceof Error ? error.message : String(error)));
      return;
    }
    const edgeFocus = (edge: string): Focus => ({
      kind: 'edge',
      index: graph.getEdgeAttribute(edge, 'index'),
    });
    renderer.on('enterEdge', ({ edge }) => setHovered(edgeFocus(edge)));
    renderer.on('leaveEdge', () => setHovered(null));
    renderer.on('enterNode', ({ node }) => setHovered({ kind: 'node', id: node }));
    renderer.on('leaveNode', () => setHovered(null));
    renderer.on('clickEdge', ({ edge }) => {
      setPinned(edgeFocus(edge));
      renderer.setEdgesState(graph.edges(), { isHighlighted: false });
      renderer.setEdgeState(edge, { isHighlighted: true });
    });
    renderer.on('clickNode', ({ node }) => {
      setPinned({ kind: 'node', id: node });
      renderer.setEdgesState(graph.edges(), { isHighlighted: false });
    });
    renderer.on('clickStage', () => {
      setPinned(null);
      renderer.setEdgesState(graph.edges(), { isHighlighted: false });
    });
    return () => renderer.kill();
  }, [network, members]);

  const focus = hovered ?? pinned;
  const edges = network.evidenceList.length;

  return (
    <div className="evidence-graph">
      <GraphLegend />
      <div className="graph-layout">
        <div
          ref={container}
          className="graph-canvas"
          role="img"
          aria-label={t('network.graph.label', { ads: network.members.length, edges })}
          data-testid="evidence-graph"
        />
        <div className="graph-details" aria-live="polite">
          {failed ? (
            <p className="notice notice-info">{t('network.graph.failed')}</p>
          ) : focus === null ? (
            <p className="muted">{t('network.graph.hint')}</p>
          ) : focus.kind === 'edge' ? (
            <EdgeDetails evidence={network.evidenceList[focus.index]} members={members} />
          ) : (
            <NodeDetails member={members.get(focus.id)} id={focus.id} />
          )}
        </div>
      </div>
    </div>
  );
}

function GraphLegend() {
  const { t } = useI18n();
  const words = useEvidenceWords();
  return (
    <div className="legend">
      <h3 className="legend-title" id="graph-legend">
        {t('legend.title')}
      </h3>
      <ul aria-labelledby="graph-legend">
        <li>
          <span className="node-dot" aria-hidden="true" />
          {t('network.graph.node')}
        </li>
        {EVIDENCE_TYPES.map((type) => (
          <li key={type}>
            <EvidenceSwatch type={type} />
            {words.typeName(type)}
          </li>
        ))}
        {EVIDENCE_ROLES.map((role) => (
          <li key={role}>
            <span
              className={`line-sample line-${role}`}
              aria-hidden="true"
              style={{ color: role === 'supporting' ? '#8794a1' : '#1b1f24' }}
            />
            {t(`network.graph.line.${role}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EdgeDetails({
  evidence,
  members,
}: {
  evidence: EvidenceView | undefined;
  members: Map<string, NetworkMember>;
}) {
  const { t, formatNumber } = useI18n();
  const words = useEvidenceWords();
  if (!evidence) return null;
  const label = (id: string) => memberLabel(members.get(id), id);
  return (
    <div className="focus-card">
      <h3 className="focus-title">
        <EvidenceSwatch type={evidence.type} dashed={isDashed(evidence)} />
        {words.typeName(evidence.type)}
      </h3>
      <p>{words.sentence(evidence)}</p>
      <p className="small">
        <Link to={`/ads/${evidence.a}`}>{label(evidence.a)}</Link>
        {' ↔ '}
        <Link to={`/ads/${evidence.b}`}>{label(evidence.b)}</Link>
      </p>
      {evidence.type === 'photo' && <PhotoPairThumbs evidence={evidence} caption={label} />}
      <p className="small">
        <RoleBadge evidence={evidence} />{' '}
        <span className="muted">
          {t('evidence.weight', { value: formatNumber(Math.round(evidence.weight * 100) / 100) })}
        </span>
      </p>
      <p className="small">{words.roleText(evidence.role)}</p>
      {evidence.hub && <p className="small">{t('evidence.hubText')}</p>}
    </div>
  );
}

function NodeDetails({ member, id }: { member: NetworkMember | undefined; id: string }) {
  const { t } = useI18n();
  return (
    <div className="focus-card">
      <h3 className="focus-title">
        <Link to={`/ads/${id}`}>{member?.title || t('ads.untitled')}</Link>
      </h3>
      {member && (
        <dl className="focus-facts">
          {member.name && (
            <div>
              <dt>{t('ads.col.name')}</dt>
              <dd>{member.name}</dd>
            </div>
          )}
          {member.phones.length > 0 && (
            <div>
              <dt>{t('network.members.phones')}</dt>
              <dd translate="no">{member.phones.join(', ')}</dd>
            </div>
          )}
          {(member.municipality || member.policeUnit) && (
            <div>
              <dt>{t('ads.col.place')}</dt>
              <dd>
                {[member.municipality, member.policeUnit && unitLabel(member.policeUnit)]
                  .filter(Boolean)
                  .join(', ')}
              </dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}
