/**
 * Client navigation in the app (Fresh partials), in headless Chromium at 360 px: a signed-in citizen moves
 * from the complaint list to a complaint and along the bottom navigation without a full page load; only
 * the page's partials are fetched. Visitors' pages keep no JavaScript.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { signInWithPhone } from "../../devstack/testing/auth.ts";
import { randomSpot, staff } from "../complaints/support.ts";
import {
  browserTest,
  E2E_APP_URL as APP_URL,
  PHONE_VIEWPORT,
  screenshot,
  signedInContext,
  tokensOf,
  watchForProblems,
} from "../support/browser.ts";

/** A value on `window` survives client navigation and is gone after a full page load. */
const sameDocument = (page: Page) => page.evaluate(() => (globalThis as { kept?: boolean }).kept === true);

browserTest(
  "a signed-in citizen moves between list, complaint and tabs without full page loads",
  async (browser) => {
    const citizen = await signInWithPhone();
    const { data: complaint, error } = await staff.from("complaints").insert({
      citizen_id: citizen.id,
      title: "নালা বন্ধ হয়ে আছে",
      description: "বাজারের পাশের নালা কয়েক দিন ধরে বন্ধ।",
      category: "cleanliness",
      ...randomSpot(),
    }).select("id").single();
    assert.equal(error, null, error?.message);

    const context = await signedInContext(browser, tokensOf(citizen), { viewport: PHONE_VIEWPORT }, APP_URL);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    const documents: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document" || request.url().includes("fresh-partial")) {
        documents.push(new URL(request.url()).pathname + new URL(request.url()).search);
      }
    });
    await page.goto(`${APP_URL}/complaints`);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => (globalThis as { kept?: boolean }).kept = true);
    documents.length = 0;

    // List → complaint: only the partials of the complaint's page are fetched.
    await page.locator(`a[href="/complaints/${complaint!.id}"]`).click();
    await page.waitForURL(`${APP_URL}/complaints/${complaint!.id}`);
    await page.getByRole("heading", { name: "নালা বন্ধ হয়ে আছে" }).waitFor();
    assert.ok(await sameDocument(page), "no full page load");
    assert.deepEqual(documents, [`/complaints/${complaint!.id}?fresh-partial=true`]);
    await screenshot(page, "client-nav-complaint-360");

    // Bottom navigation: the tab marked current follows, and Back returns to the complaint.
    const nav = page.getByRole("navigation", { name: "প্রধান মেনু" });
    await nav.getByRole("link", { name: "সেবা", exact: true }).click();
    await page.waitForURL(`${APP_URL}/services`);
    await page.waitForFunction(() =>
      document.querySelector('nav a[aria-current="page"]')?.getAttribute("href") === "/services"
    );
    assert.ok(await sameDocument(page));
    await page.goBack();
    await page.getByRole("heading", { name: "নালা বন্ধ হয়ে আছে" }).waitFor();
    assert.ok(await sameDocument(page));
    assert.ok(documents.every((path) => path.includes("fresh-partial=true")), documents.join(", "));
    assert.deepEqual(problems, []);

    // A visitor's pages still carry no JavaScript: client navigation is for signed-in people.
    const visitor = await browser.newPage({ viewport: PHONE_VIEWPORT });
    await visitor.goto(`${APP_URL}/services`);
    assert.equal(await visitor.locator("script").count(), 0);
    await visitor.close();
    await context.close();
  },
);
