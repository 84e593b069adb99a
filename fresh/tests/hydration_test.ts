/** Islands in a real browser (Chromium via playwright-core): hydration, shared signals, slots. */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { BROWSER_TEST, launchBrowser } from "../../tests/support/browser.ts";
import { handler } from "./fixture_server.ts";

Deno.test("islands in Chromium", BROWSER_TEST, async (t) => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, handler);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext();

    /** Opens `path` and collects page errors (404s of the missing favicon aside). */
    const open = async (path: string): Promise<{ page: Page; errors: string[] }> => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      page.on("console", (message) => {
        if (message.type() === "error" && !message.text().includes("404")) errors.push(message.text());
      });
      await page.goto(`http://127.0.0.1:${server.addr.port}${path}`);
      return { page, errors };
    };
    /** Opens the islands page at `path` once its islands have hydrated (the echo reports from the browser). */
    const openHydrated = async (path: string): Promise<{ page: Page; errors: string[] }> => {
      const opened = await open(path);
      await opened.page.waitForSelector('.echo:not([data-report="server"])');
      return opened;
    };
    /** Clicks the badge island and checks its text survived the re-render. */
    const assertBadgeCounts = async (page: Page): Promise<void> => {
      await page.click(".badge");
      assert.equal(await page.textContent(".badge"), "line\u2028break\u2029end 1");
    };

    await t.step("islands hydrate in place; props, signals and shared references arrive intact", async () => {
      const { page, errors } = await openHydrated("/islands");
      assert.deepEqual(JSON.parse((await page.getAttribute(".echo", "data-report"))!), {
        big: { bigint: "10" },
        bytes: { bytes: [1, 2, 3] },
        nothing: { undefined: true },
        nested: { name: "shared" },
        again: { name: "shared" },
        sig: { signal: 3 },
        sameObject: true,
      });
      assert.equal(await page.locator(".counter").count(), 2, "hydration adds no duplicate DOM");

      // Both counters got the same signal: clicking one updates the other.
      await page.click('.counter[data-label="a"] button');
      assert.equal(await page.textContent('.counter[data-label="b"] span'), "4");
      const color = await page.$eval(
        '.counter[data-label="b"] span',
        (element) => getComputedStyle(element).backgroundColor,
      );
      assert.equal(color, "rgb(22, 163, 74)", "a class first used after the click is styled");
      assert.deepEqual(errors, []);
    });

    await t.step(
      "an island's JSX children survive its re-renders, and islands inside them hydrate",
      async () => {
        const { page, errors } = await openHydrated("/islands");
        await assertBadgeCounts(page);
        await page.click(".toggle");
        assert.equal(await page.textContent(".toggle"), "closed");
        assert.equal(await page.textContent(".slot-content"), "slot text");
        assert.equal(await page.textContent(".panel h2"), "</script><script>alert(1)</script><!--");
        assert.deepEqual(errors, []);
      },
    );

    // Each page holds a counter island; `counted` is what it shows after one click.
    for (
      const [name, path, counted] of [
        ["an island rendered by another island works as part of it", "/nested", "2"],
        ["islands boot under the strict policy of config.csp (nonce only, no 'self')", "/csp-island", "1"],
      ]
    ) {
      await t.step(name, async () => {
        const { page, errors } = await open(path);
        await page.waitForLoadState("networkidle");
        await page.click(".counter button");
        assert.equal(await page.textContent(".counter span"), counted);
        assert.deepEqual(errors, []);
      });
    }

    /** The runtime's marker comments still in the page (none once every island is alive). */
    const markerComments = (page: Page) =>
      page.evaluate(() => {
        const found: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if ((node as Comment).data.includes("frsh")) found.push((node as Comment).data);
        }
        return found;
      });

    await t.step(
      "an island is rendered afresh in the browser: disabled={!IS_BROWSER} becomes clickable",
      async () => {
        const { page, errors } = await open("/alive");
        await page.waitForSelector(".clicker:not([disabled])");
        for (let i = 0; i < 3; i++) await page.click(".clicker");
        assert.equal(await page.textContent(".clicker"), "3");
        assert.deepEqual(
          await markerComments(page),
          [],
          "marker comments are gone once the islands are alive",
        );
        assert.match(
          (await page.getAttribute(".clicker-logo", "src"))!,
          /^\/img\/logo\.svg\?__frsh_c=\w+$/,
          "a local image stays tied to the build when the island renders in the browser",
        );
        assert.deepEqual(errors, []);
      },
    );

    await t.step(
      "server children an island did not show at first appear, alive, when it shows them",
      async () => {
        const { page, errors } = await open("/alive");
        await page.waitForSelector(".clicker:not([disabled])");
        assert.equal(await page.locator(".server-child").count(), 0);
        await page.click(".reveal-toggle");
        assert.equal(await page.textContent(".server-child"), "server rendered");
        await page.click('.counter[data-label="revealed"] button');
        assert.equal(await page.textContent('.counter[data-label="revealed"] span'), "6");
        assert.equal(await page.locator("template").count(), 0, "the slot template is used up");
        assert.deepEqual(await markerComments(page), []);
        assert.deepEqual(errors, []);
      },
    );

    await t.step("islands boot under an app-wide policy allowing only same-origin scripts", async () => {
      const { page, errors } = await openHydrated("/islands?app-csp");
      await assertBadgeCounts(page);
      assert.deepEqual(errors, []);
    });
  } finally {
    await browser?.close();
    await server.shutdown();
  }
});
