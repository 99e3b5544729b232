import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { MultiPolygon as GeoMultiPolygon, Position } from 'geojson';
import { merge } from 'topojson-client';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';
import Type from 'typebox';
import { defaultGeoDir, type Gazetteer } from '../../geo/gazetteer.js';
import { POLICE_UNITS } from '../../model/units.js';

/**
 * Boundaries for maps in the web app, drawn from the bundled CBS geography (no tile server): the
 * police units as the unions of their municipalities (gemeente_2025.topojson joined on
 * gemeente-eenheid.csv, the same table that places an ad in a unit).
 */

export interface GeoRouteOptions {
  geo: () => Gazetteer;
  /** The Dutch geography folder (default: SCHAKEL_GEO_DIR or ../shared/data/geo). */
  geoDir?: string;
}

export interface PoliceUnitFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string };
  geometry: GeoMultiPolygon;
}

export interface PoliceUnitCollection {
  type: 'FeatureCollection';
  features: PoliceUnitFeature[];
}

type MunicipalityGeometry = (Polygon | MultiPolygon) & { properties?: { statcode?: string } };

/** The source grid is 0.001°; five decimals keep every point and drop float noise. */
function round(position: Position): Position {
  return position.map((n) => Math.round(n * 1e5) / 1e5);
}

/** One feature per police unit, merged from its municipalities' shared-arc topology. */
export function policeUnitBoundaries(dir: string, gazetteer: Gazetteer): PoliceUnitCollection {
  const file = join(dir, 'gemeente_2025.topojson');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology;
  const object = topology.objects.gemeente_2025 as GeometryCollection | undefined;
  if (!object || object.type !== 'GeometryCollection')
    throw new Error(`${file}: no GeometryCollection "gemeente_2025"`);

  const byUnit = new Map<string, (Polygon | MultiPolygon)[]>();
  for (const geometry of object.geometries as MunicipalityGeometry[]) {
    const code = geometry.properties?.statcode;
    const municipality = code ? gazetteer.byCode.get(code) : undefined;
    if (!municipality) throw new Error(`${file}: municipality ${code ?? '?'} has no police unit`);
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') continue;
    const list = byUnit.get(municipality.unit) ?? [];
    list.push(geometry);
    byUnit.set(municipality.unit, list);
  }

  return {
    type: 'FeatureCollection',
    features: POLICE_UNITS.map((unit): PoliceUnitFeature => {
      const merged = merge(topology, byUnit.get(unit.code) ?? []);
      return {
        type: 'Feature',
        id: unit.code,
        properties: { code: unit.code, name: unit.name },
        geometry: {
          type: 'MultiPolygon',
          coordinates: merged.coordinates.map((polygon) => polygon.map((ring) => ring.map(round))),
        },
      };
    }),
  };
}

export const geoRoutes: FastifyPluginAsync<GeoRouteOptions> = async (app, opts) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // Built on first request, then served from memory: the boundaries do not change while running.
  let cached: PoliceUnitCollection | undefined;

  api.get(
    '/geo/police-units',
    {
      schema: {
        summary: 'The ten police units as a GeoJSON FeatureCollection (WGS84), for maps',
        description:
          'One feature per police unit, properties `{code, name}`, the union of its municipalities (CBS 2025 boundaries via cartomap/nl, generalised for country-level maps).',
        response: {
          200: Type.Object(
            {
              type: Type.Literal('FeatureCollection'),
              features: Type.Array(
                Type.Object({
                  type: Type.Literal('Feature'),
                  id: Type.String(),
                  properties: Type.Object({ code: Type.String(), name: Type.String() }),
                  geometry: Type.Object({
                    type: Type.Literal('MultiPolygon'),
                    coordinates: Type.Array(
                      Type.Array(Type.Array(Type.Array(Type.Number(), { minItems: 2 }))),
                    ),
                  }),
                }),
              ),
            },
            { description: 'GeoJSON FeatureCollection' },
          ),
        },
      },
    },
    async (_request, reply) => {
      cached ??= policeUnitBoundaries(opts.geoDir ?? defaultGeoDir(), opts.geo());
      return reply.header('cache-control', 'private, max-age=86400').send(cached);
    },
  );
};
