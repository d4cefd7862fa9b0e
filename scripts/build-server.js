// `npm run build:server`: the server as JavaScript in dist-server/ (tsc -p tsconfig.server.json,
// src/server and the parts of src/core it uses), plus the static files of the admin page, the
// workspace and the scripts they share (common/), which tsc does not copy. bin/w4g-calendar-server.js runs it.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';

rmSync('dist-server', { recursive: true, force: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const tsc = spawnSync(npx, ['tsc', '-p', 'tsconfig.server.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
cpSync('src/server/admin', 'dist-server/server/admin', { recursive: true });
cpSync('src/server/workspace', 'dist-server/server/workspace', { recursive: true });
cpSync('src/server/common', 'dist-server/server/common', { recursive: true });
