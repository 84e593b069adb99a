/**
 * The local bKash sandbox keeps bKash's Tokenized Checkout contract: headers, field names, status codes,
 * token expiry, the hosted checkout page and its test wallets. Runs a sandbox of its own on a free port.
 */
import assert from "node:assert/strict";
import { BKASH_CREDENTIALS } from "../config.ts";
import { startBkashSandbox } from "../bkash/mod.ts";
import { bkashCall, merchantHeaders, payAtCheckout, SANDBOX_PIN, WALLETS } from "../testing/bkash.ts";

const stateDir = await Deno.makeTempDir();
const sandbox = await startBkashSandbox({ port: 0, stateDir });
const URL_ = sandbox.url;
const call = (api: string, body: unknown, headers: Record<string, string>) =>
  bkashCall(api, body, headers, URL_);
const TEST = { sanitizeResources: false, sanitizeOps: false };

let invoiceCounter = 0;
async function created(headers: Record<string, string>, amount = "100.00") {
  const { body } = await call("create", {
    mode: "0011",
    payerReference: "01929918378",
    callbackURL: "http://127.0.0.1:1/callback",
    amount,
    currency: "BDT",
    intent: "sale",
    merchantInvoiceNumber: `INV${Date.now()}${invoiceCounter++}`,
  }, headers);
  assert.equal(body.statusCode, "0000", JSON.stringify(body));
  return body as { paymentID: string; bkashURL: string; merchantInvoiceNumber: string };
}

Deno.test("token/grant wants the merchant's username, password, app key and secret", TEST, async () => {
  const good = { app_key: BKASH_CREDENTIALS.appKey, app_secret: BKASH_CREDENTIALS.appSecret };
  const user = { username: BKASH_CREDENTIALS.username, password: BKASH_CREDENTIALS.password };
  assert.equal((await call("token/grant", good, { ...user, password: "wrong" })).status, 401);
  assert.equal((await call("token/grant", { ...good, app_secret: "wrong" }, user)).body.statusCode, "2001");
  const granted = (await call("token/grant", good, user)).body;
  assert.equal(granted.statusCode, "0000");
  assert.equal(granted.expires_in, 3600);
  assert.equal(granted.token_type, "Bearer");
  const refreshed =
    (await call("token/refresh", { ...good, refresh_token: granted.refresh_token }, user)).body;
  assert.equal(refreshed.statusCode, "0000");
  assert.notEqual(refreshed.id_token, granted.id_token);
  const headers = { Authorization: String(granted.id_token), "X-App-Key": BKASH_CREDENTIALS.appKey };
  assert.equal(
    (await call("payment/status", { paymentID: "x" }, headers)).status,
    401,
    "the old token is gone",
  );
});

Deno.test(
  "calls need the token as it is (no Bearer) and X-App-Key; an expired token is 401",
  TEST,
  async () => {
    const headers = await merchantHeaders(URL_);
    assert.equal(
      (await call("payment/status", { paymentID: "x" }, { ...headers, "X-App-Key": "nope" })).status,
      403,
    );
    const bearer = await call("payment/status", { paymentID: "x" }, {
      ...headers,
      Authorization: `Bearer ${headers.Authorization}`,
    });
    assert.equal(bearer.status, 401);
    assert.equal((await call("payment/status", { paymentID: "x" }, headers)).body.statusCode, "2002");
    await fetch(`${URL_}/sandbox/tokens/expire`, { method: "POST" }).then((r) => r.body?.cancel());
    const expired = await call("payment/status", { paymentID: "x" }, headers);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.message, "The incoming token has expired");
  },
);

Deno.test(
  "create checks amount, currency and intent; execute before the payer paid is 2056",
  TEST,
  async () => {
    const headers = await merchantHeaders(URL_);
    const base = {
      mode: "0011",
      payerReference: "x",
      callbackURL: "http://127.0.0.1:1/cb",
      currency: "BDT",
      intent: "sale",
      merchantInvoiceNumber: "INVBAD1",
    };
    assert.equal((await call("create", { ...base, amount: "-5" }, headers)).body.statusCode, "2006");
    assert.equal((await call("create", { ...base, amount: "10.001" }, headers)).body.statusCode, "2006");
    assert.equal(
      (await call("create", { ...base, amount: "10.00", currency: "USD" }, headers)).body.statusCode,
      "2007",
    );
    const payment = await created(headers);
    assert.match(payment.bkashURL, /\/checkout\/TR0011/);
    assert.equal((await call("execute", { paymentID: payment.paymentID }, headers)).body.statusCode, "2056");
    const status = (await call("payment/status", { paymentID: payment.paymentID }, headers)).body;
    assert.equal(status.transactionStatus, "Initiated");
  },
);

Deno.test(
  "a paying wallet: the checkout page is Bengali, success comes back, execute completes once (2062 after)",
  TEST,
  async () => {
    const headers = await merchantHeaders(URL_);
    const payment = await created(headers, "250.00");
    const page = await (await fetch(payment.bkashURL)).text();
    assert.match(page, /<html lang="bn">/);
    assert.match(page, /আপনার বিকাশ অ্যাকাউন্ট নম্বর/);
    assert.match(page, /৳ ২৫০\.০০/);
    const { callback } = await payAtCheckout(payment.bkashURL, { wallet: WALLETS.pays });
    assert.equal(callback?.searchParams.get("status"), "success");
    assert.equal(callback?.searchParams.get("paymentID"), payment.paymentID);
    const executed = (await call("execute", { paymentID: payment.paymentID }, headers)).body;
    assert.equal(executed.statusCode, "0000");
    assert.equal(executed.transactionStatus, "Completed");
    assert.equal(executed.amount, "250.00");
    assert.equal(executed.merchantInvoiceNumber, payment.merchantInvoiceNumber);
    assert.match(String(executed.trxID), /^[A-Z0-9]{10,}$/);
    assert.match(String(executed.paymentExecuteTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d:\d{3} GMT\+0600$/);
    assert.equal((await call("execute", { paymentID: payment.paymentID }, headers)).body.statusCode, "2062");
    const found = (await call("general/searchTransaction", { trxID: executed.trxID }, headers)).body;
    assert.equal(found.transactionStatus, "Completed");
    assert.equal(found.amount, "250.00");
    assert.equal(
      (await call("general/searchTransaction", { trxID: "NOPE123456" }, headers)).body.statusCode,
      "2033",
    );
  },
);

async function injectFault(paymentID: string, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${URL_}/sandbox/faults`, {
    method: "POST",
    body: JSON.stringify({ paymentID, ...fault }),
  });
  assert.equal(response.status, 200);
  await response.body?.cancel();
}

Deno.test("a second execute while the first is being answered is 2117", TEST, async () => {
  const headers = await merchantHeaders(URL_);
  const payment = await created(headers);
  await payAtCheckout(payment.bkashURL);
  await injectFault(payment.paymentID, { fault: "delay", ms: 1_000 });
  const started = Date.now();
  const first = call("execute", { paymentID: payment.paymentID }, headers);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal((await call("execute", { paymentID: payment.paymentID }, headers)).body.statusCode, "2117");
  assert.equal((await first).body.statusCode, "0000");
  assert.ok(Date.now() - started >= 1_000, "answered after the delay asked for");
});

Deno.test("the amount fault completes a payment for 1.00 taka in every answer", TEST, async () => {
  const headers = await merchantHeaders(URL_);
  const payment = await created(headers, "500.00");
  await payAtCheckout(payment.bkashURL);
  await injectFault(payment.paymentID, { fault: "amount" });
  const executed = (await call("execute", { paymentID: payment.paymentID }, headers)).body;
  assert.deepEqual([executed.statusCode, executed.transactionStatus, executed.amount], [
    "0000",
    "Completed",
    "1.00",
  ]);
  const status = (await call("payment/status", { paymentID: payment.paymentID }, headers)).body;
  assert.deepEqual([status.transactionStatus, status.amount], ["Completed", "1.00"]);
  assert.equal(
    (await call("general/searchTransaction", { trxID: executed.trxID }, headers)).body.amount,
    "1.00",
  );
  const refused = await fetch(`${URL_}/sandbox/faults`, {
    method: "POST",
    body: JSON.stringify({ paymentID: payment.paymentID, fault: "fire" }),
  });
  assert.equal(refused.status, 400);
  await refused.body?.cancel();
});

Deno.test(
  "insufficient balance, a blocked wallet, three wrong PINs and cancel each send the payer back without paying",
  TEST,
  async () => {
    const headers = await merchantHeaders(URL_);
    for (
      const [choices, status] of [
        [{ wallet: WALLETS.lacksBalance }, "failure"],
        [{ wallet: WALLETS.blocked }, "failure"],
        [{ pins: ["11111", "22222", "33333"] }, "failure"],
        [{ cancelAt: "otp" as const }, "cancel"],
      ] as const
    ) {
      const payment = await created(headers);
      const { callback } = await payAtCheckout(payment.bkashURL, choices);
      assert.equal(callback?.searchParams.get("status"), status, JSON.stringify(choices));
      assert.equal(
        (await call("execute", { paymentID: payment.paymentID }, headers)).body.statusCode,
        "2056",
      );
      const after = (await call("payment/status", { paymentID: payment.paymentID }, headers)).body;
      assert.notEqual(after.transactionStatus, "Completed");
    }
    const wrongOnce = await created(headers);
    const { callback } = await payAtCheckout(wrongOnce.bkashURL, { pins: ["99999", SANDBOX_PIN] });
    assert.equal(callback?.searchParams.get("status"), "success", "a wrong PIN can be corrected");
  },
);

Deno.test(
  "refunds: partial, duplicate sku 2029, more than paid 2026, status by paymentID and trxID",
  TEST,
  async () => {
    const headers = await merchantHeaders(URL_);
    const payment = await created(headers, "500.00");
    await payAtCheckout(payment.bkashURL);
    const { trxID } = (await call("execute", { paymentID: payment.paymentID }, headers)).body;
    const refund = (sku: string, amount: string) =>
      call("payment/refund", { paymentID: payment.paymentID, trxID, amount, sku, reason: "test" }, headers);
    const first = (await refund("r1", "200.00")).body;
    assert.equal(first.statusCode, "0000");
    assert.equal(first.originalTrxID, trxID);
    assert.match(String(first.refundTrxID), /^RF/);
    assert.equal((await refund("r1", "200.00")).body.statusCode, "2029");
    assert.equal((await refund("r2", "300.01")).body.statusCode, "2026");
    const status = (await call("payment/refund", { paymentID: payment.paymentID, trxID }, headers)).body;
    assert.equal(status.refundTrxID, first.refundTrxID);
    assert.equal(status.sku, "r1");
  },
);

Deno.test("the sandbox remembers payments across a restart", TEST, async () => {
  const headers = await merchantHeaders(URL_);
  const payment = await created(headers);
  const again = await startBkashSandbox({ port: 0, stateDir });
  try {
    const status = await bkashCall(
      "payment/status",
      { paymentID: payment.paymentID },
      await merchantHeaders(again.url),
      again.url,
    );
    assert.equal(status.body.transactionStatus, "Initiated");
  } finally {
    await again.close();
  }
});

Deno.test("closing the sandbox", TEST, async () => {
  await sandbox.close();
  await Deno.remove(stateDir, { recursive: true });
});
