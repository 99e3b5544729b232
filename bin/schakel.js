#!/usr/bin/env -S node --max-semi-space-size=64
// The installed entry point: runs the compiled CLI (built by `npm install`). The V8 flag is
// explained in src/cli/node-flags.ts.
import '../dist/cli/main.js';
