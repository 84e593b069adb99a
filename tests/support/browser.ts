/**
 * Headless Chromium for the browser tests (end to end, Fresh hydration): Debian's browser driven by
 * playwright-core at a cheap phone's size, screenshots into test-output/screenshots/, the checks every
 * page should pass, and photos like a phone camera's to upload.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { APP_URL } from "../../devstack/config.ts";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "../../lib/auth/session.ts";
import { latestCode, randomClientAddress } from "../../devstack/testing/auth.ts";

export const PHONE_VIEWPORT = { width: 360, height: 740 };
/** The app under test: the local stack's, or another running copy (e.g. a dev server) named by COMPLAINTS_E2E_APP_URL. */
export const E2E_APP_URL = Deno.env.get("COMPLAINTS_E2E_APP_URL") ?? APP_URL;
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
 * The same browser test twice: `name` with JavaScript, `noScriptName` with it disabled (`work` passes
 * `javaScriptEnabled` on to its context), for pages that must work either way.
 */
export function browserTestWithAndWithoutJavaScript(
  name: string,
  noScriptName: string,
  work: (browser: Browser, options: { javaScript: boolean }) => Promise<void>,
): void {
  browserTest(name, (browser) => work(browser, { javaScript: true }));
  browserTest(noScriptName, (browser) => work(browser, { javaScript: false }));
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

/** The session tokens a sign-in leaves in the browser; without `refreshToken` the session cannot be renewed. */
export interface SessionTokens {
  accessToken: string;
  refreshToken?: string;
}

/**
 * Gives `context` the session cookies a sign-in at `appUrl` leaves (HttpOnly, SameSite=Lax, as the app sets
 * them), so the app's pages open signed in without going through the sign-in pages.
 */
export async function addSessionCookies(
  context: BrowserContext,
  { accessToken, refreshToken }: SessionTokens,
  appUrl = APP_URL,
): Promise<void> {
  const cookie = (name: string, value: string) => ({
    name,
    value,
    url: appUrl,
    httpOnly: true,
    sameSite: "Lax" as const,
  });
  await context.addCookies([
    cookie(ACCESS_COOKIE, accessToken),
    ...(refreshToken ? [cookie(REFRESH_COOKIE, refreshToken)] : []),
  ]);
}

/** Both tokens of a person signed in through devstack/testing/auth.ts, as a browser holds them. */
export function tokensOf(user: { accessToken: string; session: { refresh_token: string } }): SessionTokens {
  return { accessToken: user.accessToken, refreshToken: user.session.refresh_token };
}

/** A new context in Bengali (`options` add to it) holding the session cookies of `tokens`; close it when done. */
export async function signedInContext(
  browser: Browser,
  tokens: SessionTokens,
  options: BrowserContextOptions = {},
  appUrl = APP_URL,
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "bn-BD", ...options });
  await addSessionCookies(context, tokens, appUrl);
  return context;
}

/** A page at `viewport` in a new signed-in context (signedInContext); close its context when done. */
export async function signedInPage(
  browser: Browser,
  tokens: SessionTokens,
  viewport: { width: number; height: number },
): Promise<Page> {
  return await (await signedInContext(browser, tokens, { viewport })).newPage();
}

/** A camera-like photo drawn in the browser: 4000 × 3000, shapes and sensor grain, JPEG at quality 0.92. */
export async function cameraPhoto(page: Page, width = 4000, height = 3000): Promise<Buffer> {
  const base64 = await page.evaluate(async ({ width, height }) => {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d")!;
    const sky = context.createLinearGradient(0, 0, width, height);
    sky.addColorStop(0, "#7fb6d9");
    sky.addColorStop(1, "#3b5d3a");
    context.fillStyle = sky;
    context.fillRect(0, 0, width, height);
    for (let i = 0; i < 300; i++) {
      context.fillStyle = `hsl(${Math.random() * 360}, 45%, ${25 + Math.random() * 50}%)`;
      context.beginPath();
      context.arc(Math.random() * width, Math.random() * height, 10 + Math.random() * width / 20, 0, 7);
      context.fill();
    }
    const pixels = context.getImageData(0, 0, width, height);
    for (let i = 0; i < pixels.data.length; i += 4) {
      const grain = (Math.random() - 0.5) * 20;
      pixels.data[i] += grain;
      pixels.data[i + 1] += grain;
      pixels.data[i + 2] += grain;
    }
    context.putImageData(pixels, 0, 0);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/jpeg", 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }, { width, height });
  return Buffer.from(base64, "base64");
}

/**
 * On the sign-in page `page` was sent to: asks for a code for `phone` and types the one the dev SMS inbox
 * received. The code box submits itself at six digits once its island runs, so the code is typed only after
 * the page's scripts have loaded (typed earlier, the digits are there but nothing submits them).
 */
export async function signInThroughPages(page: Page, phone: string): Promise<void> {
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel("মোবাইল নম্বর").fill(phone.replace("+88", ""));
  const sentAfter = new Date(Date.now() - 1000);
  await page.getByRole("button", { name: "কোড পাঠান" }).click();
  await page.waitForURL(/\/login\/verify/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("এসএমএসের কোড").pressSequentially(await latestCode(phone, { since: sentAfter }));
}
