import { test as base, expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin, type Account } from './api.ts';
import { GATEWAY, TARGET } from './platform.ts';

/**
 * What every browser test gets:
 *  - console errors and uncaught exceptions fail the test (collected per page, checked when the test ends). The
 *    browser's own "Failed to load resource: ... status of 4xx" lines are not errors of the app: it asks the API and
 *    shows the problem it gets (a 404 before a payment exists, a 402 of a declined card). 5xx and everything else
 *    count;
 *  - `ui.check(page, name)`: an axe-core check (serious or critical violations fail) and a full-page screenshot, both
 *    at 1280 px and at 375 px wide, saved under target/screenshots/ and target/axe/;
 *  - `loginThroughUi(page, account)`, and `adminPage`: a second browser context signed in as the runner's admin.
 */

export const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
] as const;

const IGNORED_CONSOLE = [/Failed to load resource: the server responded with a status of 4\d\d/];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/** Two animation frames: the layout after a resize or a state change has been painted. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** Watches a page for console errors and uncaught exceptions; `allow` adds expected messages. */
export class ConsoleWatch {
  readonly errors: string[] = [];
  private readonly allowed: RegExp[] = [...IGNORED_CONSOLE];

  watch(page: Page, label: string): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') {
        return;
      }
      const text = message.text();
      if (!this.allowed.some((pattern) => pattern.test(text))) {
        const where = message.location().url ? ` (${message.location().url})` : '';
        this.errors.push(`[${label}] console.error: ${text}${where}`);
      }
    });
    page.on('pageerror', (error) => this.errors.push(`[${label}] uncaught: ${error.message}`));
  }

  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }
}

export class Ui {
  constructor(private readonly testInfo: TestInfo) {}

  /**
   * The page as it is now, at both widths: axe-core (serious and critical violations fail the test; every finding is
   * saved as JSON) and a full-page screenshot. The page is left at 1280 px.
   */
  async check(page: Page, name: string): Promise<void> {
    const folder = slug(this.testInfo.titlePath.slice(1).join(' '));
    const failures: string[] = [];
    await page.waitForLoadState('domcontentloaded');
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await settled(page);
      const file = join(TARGET, 'screenshots', folder, `${slug(name)}-${size.width}.png`);
      mkdirSync(join(TARGET, 'screenshots', folder), { recursive: true });
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      await this.testInfo.attach(`${name} (${size.width} px)`, { path: file, contentType: 'image/png' });
      const violations = await axe(page);
      mkdirSync(join(TARGET, 'axe', folder), { recursive: true });
      writeFileSync(join(TARGET, 'axe', folder, `${slug(name)}-${size.width}.json`), JSON.stringify(violations, null, 2));
      for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        failures.push(`${size.width}px ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n`
          + v.nodes.slice(0, 5).map((n) => `      ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').join(' ') ?? ''}`).join('\n'));
      }
    }
    await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
    await settled(page);
    expect(failures, `accessibility of "${name}" (${page.url()})`).toEqual([]);
  }
}

/** Runs axe-core in the page (evaluated through the DevTools protocol: the app's CSP does not apply to it). */
async function axe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) {
    await page.evaluate(axeSource);
  }
  return page.evaluate(async () => {
    const runner = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await runner.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  }) as Promise<AxeViolation[]>;
}

/** Signs in through the login page, as a person does, and waits until the app shows the signed-in menu. */
export async function loginThroughUi(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('logout')).toBeAttached();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A new browser context (its own storage: another person), with the config's options. */
export async function newPerson(browser: Browser, watch: ConsoleWatch, label: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: GATEWAY, viewport: { width: 1280, height: 800 }, locale: 'en-GB',
    timezoneId: 'Africa/Douala' });
  const page = await context.newPage();
  watch.watch(page, label);
  return { context, page };
}

interface Fixtures {
  consoleWatch: ConsoleWatch;
  ui: Ui;
  adminAccount: Account;
  /** A second browser context, signed in as the runner's admin through the login page. */
  adminPage: Page;
}

export const test = base.extend<Fixtures>({
  consoleWatch: [async ({}, use) => {
    const watch = new ConsoleWatch();
    await use(watch);
    expect(watch.errors, 'console errors and uncaught exceptions in the browser').toEqual([]);
  }, { auto: true }],

  page: async ({ page, consoleWatch }, use) => {
    consoleWatch.watch(page, 'page');
    await use(page);
  },

  ui: async ({}, use, testInfo) => {
    await use(new Ui(testInfo));
  },

  adminAccount: async ({}, use) => {
    await use(await admin());
  },

  adminPage: async ({ browser, consoleWatch, adminAccount }, use) => {
    const { context, page } = await newPerson(browser, consoleWatch, 'admin');
    await loginThroughUi(page, adminAccount);
    await use(page);
    await context.close();
  },
});

export { expect };
