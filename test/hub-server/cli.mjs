#!/usr/bin/env node
// Starts the embedded Hub: node test/hub-server/cli.mjs [--port N] [--cards DIR] [--synthetic N] [--quiet]
// Prints "Hub listening on http://127.0.0.1:PORT" first, then the CDN's origin and the catalog's size, then one line per
// request (unless --quiet).
import { parseArgs } from 'node:util';
import { startHubServer } from './server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    cards: { type: 'string' },
    synthetic: { type: 'string', default: '0' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const syntheticModels = Number(values.synthetic);
if (!Number.isInteger(port) || port < 0 || !Number.isInteger(syntheticModels) || syntheticModels < 0) {
  console.error('usage: cli.mjs [--port N] [--cards DIR] [--synthetic N] [--quiet]');
  process.exit(2);
}

const hub = await startHubServer({ port, cardsDir: values.cards, syntheticModels, quiet: values.quiet });
const counts = hub.catalog.counts();
console.log(`Hub listening on ${hub.url}`);
console.log(`CDN (LFS files, signed URLs) on ${hub.cdnUrl}`);
console.log(`Dataset viewer on ${hub.url}/datasets-server (huggingface.datasetViewer.endpoint; assets from ${hub.url.replace('127.0.0.1', 'localhost')})`);
console.log(`${counts.models} models, ${counts.datasets} datasets, ${counts.spaces} spaces`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    hub.close().then(() => process.exit(0));
  });
}
