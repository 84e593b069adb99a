/**
 * Driving the local bKash sandbox from tests: the merchant's API calls with a token of their own, and a
 * payer going through the hosted checkout page (the same form posts a browser makes).
 */
import assert from "node:assert/strict";
import { BKASH_API_PATH, BKASH_CREDENTIALS, BKASH_SANDBOX_URL } from "../config.ts";

/** Sandbox wallets (see devstack/bkash/mod.ts). */
export const WALLETS = { pays: "01929918378", lacksBalance: "01823074817", blocked: "01823074818" } as const;
export const SANDBOX_OTP = "123456";
export const SANDBOX_PIN = "12121";

/** A merchant's call to the sandbox's tokenized checkout API: HTTP status and JSON answer. */
export async function bkashCall(
  api: string,
  body: unknown,
  headers: Record<string, string>,
  sandboxUrl = BKASH_SANDBOX_URL,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandboxUrl}${BKASH_API_PATH}/${api}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Headers for every call after token/grant, with a freshly granted token. */
export async function merchantHeaders(sandboxUrl = BKASH_SANDBOX_URL): Promise<Record<string, string>> {
  const { body } = await bkashCall(
    "token/grant",
    {
      app_key: BKASH_CREDENTIALS.appKey,
      app_secret: BKASH_CREDENTIALS.appSecret,
    },
    { username: BKASH_CREDENTIALS.username, password: BKASH_CREDENTIALS.password },
    sandboxUrl,
  );
  assert.equal(body.statusCode, "0000");
  return { Authorization: String(body.id_token), "X-App-Key": BKASH_CREDENTIALS.appKey };
}

export interface PayerChoices {
  wallet?: string;
  pins?: readonly string[];
  /** Press cancel at this step instead of going on. */
  cancelAt?: "wallet" | "otp" | "pin";
}

/**
 * A payer on the checkout page (`bkashURL`): wallet, OTP, PIN(s), or cancel. Returns where the sandbox sends
 * them back (the merchant's callbackURL with paymentID and status), or the page's text when it did not.
 */
export async function payAtCheckout(
  bkashURL: string,
  { wallet = WALLETS.pays, pins = [SANDBOX_PIN], cancelAt }: PayerChoices = {},
): Promise<{ callback?: URL; page?: string }> {
  const page = await fetch(bkashURL);
  assert.equal(page.status, 200, await page.clone().text());
  await page.body?.cancel();
  const steps: [string, string][] = [
    ["wallet", wallet],
    ["otp", SANDBOX_OTP],
    ...pins.map((pin) => ["pin", pin] as [string, string]),
  ];
  let last: Response | undefined;
  for (const [field, value] of steps) {
    const form = new URLSearchParams(
      cancelAt === field ? { action: "cancel" } : { action: "confirm", [field]: value },
    );
    last = await fetch(bkashURL, { method: "POST", body: form, redirect: "manual" });
    if (last.status === 302) return { callback: new URL(last.headers.get("location")!) };
    if (cancelAt === field) break;
  }
  return { page: await last?.text() };
}
