/**
 * The city's whole loop in headless Chromium, against the running app and local stack: a super admin posts
 * a new ward admin to a ward; the ward admin, on their next token, finds the citizen's complaint in the
 * queue and assigns it to a service provider; the provider resolves it with a public comment; the citizen,
 * watching their complaint's page, sees it live and says it is not fixed; the audit log shows every step.
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { APP_URL } from "@/devstack/config.ts";
import { signInWithPhone } from "../../devstack/testing/auth.ts";
import { browserTest, screenshot, signedInPage, watchForProblems } from "../support/browser.ts";
import { signUpCitizen, staff as serviceRole } from "../complaints/support.ts";
import { fileComplaint, signInStaff, WARD } from "../staff/workspace_support.ts";

const DESKTOP = { width: 1366, height: 900 };

/** A tab signed in with `accessToken` (the session cookie a sign-in leaves). */
function tab(browser: Browser, accessToken: string, viewport = DESKTOP): Promise<Page> {
  return signedInPage(browser, { accessToken }, viewport);
}

browserTest(
  "ward admin posted, complaint assigned, resolved, reopened live, all in the audit log",
  async (browser) => {
    const [boss, provider, citizen, newcomer] = await Promise.all([
      signInStaff("super_admin", [], "সুপার অ্যাডমিন মাহমুদা"),
      signInStaff("service_provider", [WARD], "সেবাদাতা হাবিব"),
      signUpCitizen(),
      signInWithPhone(),
    ]);
    await serviceRole.from("profiles").update({ full_name: "ওয়ার্ড অ্যাডমিন তানভীর" }).eq("id", newcomer.id)
      .throwOnError();
    const title = `স্কুলের সামনে ম্যানহোল খোলা ${crypto.randomUUID().slice(0, 4)}`;
    const filed = await fileComplaint(citizen, WARD, { title });

    // The super admin posts the newcomer as ward admin of the complaint's ward.
    const admin = await tab(browser, boss.session.accessToken);
    const problems = watchForProblems(admin);
    await admin.goto(`${APP_URL}/admin/staff/${newcomer.id}`);
    await admin.getByRole("radio", { name: /^ওয়ার্ড প্রশাসক/ }).check();
    await admin.locator("summary", { hasText: "ঢাকা উত্তর সিটি কর্পোরেশন" }).click();
    await admin.getByRole("group", { name: "ঢাকা উত্তর সিটি কর্পোরেশনের ওয়ার্ড" })
      .getByLabel("৪০", { exact: true }).check();
    await admin.getByRole("button", { name: "সংরক্ষণ করুন" }).click();
    await admin.getByText("সংরক্ষণ করা হয়েছে।").waitFor();

    // The ward admin's next token carries the role; they find the complaint in their queue and assign it.
    const renewed = await newcomer.client.auth.refreshSession();
    assert.equal(renewed.error, null);
    const wardAdmin = await tab(browser, renewed.data.session!.access_token);
    problems.push(...watchForProblems(wardAdmin));
    const filters = new URLSearchParams({ status: "submitted", q: title.slice(-4), ward: String(WARD) });
    await wardAdmin.goto(`${APP_URL}/admin/complaints?${filters}`);
    await wardAdmin.getByRole("link", { name: title }).click();
    await wardAdmin.waitForURL(`${APP_URL}/admin/complaints/${filed.id}`);
    await wardAdmin.getByLabel("এই ওয়ার্ডের সেবাদাতা").selectOption(provider.id);
    await wardAdmin.getByRole("button", { name: "দায়িত্ব দিন", exact: true }).click();
    await wardAdmin.getByText("দায়িত্ব দেওয়া হয়েছে।").waitFor();
    await screenshot(wardAdmin, "staff-flow-assigned", { fullPage: true });

    // The citizen watches their complaint while the provider starts and resolves it with a public comment.
    const own = await tab(browser, citizen.session.accessToken, { width: 360, height: 740 });
    problems.push(...watchForProblems(own));
    await own.goto(`${APP_URL}/complaints/${filed.id}`);
    await own.getByText("সরাসরি হালনাগাদ হচ্ছে").waitFor();
    const worker = await tab(browser, provider.session.accessToken);
    problems.push(...watchForProblems(worker));
    await worker.goto(`${APP_URL}/admin/complaints/${filed.id}`);
    for (
      const [status, comment] of [["প্রক্রিয়াধীন", "কাজ শুরু হয়েছে।"], ["সমাধান করা হয়েছে", "ম্যানহোলে ঢাকনা বসানো হয়েছে।"]]
    ) {
      await worker.getByLabel("নতুন অবস্থা").selectOption({ label: status });
      await worker.getByLabel("মন্তব্য", { exact: true }).fill(comment);
      await worker.getByLabel("পাবলিক ট্র্যাকিং পাতাতেও মন্তব্যটি দেখান").check();
      await worker.getByRole("button", { name: "অবস্থা বদলান", exact: true }).click();
      await worker.getByText("অবস্থা বদলানো হয়েছে।").waitFor();
    }
    await own.getByText("ম্যানহোলে ঢাকনা বসানো হয়েছে।").waitFor();
    await own.reload();
    await own.getByLabel("কী এখনো ঠিক হয়নি?").fill("ঢাকনা ভাঙা, আবার সরে গেছে।");
    await own.getByRole("button", { name: "সমাধান হয়নি", exact: true }).click();
    await own.getByText("অভিযোগটি আবার খোলা হয়েছে। কর্মীরা আবার কাজ শুরু করবেন।").waitFor();
    await screenshot(own, "staff-flow-reopened", { fullPage: true });

    // The audit log tells it all, newest first.
    await admin.goto(`${APP_URL}/admin/audit?subject=${filed.tracking_number}`);
    const entries = await admin.locator("li[data-action]").evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-action"))
    );
    for (const action of ["complaint.assigned", "complaint.status"]) {
      assert.ok(entries.includes(action), `${action} in ${entries}`);
    }
    assert.equal(
      entries.filter((action) => action === "complaint.status").length,
      3,
      "started, resolved, reopened",
    );
    await admin.goto(`${APP_URL}/admin/audit?subject=${newcomer.phone.replace("+88", "")}`);
    await admin.getByText("ভূমিকা দিলেন: ওয়ার্ড প্রশাসক").waitFor();
    await screenshot(admin, "staff-flow-audit", { fullPage: true });
    assert.deepEqual(problems, [], "no script errors or CSP violations");
  },
);
