import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { defaultGeoDir } from './gazetteer.js';

/**
 * A representative point per municipality (the mean of its boundary's vertices, in degrees) and
 * distances between them: enough to tell "the same week in Groningen and Maastricht" from "the
 * same week in two neighbouring towns". Read once from the bundled CBS boundaries.
 */

export type Centroids = ReadonlyMap<string, { lat: number; lon: number }>;

export function loadCentroids(dir = defaultGeoDir()): Centroids {
  const file = join(dir, 'gemeente_2025.topojson');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology;
  const object = topology.objects.gemeente_2025 as GeometryCollection<{ statcode?: string }>;
  const out = new Map<string, { lat: number; lon: number }>();
  for (const f of feature(topology, object).features) {
    const code = f.properties?.statcode;
    if (!code || !f.geometry) continue;
    let lat = 0;
    let lon = 0;
    let n = 0;
    const rings =
      f.geometry.type === 'Polygon'
        ? f.geometry.coordinates
        : f.geometry.type === 'MultiPolygon'
          ? f.geometry.coordinates.flat()
          : [];
    for (const ring of rings)
      for (const [x, y] of ring) {
        lon += x!;
        lat += y!;
        n++;
      }
    if (n > 0) out.set(code, { lat: lat / n, lon: lon / n });
  }
  return out;
}

/** Great-circle distance in km. */
export function distanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
