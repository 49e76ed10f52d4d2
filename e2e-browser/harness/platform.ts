import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where things are: the gateway (the only entry the tests use), the browser, the output folder. */

/** The gateway's public URL; ./smartlink test passes the one it started. */
export const GATEWAY = (process.env.SMARTLINK_GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');

/** Debian's Chromium (apt-get install chromium), launched by its path. */
export const CHROMIUM = process.env.SMARTLINK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless, no sandbox (containers and root), and nothing that phones home: without the background-networking and
 * component flags Chromium keeps retrying refused Google connections and a run hangs. Playwright adds --headless and
 * a fresh --user-data-dir (a temporary profile) for every launch.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Screenshots, axe reports, Playwright's report and traces: e2e-browser/target/ (not committed). */
export const TARGET = join(ROOT, 'target');

/** The gateway is on this machine: clients may pick their loopback source address (see http.ts). */
export const GATEWAY_IS_LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?$/.test(GATEWAY);

export interface Credentials {
  email: string;
  password: string;
}

/**
 * The bootstrapped admin, as the Java e2e tests find it: SMARTLINK_ADMIN_EMAIL / SMARTLINK_ADMIN_PASSWORD in the
 * environment, else the .smartlink/admin.txt the runner wrote (email=..., password=...), looked up from here upwards.
 */
export function adminCredentials(): Credentials {
  const email = process.env.SMARTLINK_ADMIN_EMAIL;
  const password = process.env.SMARTLINK_ADMIN_PASSWORD;
  if (email && password) {
    return { email, password };
  }
  let dir = ROOT;
  for (;;) {
    const file = join(dir, '.smartlink', 'admin.txt');
    if (existsSync(file)) {
      const values = new Map<string, string>();
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0) {
          values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
        }
      }
      const found = { email: values.get('email') ?? '', password: values.get('password') ?? '' };
      if (found.email && found.password) {
        return found;
      }
      throw new Error(`${file} has no email= and password=`);
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('no admin login: set SMARTLINK_ADMIN_EMAIL and SMARTLINK_ADMIN_PASSWORD, or run ./smartlink up once '
        + '(it writes .smartlink/admin.txt)');
    }
    dir = parent;
  }
}
