import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the console (web/) into web/dist, which the server serves in production.
 * `npm run dev -w web` proxies the API to a server started separately on
 * OPSDESK_API_PORT (default 3000), so cookies stay same-origin in development too.
 */
const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.OPSDESK_API_PORT ?? '3000'}`;

export default defineConfig({
  root: path.join(repoRoot, 'web'),
  plugins: [react()],
  build: {
    outDir: path.join(repoRoot, 'web/dist'),
    emptyOutDir: true,
    sourcemap: true,
    // Libraries go in one vendor chunk: splitting react-admin's internals across page
    // chunks makes Rollup emit circular chunk imports. Pages are still split per route.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: { manualChunks: (id) => (id.includes('/node_modules/') ? 'vendor' : undefined) },
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
