/**
 * V8 flags the CLI runs with (package.json scripts and bin/schakel.js pass them to node). A
 * larger young generation: an import allocates many short-lived strings, and with V8's default
 * 16 MiB semi-space the scavenger took 12% of the main thread (measured: 100k captures import in
 * 8.7 s instead of 10.0 s).
 */
export const IMPORT_NODE_FLAGS = ['--max-semi-space-size=64'];
