/**
 * Headless Chromium for the browser tests (end to end, Fresh hydration): Debian's browser driven by
 * playwright-core at a cheap phone's size, screenshots into test-output/screenshots/, and the checks every
 * page should pass.
 */
import assert from "node:assert/strict";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { randomClientAddress } from "../../devstack/testing/auth.ts";

export const PHONE_VIEWPORT = { width: 360, height: 740 };
const SCREENSHOTS = new URL("../../test-output/screenshots/", import.meta.url).pathname;
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Browser tests keep the browser's pipes and timers between steps: Deno's sanitizers would object. */
export const BROWSER_TEST = { sanitizeOps: false, sanitizeResources: false };

/** Debian's Chromium, headless, with nothing running in the background; close it when done. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
}

/** A Deno test that gets a browser of its own, closed afterwards whatever happens. */
export function browserTest(name: string, work: (browser: Browser) => Promise<void>): void {
  Deno.test({
    name,
    ...BROWSER_TEST,
    fn: async () => {
      const browser = asSeparateDevices(await launchBrowser());
      try {
        await work(browser);
      } finally {
        await browser.close();
      }
    },
  });
}

/**
 * Each context of `browser` becomes a device of its own address (X-Forwarded-For, which the local stack's
 * app believes from loopback), as tests/complaints and devstack/testing do for API clients: the browser
 * tests of a run then never use up one address's sign-in limits together.
 */
function asSeparateDevices(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options: BrowserContextOptions = {}) =>
    newContext({
      ...options,
      extraHTTPHeaders: { "x-forwarded-for": randomClientAddress(), ...options.extraHTTPHeaders },
    });
  return browser;
}

/**
 * What the phone's screen shows, as `<name>.png`; `fullPage` captures the whole page (a fixed bottom bar
 * then appears where the screen ended).
 */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });
}

/** Nothing sticks out sideways on a 360 px phone. */
export async function assertFitsPhoneWidth(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE_VIEWPORT.width, `${page.url()} is ${width}px wide`);
}

/**
 * Collects script errors and console errors (CSP violations show up there) while the page is used.
 * 4xx answers are expected (forms refused on purpose); `alsoExpected` names other messages to ignore.
 */
export function watchForProblems(page: Page, alsoExpected?: RegExp): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() !== "error" || /status of 4\d\d/.test(text) || alsoExpected?.test(text)) return;
    problems.push(text);
  });
  return problems;
}

/**
 * A page in a new phone-sized context (`options` add to the viewport) and the problems seen on it, as
 * watchForProblems collects them; close the context when done.
 */
export async function watchedPhonePage(
  browser: Browser,
  options: BrowserContextOptions = {},
  alsoExpected?: RegExp,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, ...options });
  const page = await context.newPage();
  return { context, page, problems: watchForProblems(page, alsoExpected) };
}
