import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the repository root (`vite build --config web/vite.config.ts`): every path is resolved
// relative to this file, not to the working directory.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const backend = 'http://localhost:8080';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
});
