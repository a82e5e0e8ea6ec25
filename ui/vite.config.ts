import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The same build runs in the Tauri window (files from ui/dist) and in a browser served by
// `claimdesk serve`; in `npm run dev`, /api is proxied to a `claimdesk serve` on
// CLAIMDESK_API (default http://127.0.0.1:7878).
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    host: '127.0.0.1',
    proxy: { '/api': process.env.CLAIMDESK_API ?? 'http://127.0.0.1:7878' },
  },
  build: {
    target: 'es2022',
    // Tauri's WebKitGTK and Chromium both run ES2022; no legacy bundles needed.
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
