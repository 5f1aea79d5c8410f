import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    alias: {
      '@card-number': path.join(root, 'libs/accreditation/card-number.ts'),
      '@error-codes': path.join(root, 'libs/common/error-codes.ts'),
      '@gate-rules': path.join(root, 'libs/inspection/gate-rules.ts'),
      '@card-token': path.join(root, 'libs/accreditation/card-token.ts'),
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true, changeOrigin: true },
      '/health': { target: 'http://localhost:4000' },
    },
  },
  build: {
    outDir: path.join(root, 'dist/staff-web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  test: {
    root: here,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: ['e2e/**', 'node_modules/**'],
    setupFiles: [path.join(here, 'src/test/setup.ts')],
    css: false,
  },
});
