import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, GATEWAY, TARGET } from './harness/platform.ts';

/**
 * The browser tests run against the platform that is up (./smartlink test starts it; ./smartlink test --browser-only
 * uses one started with ./smartlink up --e2e), through the gateway only, in Debian's Chromium launched by its path:
 * Playwright's own browser download reaches outside and is never used.
 *
 * One worker: the flows share the platform's admin queues (pending partners, pending vehicles), and the machine has
 * two cores for the whole suite. Each test makes its own accounts and vehicles (unique e-mails and cities), so the
 * order does not matter and a platform left behind by earlier runs does not either.
 */
/** SMARTLINK_BROWSER_TESTS=<regex>: only the tests whose title (file › test) matches, e.g. "renter|admin: the overview". */
const only = process.env.SMARTLINK_BROWSER_TESTS;

export default defineConfig({
  testDir: './tests',
  grep: only ? new RegExp(only) : undefined,
  outputDir: `${TARGET}/test-results`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // a flow signs up, waits for Kafka-driven projections and pays: generous, but a hang still ends
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: `${TARGET}/report`, open: 'never' }],
    ['junit', { outputFile: `${TARGET}/junit.xml` }],
  ],
  use: {
    baseURL: GATEWAY,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Africa/Douala',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
});
