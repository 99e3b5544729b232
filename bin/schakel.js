#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm install`).
import '../dist/cli/main.js';
