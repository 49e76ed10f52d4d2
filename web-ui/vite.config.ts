/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * What the app needs from the page's CSP: its own scripts and styles only; images from itself and blob: (photos and
 * documents that need the bearer token are fetched and shown as object URLs); blob: frames for PDF documents;
 * API calls to its own origin.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; frame-src blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * The gateway on 127.0.0.1:8080 (./smartlink up). Requests reach it as from its own origin, as they do when the
 * gateway serves the build (its CORS list need not know the dev ports).
 */
const GATEWAY = 'http://127.0.0.1:8080';
const toGateway: ProxyOptions = {
  target: GATEWAY,
  configure: (proxy) => {
    proxy.on('proxyReq', (request) => {
      if (request.getHeader('origin')) {
        request.setHeader('origin', GATEWAY);
      }
    });
  },
};
const GATEWAY_PROXY: Record<string, ProxyOptions> = { '/api': toGateway, '/payments/sandbox': toGateway };

// The gateway serves dist/ at / (same origin as /api/**). In development `npm run dev` proxies the API and the
// sandbox payment pages to a gateway on 127.0.0.1:8080 (./smartlink up).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // no inline <script>/<style> or data: URIs that a strict CSP would block: every asset is a file
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    proxy: GATEWAY_PROXY,
  },
  // `npm run preview` serves dist/ with the Content-Security-Policy the gateway sends, to catch anything the build
  // would need beyond it (an inline script or style, an asset from elsewhere)
  preview: {
    port: 4173,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    proxy: GATEWAY_PROXY,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
