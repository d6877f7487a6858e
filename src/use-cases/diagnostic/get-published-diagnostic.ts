/**
 * The published diagnostic as people read it, page and API: computed once per version of what it
 * is made of, then served from memory. The version (`diagnosticVersion`: secrecy patterns, imports,
 * referential, importers' names) is one short query, itself kept until the database changes
 * (read-cache.ts): an import, a synthetic run, a re-protection or a new referential changes it in the
 * same transaction as the figures, so a stale diagnostic is never served (invalidated by
 * construction, no expiry to tune). The entry is stored under the version read *before* computing:
 * a change committed meanwhile makes the next request compute again rather than keep a mix.
 * Bounded: the most recently used entries only.
 * The `etag` names the version and the territory: a client sending it back (`If-None-Match`) is
 * answered 304 without a body. */
import { createHash } from 'node:crypto';
import { diagnosticVersion } from '../../db/repositories/diagnostic.repository.js';
import type { Context } from '../context.js';
import { cachedRead } from '../read-cache.js';
import { type DiagnosticJson, getDiagnostic } from './get-diagnostic.js';

/** About 50 KB of JSON each, a few times that as objects: tens of MB at most. */
export const PUBLISHED_CACHE_ENTRIES = 64;

interface Entry {
  version: string;
  json: DiagnosticJson;
}

/** The computations under way, per database, by version and key. */
const computations = new WeakMap<object, Map<string, Promise<DiagnosticJson>>>();

/** One cache per database (a process serves one; tests open several). */
const caches = new WeakMap<object, Map<string, Entry>>();

export interface PublishedDiagnostic {
  json: DiagnosticJson;
  etag: string;
}

function etagOf(version: string, key: string): string {
  return `"d-${createHash('sha256').update(`${version}#${key}`).digest('base64url').slice(0, 22)}"`;
}

function keyOf(code: string, year: number | undefined): string {
  return `${code.trim().toUpperCase()}|${year ?? ''}`;
}

export async function getPublishedDiagnostic(
  ctx: Context,
  code: string,
  options: { year?: number } = {},
): Promise<PublishedDiagnostic> {
  const key = keyOf(code, options.year);
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new Map();
    caches.set(ctx.db, cache);
  }
  // Read from the database only once it has changed (read-cache.ts).
  const version = await cachedRead(ctx.db, 'diagnostic-version', '', { maxEntries: 1 }, () =>
    diagnosticVersion(ctx.db),
  );
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Most recently used last: the first key is the one to drop.
    cache.delete(key);
    cache.set(key, hit);
    return { json: hit.json, etag: etagOf(version, key) };
  }
  // Requests arriving together before the first one has computed it (a cold start under load: 50 of
  // them computed it side by side, for seconds, with a gigabyte of memory) wait for that one.
  const flight = `${version}#${key}`;
  let inFlight = computations.get(ctx.db);
  if (!inFlight) {
    inFlight = new Map();
    computations.set(ctx.db, inFlight);
  }
  let computing = inFlight.get(flight);
  if (!computing) {
    computing = getDiagnostic(ctx, code, options).then((r) => r.json);
    inFlight.set(flight, computing);
    const forget = () => inFlight!.delete(flight);
    computing.then(forget, forget);
  }
  const json = await computing;
  cache.delete(key);
  if (cache.size >= PUBLISHED_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { version, json });
  return { json, etag: etagOf(version, key) };
}
