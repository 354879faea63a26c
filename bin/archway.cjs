#!/usr/bin/env node
// The `archway` command: see `archway --help`. Built by `npm run build`.
require('../out/cli/main.cjs');
