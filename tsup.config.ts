import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'rules/index': 'src/rules/index.ts',
    'cli/main': 'src/cli/main.ts',
    // At the root of dist/, beside the chunk that starts it: see defaultSummaryWorkerUrl().
    'summary-worker': 'src/deliverer/summary-worker.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'rules/index': 'src/rules/index.ts' } },
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  shims: true,
  // Keep `node:test` and friends as written: without the prefix `test` would resolve to an npm package.
  removeNodeProtocol: false,
});
