#!/usr/bin/env node
// The `nautilus` command: runs the built CLI (`npm run build` makes out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('nautilus: the app is not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(built).href);
await main();
