import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The inbox is served by Fio itself under /inbox/ (same origin as the API and /ws/inbox), so the
// build needs no API URL; `npm run dev -w @fio/inbox` proxies to a Fio on :3000.
export default defineConfig({
  base: '/inbox/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/media': 'http://127.0.0.1:3000',
      '/ws': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
