#!/usr/bin/env node
// A committed entry point, so the bin exists before the first build. The CLI itself is built to dist/cli.js.
import '../dist/cli.js';
