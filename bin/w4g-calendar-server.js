#!/usr/bin/env node
// The reference server as a program: the compiled JavaScript in dist-server/ (npm run
// build:server), run by node itself; no TypeScript runner at run time. Settings: docs/server.md.
import '../dist-server/server/main.js';
