import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

/**
 * Builds the console (web/) into web/dist, which the server serves in production.
 * `npm run dev -w web` proxies the API to a server started separately on
 * OPSDESK_API_PORT (default 3000), so cookies stay same-origin in development too.
 * Every asset is also written brotli- and gzip-compressed beside itself, once, at build
 * time; the server sends those to browsers that accept them.
 */
const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.OPSDESK_API_PORT ?? '3000'}`;

/**
 * Libraries in a few chunks by family, so one upgrade re-downloads one chunk and the
 * browser fetches them in parallel. Each family is whole: splitting react-admin's
 * internals across page chunks makes Rollup emit circular chunk imports. The families
 * only import "down" this list (react-admin → MUI → React), never back up.
 */
const VENDOR_FAMILIES: [chunk: string, packages: RegExp][] = [
  ['vendor-react', /\/node_modules\/(react|react-dom|scheduler|react-is)\//],
  ['vendor-mui', /\/node_modules\/(@mui|@emotion|@popperjs|stylis|hoist-non-react-statics|@babel\/runtime|clsx|prop-types|react-transition-group|dom-helpers)\//],
  ['vendor-react-admin', /\/node_modules\/(react-admin|ra-[a-z-]+|react-hook-form|react-router|react-router-dom|lodash|inflection|query-string|@tanstack|react-error-boundary|react-dropzone|jsonexport|date-fns|eventemitter3|dompurify|diacritic)\//],
  ['vendor-trpc', /\/node_modules\/(@trpc)\//],
  ['vendor-sentry', /\/node_modules\/(@sentry|@sentry-internal)\//],
];

/**
 * Libraries only a lazy page uses (the Revenue page's charts: recharts and what only it
 * imports) get no family: they stay in that page's own chunk, out of the start-up download.
 */
const LAZY_PAGE_LIBRARIES = /\/node_modules\/(recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs|redux|redux-thunk|react-redux|reselect|immer|es-toolkit|decimal\.js-light|tiny-invariant|use-sync-external-store)\//;

function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/') || LAZY_PAGE_LIBRARIES.test(id)) return undefined;
  return VENDOR_FAMILIES.find(([, packages]) => packages.test(id))?.[0] ?? 'vendor';
}

export default defineConfig({
  root: path.join(repoRoot, 'web'),
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/] })],
  build: {
    outDir: path.join(repoRoot, 'web/dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false },
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
