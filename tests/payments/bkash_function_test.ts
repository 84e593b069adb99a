/**
 * The `bkash` Edge Function against the local bKash sandbox and the real local stack: a payment completes
 * only with bKash's word, exactly once, whatever the payer's browser, an attacker or a crash does; refunds
 * stay within what was paid; reconciliation settles what was left uncertain, including after the function
 * was killed between bKash's execute and recording it.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  API_URL,
  APP_URL,
  BKASH_API_PATH,
  BKASH_CREDENTIALS,
  BKASH_SANDBOX_URL,
  PROJECT_ROOT,
} from "../../devstack/config.ts";
import { ANON_KEY, SERVICE_ROLE_KEY } from "../../devstack/keys.ts";
import { signInWithPhone } from "../../devstack/testing/auth.ts";
import { asOperator } from "../../devstack/testing/db.ts";
import { bkashCall, merchantHeaders, payAtCheckout, WALLETS } from "../../devstack/testing/bkash.ts";
import { newStaff, operator } from "../staff/support.ts";
import {
  callFunction,
  checkoutUrl,
  followCallback,
  FUNCTION_URL,
  payFee,
  paymentRecord,
  reconcile,
  refusals,
  startFee,
  stateHistory,
} from "./support.ts";

const payer = await signInWithPhone();
const stranger = await signInWithPhone();
const superAdmin = await newStaff("super_admin");

async function sandboxStats(): Promise<{ grants: number; refreshes: number }> {
  return await (await fetch(`${BKASH_SANDBOX_URL}/sandbox/stats`)).json();
}

/** Another instance of the bkash function, in a process of its own (a cold start on Supabase). */
async function startFunctionInstance(
  secrets: Record<string, string> = {},
): Promise<{ port: number; kill(): Promise<void> }> {
  const marker = `ready:${crypto.randomUUID()}`;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-lock",
      `--config=${PROJECT_ROOT}/deno.json`,
      "--allow-net",
      "--allow-env",
      "--allow-read",
      fileURLToPath(new URL("../../devstack/functions/worker.ts", import.meta.url)),
      new URL("../../supabase/functions/bkash/index.ts", import.meta.url).href,
      marker,
    ],
    env: {
      SUPABASE_URL: API_URL,
      SUPABASE_ANON_KEY: ANON_KEY,
      SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
      BKASH_BASE_URL: `${BKASH_SANDBOX_URL}${BKASH_API_PATH}`,
      BKASH_USERNAME: BKASH_CREDENTIALS.username,
      BKASH_PASSWORD: BKASH_CREDENTIALS.password,
      BKASH_APP_KEY: BKASH_CREDENTIALS.appKey,
      BKASH_APP_SECRET: BKASH_CREDENTIALS.appSecret,
      APP_URL,
      ...secrets,
    },
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  while (!output.includes(marker)) output += (await reader.read()).value ?? "";
  return {
    port: Number(new RegExp(`${marker} (\\d+)`).exec(output)![1]),
    async kill() {
      child.kill("SIGKILL");
      await child.status;
      await reader.cancel();
      await child.stdin.close().catch(() => {});
    },
  };
}

async function injectFault(
  paymentID: string,
  fault: "delay" | "drop" | "amount",
  ms?: number,
): Promise<void> {
  const response = await fetch(`${BKASH_SANDBOX_URL}/sandbox/faults`, {
    method: "POST",
    body: JSON.stringify({ paymentID, fault, ms }),
  });
  assert.equal(response.status, 200);
  await response.body?.cancel();
}

Deno.test("a paid fee completes with bKash's trxID and the payer lands on its result page", async () => {
  const { paymentId, callback } = await payFee(payer);
  assert.equal(callback.searchParams.get("status"), "success");
  const landing = await followCallback(callback);
  assert.equal(landing.href, `${APP_URL}/payments/${paymentId}`);
  const payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "completed");
  assert.match(String(payment.trx_id), /^[A-Z0-9]{10}$/);
  assert.deepEqual(await stateHistory(paymentId), ["initiated", "redirected", "completed"]);
  const events = await bkashExchanges(paymentId);
  // A token the sandbox forgot (a restart of the stack) is refused once with 401 and granted anew.
  assert.deepEqual(events.filter((event) => event.http_status !== 401).map((event) => event.api), [
    "create",
    "execute",
  ]);
  assert.equal(JSON.stringify(events).includes(BKASH_CREDENTIALS.appSecret), false, "no secret in the log");
});

Deno.test("a replayed callback, and two tabs coming back at once, leave one completion; the replay is recorded", async () => {
  const { paymentId, callback } = await payFee(payer);
  await Promise.all([followCallback(callback), followCallback(callback)]);
  const bkashCalls = async () =>
    (await operator.from("payment_events").select("id").eq("payment_id", paymentId).eq("kind", "bkash")
      .throwOnError()).data!.length;
  const callsBefore = await bkashCalls();
  await followCallback(callback);
  const payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "completed");
  assert.deepEqual(await stateHistory(paymentId), ["initiated", "redirected", "completed"]);
  assert.equal(await bkashCalls(), callsBefore, "bKash is not asked again");
  const replays = (await refusals({ paymentId })).filter((refusal) => refusal.api === "callback");
  assert.equal(replays.at(-1)?.note, "callback for a payment already completed: nothing changed");
  assert.equal(replays.at(-1)?.request?.status, "success");
});

Deno.test("a double click on pay creates one bKash payment", async () => {
  const paymentId = await startFee(payer);
  const [first, second] = await Promise.all([checkoutUrl(payer, paymentId), checkoutUrl(payer, paymentId)]);
  assert.equal(first, second);
  const { data } = await operator.from("payment_events").select("id").eq("payment_id", paymentId).eq(
    "api",
    "create",
  )
    .throwOnError();
  assert.equal(data!.length, 1, "bKash was asked to create it once");
});

Deno.test("cancel, insufficient balance and three wrong PINs end as cancelled or failed, nothing taken", async () => {
  for (
    const [choices, state] of [
      [{ cancelAt: "wallet" as const }, "cancelled"],
      [{ wallet: WALLETS.lacksBalance }, "failed"],
      [{ pins: ["10101", "20202", "30303"] }, "failed"],
    ] as const
  ) {
    const { paymentId, callback } = await payFee(payer, choices);
    assert.equal((await followCallback(callback)).pathname, `/payments/${paymentId}`);
    const payment = await paymentRecord(paymentId);
    assert.equal(payment.state, state, JSON.stringify(choices));
    assert.equal(payment.trx_id, null);
    assert.equal(payment.outcome_from_bkash, true, "bKash's status said so: not asked about again");
  }
});

Deno.test("forged callbacks: an unknown paymentID is refused and recorded; 'success' before paying changes nothing", async () => {
  const forged = new URL(`${FUNCTION_URL}/callback?paymentID=TR0011FORGED000001&status=success`);
  const landing = await followCallback(forged);
  assert.equal(landing.pathname, "/payments");
  const { data: refused } = await operator.from("payment_events").select("note, request").eq(
    "kind",
    "refused",
  )
    .eq("api", "callback").order("id", { ascending: false }).limit(1).throwOnError();
  assert.equal((refused![0].request as { paymentID: string }).paymentID, "TR0011FORGED000001");

  const paymentId = await startFee(payer);
  await checkoutUrl(payer, paymentId);
  const { bkash_payment_id } = await paymentRecord(paymentId);
  await followCallback(new URL(`${FUNCTION_URL}/callback?paymentID=${bkash_payment_id}&status=success`));
  assert.equal((await paymentRecord(paymentId)).state, "redirected", "bKash said the payer has not paid");
});

Deno.test("a forged cancel before the payer pays does not lose the payment they then make", async () => {
  const paymentId = await startFee(payer);
  const url = await checkoutUrl(payer, paymentId);
  const { bkash_payment_id } = await paymentRecord(paymentId);
  await followCallback(new URL(`${FUNCTION_URL}/callback?paymentID=${bkash_payment_id}&status=cancel`));
  assert.equal((await paymentRecord(paymentId)).state, "cancelled");
  const { callback } = await payAtCheckout(url);
  await followCallback(callback!);
  assert.equal((await paymentRecord(paymentId)).state, "completed");
});

Deno.test("a forged cancel, then a payment in another tab whose payer never comes back: reconciliation completes it once", async () => {
  const paymentId = await startFee(payer);
  const url = await checkoutUrl(payer, paymentId);
  const { bkash_payment_id } = await paymentRecord(paymentId);
  await followCallback(new URL(`${FUNCTION_URL}/callback?paymentID=${bkash_payment_id}&status=cancel`));
  const cancelled = await paymentRecord(paymentId);
  assert.equal(cancelled.state, "cancelled");
  assert.equal(cancelled.outcome_from_bkash, false, "only the callback said so");
  const { callback } = await payAtCheckout(url);
  assert.equal(
    callback?.searchParams.get("status"),
    "success",
    "paid at bKash; the callback is never followed",
  );

  await reconcile(0);
  const payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "completed");
  assert.match(String(payment.trx_id), /^[A-Z0-9]{10}$/);
  await reconcile(0);
  assert.deepEqual(
    await stateHistory(paymentId),
    ["initiated", "redirected", "cancelled", "completed"],
    "completed exactly once",
  );
  const { data: executed } = await operator.from("payment_events").select("response").eq(
    "payment_id",
    paymentId,
  )
    .eq("api", "execute").throwOnError();
  assert.equal(
    executed!.filter((event) =>
      (event.response as { transactionStatus?: string })?.transactionStatus === "Completed"
    )
      .length,
    1,
    "bKash executed it once",
  );
});

Deno.test("refused through the API and recorded, nothing else changed: an unknown fee, a bad donation, an over-refund, a second refund", async () => {
  const citizen = await signInWithPhone();
  const unknownFee = await citizen.client.rpc("start_fee_payment", {
    fee_code: "no_such_fee",
    request_id: crypto.randomUUID(),
  });
  assert.equal(unknownFee.status, 400);
  assert.equal(unknownFee.error?.code, "CC_FEE");
  const badDonation = await citizen.client.rpc("start_donation", {
    campaign_id: "de00ca00-0000-4000-8000-000000000001",
    amount: 9.5,
    donor_anonymous: false,
    request_id: crypto.randomUUID(),
  });
  assert.equal(badDonation.status, 400);
  assert.equal(badDonation.error?.code, "CC_AMOUNT");
  const { data: started } = await operator.from("payments").select("id").eq("payer_id", citizen.id)
    .throwOnError();
  assert.equal(started!.length, 0, "no payment was started");
  assert.deepEqual(
    (await refusals({ actorId: citizen.id })).map((refusal) => [refusal.api, refusal.note, refusal.request]),
    [
      ["start_fee_payment", "CC_FEE: No such fee can be paid now", { fee_code: "no_such_fee" }],
      ["start_donation", "CC_AMOUNT: A donation is a whole number of taka from 10 to 500000", {
        amount: 9.5,
        campaign_id: "de00ca00-0000-4000-8000-000000000001",
      }],
    ],
  );

  const { paymentId, callback } = await payFee(citizen);
  await followCallback(callback);
  const refund = (amount: number) =>
    superAdmin.client.rpc("request_refund", {
      payment_id: paymentId,
      amount,
      reason: "সেবা দেওয়া সম্ভব হয়নি",
      request_id: crypto.randomUUID(),
    });
  const over = await refund(500.01);
  assert.deepEqual([over.status, over.error?.code], [400, "CC_REFUND_AMOUNT"]);
  assert.equal((await refund(100)).error, null);
  const second = await refund(100);
  assert.deepEqual([second.status, second.error?.code], [409, "CC_REFUND_STATE"]);
  const payment = await paymentRecord(paymentId);
  assert.deepEqual([payment.state, payment.refunded_amount], ["refund_requested", 0]);
  const { data: refunds } = await operator.from("payment_refunds").select("amount").eq(
    "payment_id",
    paymentId,
  )
    .throwOnError();
  assert.deepEqual(refunds, [{ amount: 100 }], "only the one refund that was allowed");
  assert.deepEqual(
    (await refusals({ paymentId })).filter((refusal) => refusal.api === "request_refund").map((refusal) => [
      refusal.note.split(":")[0],
      refusal.request?.amount,
    ]),
    [["CC_REFUND_AMOUNT", 500.01], ["CC_REFUND_STATE", 100]],
  );
});

Deno.test("someone else's payment: create and status answer 404, and the attempt is recorded", async () => {
  const paymentId = await startFee(payer);
  assert.equal((await callFunction("create", { payment_id: paymentId }, stranger)).status, 404);
  assert.equal((await callFunction("status", { payment_id: paymentId }, stranger)).status, 404);
  assert.equal(
    (await callFunction("create", { payment_id: paymentId }, { accessToken: ANON_KEY })).status,
    404,
  );
  assert.equal((await callFunction("create", { payment_id: "not-an-id" }, payer)).status, 400);
  assert.equal((await paymentRecord(paymentId)).state, "initiated");
  const { data } = await operator.from("payment_events").select("id").eq("payment_id", paymentId).eq(
    "kind",
    "refused",
  )
    .throwOnError();
  assert.equal(data!.length, 3);
});

Deno.test("bKash takes the money but its answer to execute is lost: payment/status completes it", async () => {
  const paymentId = await startFee(payer);
  const url = await checkoutUrl(payer, paymentId);
  await injectFault((await paymentRecord(paymentId)).bkash_payment_id!, "drop");
  const { callback } = await payAtCheckout(url);
  await followCallback(callback!);
  const payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "completed");
  assert.ok(payment.trx_id);
});

/** Waits until bKash has executed the payment (taken the money), watching with a token of the test's own. */
async function executedAtBkash(bkashPaymentId: string, headers: Record<string, string>): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { body } = await bkashCall("payment/status", { paymentID: bkashPaymentId }, headers);
    if (body.transactionStatus === "Completed") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail("bKash never executed the payment");
}

/** The function's exchanges with bKash for a payment, oldest first. */
interface BkashExchange {
  api: string;
  http_status: number | null;
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
  note: string | null;
}

async function bkashExchanges(paymentId: string): Promise<BkashExchange[]> {
  const { data } = await operator.from("payment_events").select("api, http_status, request, response, note")
    .eq("payment_id", paymentId).eq("kind", "bkash").order("id").throwOnError();
  return data as BkashExchange[];
}

Deno.test("bKash answers execute after the function's timeout: payment/status completes it and the payer sees it paid", async () => {
  const paymentId = await startFee(payer);
  const url = await checkoutUrl(payer, paymentId);
  await injectFault((await paymentRecord(paymentId)).bkash_payment_id!, "delay", 3_000);
  const { callback } = await payAtCheckout(url);
  // The function as deployed with a short timeout for bKash (a secret), so bKash's slowness is a timeout.
  const instance = await startFunctionInstance({ BKASH_TIMEOUT_MS: "500" });
  try {
    const response = await fetch(`http://127.0.0.1:${instance.port}/bkash/callback${callback!.search}`, {
      redirect: "manual",
    });
    await response.body?.cancel();
    assert.equal(response.status, 303);
    assert.equal(new URL(response.headers.get("location")!).pathname, `/payments/${paymentId}`);
  } finally {
    await instance.kill();
  }
  const payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "completed");
  assert.ok(payment.trx_id);
  const exchanges = await bkashExchanges(paymentId);
  const execute = exchanges.find((exchange) => exchange.api === "execute")!;
  assert.equal(execute.http_status, null, "no answer within the timeout");
  assert.match(String(execute.note), /^no usable answer/);
  assert.equal(exchanges.at(-1)?.api, "payment/status", "bKash's status decided");
});

Deno.test("two tabs come back while bKash is still executing: the second's 2117 is settled by payment/status, one completion", async () => {
  const paymentId = await startFee(payer);
  const url = await checkoutUrl(payer, paymentId);
  const bkashPaymentId = (await paymentRecord(paymentId)).bkash_payment_id!;
  await injectFault(bkashPaymentId, "delay", 2_000);
  const { callback } = await payAtCheckout(url);
  const firstTab = followCallback(callback!);
  await executedAtBkash(bkashPaymentId, await merchantHeaders());
  assert.equal((await followCallback(callback!)).pathname, `/payments/${paymentId}`);
  assert.equal(
    (await paymentRecord(paymentId)).state,
    "completed",
    "the second tab did not wait for the first",
  );
  assert.equal((await firstTab).pathname, `/payments/${paymentId}`);
  const exchanges = await bkashExchanges(paymentId);
  assert.deepEqual(
    exchanges.filter((exchange) => exchange.api === "execute").map((exchange) =>
      exchange.response?.statusCode
    )
      .sort(),
    ["0000", "2117"],
  );
  assert.deepEqual(await stateHistory(paymentId), ["initiated", "redirected", "completed"]);
});

Deno.test("bKash answers Completed for another amount: never completed, recorded and left to staff as disputed", async () => {
  const paymentId = await startFee(payer);
  const url = await checkoutUrl(payer, paymentId);
  await injectFault((await paymentRecord(paymentId)).bkash_payment_id!, "amount");
  const { callback } = await payAtCheckout(url);
  assert.equal((await followCallback(callback!)).pathname, `/payments/${paymentId}`);
  const payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "disputed", "not completed: staff take it up with bKash");
  assert.equal(payment.trx_id, null);
  const mismatches = (await refusals({ paymentId })).filter((refusal) => refusal.api === "complete");
  assert.deepEqual(mismatches.map((refusal) => refusal.request?.amount), ["1.00"]);
  await reconcile(0);
  assert.equal(
    (await paymentRecord(paymentId)).state,
    "disputed",
    "reconciliation does not ask about it again",
  );
  assert.equal((await refusals({ paymentId })).filter((refusal) => refusal.api === "complete").length, 1);
  assert.deepEqual(await stateHistory(paymentId), ["initiated", "redirected", "disputed"]);
});

Deno.test("fault drill: the function is killed between bKash's execute and recording; reconciliation completes it once", async () => {
  const paymentId = await startFee(payer);
  const url = await checkoutUrl(payer, paymentId);
  const bkashPaymentId = (await paymentRecord(paymentId)).bkash_payment_id!;
  await injectFault(bkashPaymentId, "delay");
  const { callback } = await payAtCheckout(url);

  // The same function, in a process of its own that this test can kill (as a crash or a deploy would).
  const headers = await merchantHeaders(); // this test's own token, to watch bKash's side
  const grantsBefore = (await sandboxStats()).grants;
  const instance = await startFunctionInstance();
  const { port } = instance;
  const pending = fetch(`http://127.0.0.1:${port}/bkash/callback${callback!.search}`, { redirect: "manual" })
    .then((response) => response.status, () => "no answer");
  // Wait until bKash has executed (it took the money), then kill the function before it records anything.
  await executedAtBkash(bkashPaymentId, headers);
  await instance.kill();
  assert.equal(await pending, "no answer");
  assert.equal((await sandboxStats()).grants, grantsBefore, "the new instance used the shared token");
  assert.equal(
    (await paymentRecord(paymentId)).state,
    "redirected",
    "killed before recording: bKash has the money, we do not know",
  );

  const outcome = await reconcile(0);
  assert.ok((outcome.completed ?? 0) >= 1, JSON.stringify(outcome));
  const payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "completed");
  await reconcile(0);
  await followCallback(callback!);
  assert.deepEqual(
    await stateHistory(paymentId),
    ["initiated", "redirected", "completed"],
    "completed exactly once",
  );
});

Deno.test("reconciliation needs the service-role key and expires payments nobody paid within 24 hours", async () => {
  assert.equal((await callFunction("reconcile", {}, payer)).status, 401);
  assert.equal((await callFunction("reconcile", {}, { accessToken: ANON_KEY })).status, 401);
  const paymentId = await startFee(payer);
  await checkoutUrl(payer, paymentId);
  await asOperator((sql) =>
    sql.begin(async (tx) => {
      // Backdated behind the workflow trigger's back, as only an operator could.
      await tx`alter table public.payments disable trigger payments_before_update`;
      await tx`update public.payments set created_at = now() - interval '25 hours' where id = ${paymentId}`;
      await tx`alter table public.payments enable trigger payments_before_update`;
    })
  );
  await reconcile(0);
  assert.equal((await paymentRecord(paymentId)).state, "expired");
});

Deno.test("the token is granted once and reused; an expired token is replaced without the caller noticing", async () => {
  const stats = sandboxStats;
  await payFee(payer).then(({ callback }) => followCallback(callback));
  const before = await stats();
  await payFee(payer).then(({ callback }) => followCallback(callback));
  assert.deepEqual(await stats(), before, "no new grant or refresh for a second payment");
  await fetch(`${BKASH_SANDBOX_URL}/sandbox/tokens/expire`, { method: "POST" }).then((r) => r.body?.cancel());
  const { paymentId, callback } = await payFee(payer);
  await followCallback(callback);
  assert.equal((await paymentRecord(paymentId)).state, "completed");
  assert.equal((await stats()).grants, before.grants + 1);
});

Deno.test("refunds: full or partial with a reason, never more than paid, a second one refused, the search shows bKash's record", async () => {
  const { paymentId, callback } = await payFee(payer);
  await followCallback(callback);
  const request = (amount: number, reason = "সেবা দেওয়া সম্ভব হয়নি") =>
    superAdmin.client.rpc("request_refund", {
      payment_id: paymentId,
      amount,
      reason,
      request_id: crypto.randomUUID(),
    });
  assert.equal((await request(600)).error?.code, "CC_REFUND_AMOUNT");
  const { data: refundId, error } = await request(200);
  assert.equal(error, null);
  assert.equal((await request(100)).error?.code, "CC_REFUND_STATE", "a second refund while one is open");
  assert.equal((await callFunction("refund", { refund_id: refundId }, payer)).status, 403);
  const sent = await callFunction("refund", { refund_id: refundId }, superAdmin);
  assert.deepEqual(sent.body, { state: "completed" });
  assert.deepEqual((await callFunction("refund", { refund_id: refundId }, superAdmin)).body, {
    state: "completed",
  });
  let payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "partially_refunded");
  assert.equal(payment.refunded_amount, 200);

  const { data: rest } = await request(300);
  await callFunction("refund", { refund_id: rest }, superAdmin);
  payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "refunded");
  assert.equal((await request(1)).error?.code, "CC_REFUND_STATE", "nothing is left to refund");

  const found = await callFunction("search", { payment_id: paymentId }, superAdmin);
  assert.equal(found.body.trxID, payment.trx_id);
  assert.equal((await callFunction("search", { payment_id: paymentId }, payer)).status, 403);
});

Deno.test("a shared token near expiry is refreshed by the next instance, at most twice an hour, then granted anew", async () => {
  const nearExpiry = (refreshedAgo: string[]) =>
    asOperator((sql) =>
      sql`update public.bkash_token set expires_at = now() + interval '5 minutes',
            refreshed_at = array(select now() - x::interval from unnest(${refreshedAgo}::text[]) as x)`
    );
  /** A status check through a new instance: its first bKash call. */
  const checkThroughNewInstance = async () => {
    const paymentId = await startFee(payer);
    await checkoutUrl(payer, paymentId);
    const instance = await startFunctionInstance();
    try {
      const response = await fetch(`http://127.0.0.1:${instance.port}/bkash/status`, {
        method: "POST",
        headers: { authorization: `Bearer ${payer.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ payment_id: paymentId }),
      });
      assert.equal(response.status, 200, await response.text());
    } finally {
      await instance.kill();
    }
  };
  await nearExpiry(["2 hours"]);
  let before = await sandboxStats();
  await checkThroughNewInstance();
  let after = await sandboxStats();
  assert.deepEqual([after.grants - before.grants, after.refreshes - before.refreshes], [0, 1], "refreshed");

  await nearExpiry(["20 minutes", "10 minutes"]);
  before = after;
  await checkThroughNewInstance();
  after = await sandboxStats();
  assert.deepEqual(
    [after.grants - before.grants, after.refreshes - before.refreshes],
    [1, 0],
    "a third refresh in an hour is a new grant",
  );
});

Deno.test("a refund asked for but never sent (the page died) is sent by reconciliation, once", async () => {
  const { paymentId, callback } = await payFee(payer);
  await followCallback(callback);
  const { data: refundId, error } = await superAdmin.client.rpc("request_refund", {
    payment_id: paymentId,
    amount: 500,
    reason: "দ্বৈত পরিশোধ",
    request_id: crypto.randomUUID(),
  });
  assert.equal(error, null);
  assert.equal((await paymentRecord(paymentId)).state, "refund_requested");
  await reconcile(0);
  await reconcile(0);
  const payment = await paymentRecord(paymentId);
  assert.equal(payment.state, "refunded");
  assert.equal(payment.refunded_amount, 500);
  const { data: sent } = await operator.from("payment_events").select("id").eq("refund_id", refundId)
    .eq("api", "payment/refund").throwOnError();
  assert.equal(sent!.length, 1, "bKash was asked once");
});

Deno.test("the database's scheduled reconciliation (pg_cron → pg_net → the function) completes a payment", async () => {
  const paymentId = await startFee(payer);
  await payAtCheckout(await checkoutUrl(payer, paymentId)); // the callback is never followed
  assert.equal((await paymentRecord(paymentId)).state, "redirected");
  // What the bkash-reconcile job runs every five minutes, for payments of any age.
  const requestId = await asOperator(async (sql) => {
    const [{ id }] = await sql<{ id: string }[]>`select private.reconcile_bkash_payments(0) as id`;
    return id;
  });
  const deadline = Date.now() + 20_000;
  while ((await paymentRecord(paymentId)).state !== "completed") {
    assert.ok(Date.now() < deadline, `request ${requestId}: the payment stayed unsettled`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const status = await asOperator(async (sql) =>
    (await sql<
      { status_code: number }[]
    >`select status_code from net._http_response where id = ${requestId}`)[0]
      ?.status_code
  );
  assert.equal(status, 200);
});

Deno.test("a payer who paid but never came back (browser closed) is completed by reconciliation", async () => {
  const paymentId = await startFee(payer);
  const { callback } = await payAtCheckout(await checkoutUrl(payer, paymentId));
  assert.equal(
    callback?.searchParams.get("status"),
    "success",
    "authorised at bKash; the callback is never followed",
  );
  assert.equal((await paymentRecord(paymentId)).state, "redirected");
  await reconcile(0);
  assert.equal((await paymentRecord(paymentId)).state, "completed");
  await followCallback(callback!); // the tab comes back late: nothing more happens
  assert.deepEqual(await stateHistory(paymentId), ["initiated", "redirected", "completed"]);
});
