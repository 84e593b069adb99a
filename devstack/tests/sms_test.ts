/**
 * Sign-in codes by SMS: the `sms` Edge Function (Supabase Auth's Send-SMS hook), the SMS-gateway
 * adapters, and the dev inbox where the local stack delivers. The Bangladeshi gateways are outside this
 * machine, so they are played by small local doubles that follow their contracts; everything else is real.
 */
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { API_URL, SEND_SMS_HOOK_SECRET } from "../config.ts";
import { SERVICE_ROLE_KEY } from "../keys.ts";
import { createFunctionsService } from "../functions/mod.ts";
import { startInbox } from "../inbox/mod.ts";
import type { LocalService } from "../service.ts";
import { AuthError } from "../auth/errors.ts";
import { SendSmsHook } from "../auth/sms_hook.ts";
import type { UserJson } from "../auth/users.ts";
import { normaliseBdMobile } from "../../supabase/functions/_shared/bd-phone.ts";
import { createSmsGateway, SmsGatewayError } from "../../supabase/functions/_shared/sms-gateway.ts";
import {
  fillTemplate,
  OTP_TEMPLATE,
  otpMessage,
  smsLength,
} from "../../supabase/functions/_shared/sms-message.ts";
import { gatewayDouble } from "../testing/sms_gateway.ts";
import {
  type InboxMessage,
  inboxMessages,
  randomPhone,
  storedPhone,
  supabaseClient,
} from "../testing/auth.ts";

function randomOtp(): string {
  return String(crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000).padStart(6, "0");
}

/** A hook call as Supabase Auth makes it: Standard Webhooks headers over the exact body. */
function signedHook(
  payload: unknown,
  { secret = SEND_SMS_HOOK_SECRET, at = new Date() }: { secret?: string; at?: Date } = {},
): RequestInit {
  const body = JSON.stringify(payload);
  const id = `msg_${crypto.randomUUID()}`;
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret.replace("v1,whsec_", "")).sign(id, at, body),
    },
    body,
  };
}

function hookPayload(phone: string, otp: string) {
  return {
    user: {
      id: crypto.randomUUID(),
      aud: "authenticated",
      role: "authenticated",
      phone: storedPhone(phone),
    },
    sms: { otp },
  };
}

function callFunction(service: LocalService, name: string, init: RequestInit): Promise<Response> {
  return service.handle(new Request(`${API_URL}/functions/v1/${name}`, init), {
    path: `/${name}`,
    clientAddress: "127.0.0.1",
  });
}

// --- messages and numbers -------------------------------------------------------------------------

Deno.test("Bangladeshi mobile numbers are recognised in the forms people type", () => {
  for (
    const typed of ["01712345678", "+8801712345678", "8801712345678", "008801712345678", "017-1234 5678"]
  ) {
    assert.equal(normaliseBdMobile(typed), "+8801712345678", typed);
  }
  for (const wrong of ["01212345678", "+8801712345", "+447700900123", "phone", ""]) {
    assert.equal(normaliseBdMobile(wrong), null, wrong);
  }
});

Deno.test("the Bengali sign-in SMS shows the code and fits one Unicode SMS part", () => {
  const message = otpMessage("482913");
  assert.match(message, /482913/);
  assert.match(message, /[\u0980-\u09FF]/, "Bengali text");
  assert.deepEqual(smsLength(message), { encoding: "UCS-2", units: message.length, parts: 1 });
  assert.throws(() => otpMessage("482913", "Your code"), /Code/);
});

Deno.test("templates are filled by name and SMS length follows GSM-7 and UCS-2 rules", () => {
  assert.equal(fillTemplate("অভিযোগ {{ .Id }}: {{.Status}}", { Id: 42, Status: "সমাধান" }), "অভিযোগ 42: সমাধান");
  assert.throws(() => fillTemplate("{{ .Missing }}", {}), /Missing/);
  assert.deepEqual(smsLength("a".repeat(160)), { encoding: "GSM-7", units: 160, parts: 1 });
  assert.deepEqual(smsLength("a".repeat(161)), { encoding: "GSM-7", units: 161, parts: 2 });
  assert.equal(smsLength("€".repeat(80)).parts, 1, "extension characters count twice");
  assert.equal(smsLength("ক".repeat(70)).parts, 1);
  assert.equal(smsLength("ক".repeat(71)).parts, 2);
  assert.equal(smsLength(OTP_TEMPLATE).encoding, "UCS-2");
});

Deno.test("a long Bengali SMS is split 67 characters a part (70 only when it fits one)", () => {
  assert.deepEqual(smsLength("ক".repeat(134)), { encoding: "UCS-2", units: 134, parts: 2 });
  assert.equal(smsLength("ক".repeat(135)).parts, 3, "the 135th character starts a third part");
  assert.equal(smsLength("ক".repeat(201)).parts, 3);
  assert.equal(smsLength("ক".repeat(202)).parts, 4);
  // The outbox takes at most 335 characters (private.sms_outbox.body): five parts, never a sixth.
  assert.equal(smsLength("ক".repeat(335)).parts, 5);
  assert.equal(smsLength("ক".repeat(336)).parts, 6);
  // One Bengali letter makes the whole text UCS-2: 100 characters are two parts, not one GSM-7 part.
  assert.deepEqual(smsLength(`${"a".repeat(99)}ক`), { encoding: "UCS-2", units: 100, parts: 2 });
  assert.equal(smsLength("a".repeat(306)).parts, 2, "GSM-7 splits 153 a part");
  assert.equal(smsLength("a".repeat(307)).parts, 3);
});

// --- gateway adapters against doubles of the real services -------------------------------------------

/** The gateway `createSmsGateway` picks for these environment variables. */
function gatewayWith(env: Record<string, string>) {
  return createSmsGateway((name) => env[name]);
}

async function refusal(promise: Promise<unknown>): Promise<SmsGatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SmsGatewayError) return error;
    throw error;
  }
  throw new Error("the gateway accepted the message");
}

Deno.test("SSL Wireless: JSON request with a unique csms_id; SUCCESS and FAILED answers", async () => {
  let fail = false;
  await using double = await gatewayDouble(({ fields }) =>
    Response.json(
      fail ? { status: "FAILED", status_code: 4003, error_message: "IP Blacklisted" } : {
        status: "SUCCESS",
        status_code: 200,
        error_message: "",
        smsinfo: [{
          sms_status: "SUCCESS",
          status_message: "Success",
          msisdn: fields.msisdn,
          reference_id: "ref-77",
        }],
      },
    )
  );
  const gateway = gatewayWith({
    SMS_GATEWAY: "ssl_wireless",
    SSL_WIRELESS_API_TOKEN: "token-1",
    SSL_WIRELESS_SID: "CLEANCARE",
    SSL_WIRELESS_URL: `${double.url}/api/v3/send-sms`,
  });
  assert.deepEqual(await gateway.sendSms({ to: "+8801712345678", body: "কোড 1" }), { messageId: "ref-77" });
  await gateway.sendSms({ to: "01712345678", body: "কোড 2" });
  const [first, second] = double.requests;
  assert.equal(first.path, "/api/v3/send-sms");
  assert.match(first.contentType, /application\/json/);
  assert.deepEqual({ ...first.fields, csms_id: undefined }, {
    api_token: "token-1",
    sid: "CLEANCARE",
    msisdn: "8801712345678",
    sms: "কোড 1",
    csms_id: undefined,
  });
  assert.ok(typeof first.fields.csms_id === "string" && first.fields.csms_id.length > 0);
  assert.notEqual(first.fields.csms_id, second.fields.csms_id, "csms_id is unique per message");

  fail = true;
  const error = await refusal(gateway.sendSms({ to: "+8801712345678", body: "কোড" }));
  assert.equal(error.failure, "rejected");
  assert.equal(error.details.code, 4003);
  assert.match(error.message, /IP Blacklisted/);
});

Deno.test("BulkSMSBD: form request; 202 accepted, 1007 balance and 1001 bad number refused", async () => {
  let code = 202;
  await using double = await gatewayDouble(() =>
    Response.json(
      code === 202
        ? {
          response_code: 202,
          message_id: 90817,
          success_message: "SMS Submitted Successfully",
          error_message: "",
        }
        : {
          response_code: code,
          success_message: "",
          error_message: code === 1007 ? "Balance Insufficient" : "",
        },
    )
  );
  const gateway = gatewayWith({
    SMS_GATEWAY: "bulksmsbd",
    BULKSMSBD_API_KEY: "key-1",
    BULKSMSBD_SENDER_ID: "8809617000000",
    BULKSMSBD_URL: `${double.url}/api/smsapi`,
  });
  assert.deepEqual(await gateway.sendSms({ to: "+8801812345678", body: "কোড ১২৩" }), {
    messageId: "90817",
  });
  assert.deepEqual(double.requests[0].fields, {
    api_key: "key-1",
    type: "text",
    number: "8801812345678",
    senderid: "8809617000000",
    message: "কোড ১২৩",
  });

  code = 1007;
  const balance = await refusal(gateway.sendSms({ to: "+8801812345678", body: "x" }));
  assert.equal(balance.failure, "rejected");
  assert.equal(balance.details.code, 1007);
  assert.match(balance.message, /Balance Insufficient/);

  code = 1001;
  const number = await refusal(gateway.sendSms({ to: "+8801812345678", body: "x" }));
  assert.equal(number.failure, "invalid_recipient");
  assert.match(number.message, /invalid number/);
});

Deno.test("sms.net.bd: form request; error 0 with request_id accepted, other errors refused", async () => {
  let accept = true;
  await using double = await gatewayDouble(() =>
    Response.json(
      accept
        ? { error: 0, msg: "Request successfully submitted", data: { request_id: 5512 } }
        : { error: 405, msg: "Authorization required" },
    )
  );
  const gateway = gatewayWith({
    SMS_GATEWAY: "sms_net_bd",
    SMS_NET_BD_API_KEY: "key-2",
    SMS_NET_BD_URL: `${double.url}/sendsms`,
  });
  assert.deepEqual(await gateway.sendSms({ to: "+8801912345678", body: "কোড" }), { messageId: "5512" });
  assert.deepEqual(double.requests[0].fields, { api_key: "key-2", msg: "কোড", to: "8801912345678" });

  accept = false;
  const error = await refusal(gateway.sendSms({ to: "+8801912345678", body: "কোড" }));
  assert.equal(error.failure, "rejected");
  assert.match(error.message, /Authorization required/);
});

Deno.test("a throttling gateway is retryable with its Retry-After; a 5xx leaves the outcome unknown", async () => {
  let status = 429;
  const double = await gatewayDouble(() =>
    new Response("slow down", { status, headers: { "retry-after": "30" } })
  );
  try {
    const gateway = gatewayWith({
      SMS_GATEWAY: "sms_net_bd",
      SMS_NET_BD_API_KEY: "k",
      SMS_NET_BD_URL: double.url,
    });
    const throttled = await refusal(gateway.sendSms({ to: "+8801512345678", body: "x" }));
    assert.equal(throttled.failure, "throttled");
    assert.equal(throttled.details.retryAfterSeconds, 30);

    // A 5xx may come after the gateway queued the message.
    status = 502;
    assert.equal((await refusal(gateway.sendSms({ to: "+8801512345678", body: "x" }))).failure, "unknown");
  } finally {
    await double.close();
  }
  // Nothing listens any more: the message never left, "unavailable".
  const gone = gatewayWith({
    SMS_GATEWAY: "bulksmsbd",
    BULKSMSBD_API_KEY: "k",
    BULKSMSBD_SENDER_ID: "s",
    BULKSMSBD_URL: double.url,
  });
  assert.equal((await refusal(gone.sendSms({ to: "+8801512345678", body: "x" }))).failure, "unavailable");
});

Deno.test("missing credentials or an unknown gateway fail clearly, before any request is made", async () => {
  await using double = await gatewayDouble(() => Response.json({}));
  const withoutKey = gatewayWith({
    SMS_GATEWAY: "bulksmsbd",
    BULKSMSBD_SENDER_ID: "s",
    BULKSMSBD_URL: double.url,
  });
  const missing = await refusal(withoutKey.sendSms({ to: "+8801712345678", body: "x" }));
  assert.equal(missing.failure, "misconfigured");
  assert.match(missing.message, /BULKSMSBD_API_KEY/);

  const unknown = await refusal(
    gatewayWith({ SMS_GATEWAY: "carrier_pigeon" }).sendSms({
      to: "+8801712345678",
      body: "x",
    }),
  );
  assert.equal(unknown.failure, "misconfigured");
  assert.match(unknown.message, /carrier_pigeon/);
  assert.equal(double.requests.length, 0);
});

Deno.test("only the dev inbox and SSL Wireless drop a repeated reference", () => {
  const dropsRepeats = Object.fromEntries(
    ["inbox", "ssl_wireless", "bulksmsbd", "sms_net_bd", "carrier_pigeon"].map((
      name,
    ) => [name, gatewayWith({ SMS_GATEWAY: name }).dropsRepeats]),
  );
  assert.deepEqual(dropsRepeats, {
    inbox: true,
    ssl_wireless: true,
    bulksmsbd: false,
    sms_net_bd: false,
    carrier_pigeon: false,
  });
});

Deno.test("a connection dropped after the request went out leaves the outcome unknown", async () => {
  // A gateway that reads the whole request (and so may act on it), then hangs up without answering.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const served = (async () => {
    for await (const connection of listener) {
      await connection.read(new Uint8Array(64 * 1024));
      connection.close();
    }
  })();
  try {
    const gateway = gatewayWith({
      SMS_GATEWAY: "sms_net_bd",
      SMS_NET_BD_API_KEY: "k",
      SMS_NET_BD_URL: `http://127.0.0.1:${listener.addr.port}/sendsms`,
    });
    const dropped = await refusal(gateway.sendSms({ to: "+8801512345678", body: "x" }));
    assert.equal(dropped.failure, "unknown");
    assert.match(dropped.message, /sms_net_bd did not answer in full/);
  } finally {
    listener.close();
    await served.catch(() => {});
  }
});

// --- the outbox: never twice, per gateway ------------------------------------------------------------

/** POSTs a batch to the outbox as private.dispatch_sms does. */
async function outboxCall(
  functions: LocalService,
  batch: { messages: { id: number; to: string; body: string; reference: string }[]; retry_unknown: boolean },
) {
  const response = await callFunction(functions, "sms/outbox", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${SERVICE_ROLE_KEY}` },
    body: JSON.stringify(batch),
  });
  assert.equal(response.status, 200);
  return await response.json();
}

Deno.test("the outbox never resends blindly through a gateway that does not drop repeats", async (t) => {
  // BulkSMSBD takes the message, then fails (its queue accepted it, its answer did not come back).
  let answer = (): Response => new Response("upstream error", { status: 502 });
  const double = await gatewayDouble(() => answer());
  const functions = await createFunctionsService({
    env: {
      SMS_GATEWAY: "bulksmsbd",
      BULKSMSBD_API_KEY: "key",
      BULKSMSBD_SENDER_ID: "8809617000000",
      BULKSMSBD_URL: `${double.url}/api/smsapi`,
    },
  });
  const message = (id: number) => ({ id, to: randomPhone(), body: "পরীক্ষা", reference: `cc-sms-${id}` });
  try {
    await t.step("a 5xx after the hand-over is answered unknown, not retry", async () => {
      const answered = await outboxCall(functions, { messages: [message(1)], retry_unknown: false });
      assert.deepEqual(answered.gateway, { name: "bulksmsbd", drops_repeats: false });
      assert.equal(answered.results[0].status, "unknown");
      assert.match(answered.results[0].error, /bulksmsbd answered HTTP 502/);
      assert.equal(double.requests.length, 1, "the gateway got it once");
    });

    await t.step("a refusal the gateway gives is still failed, and an accepted text sent", async () => {
      answer = () => Response.json({ response_code: 1007, error_message: "Balance Insufficient" });
      const refused = await outboxCall(functions, { messages: [message(2)], retry_unknown: false });
      assert.equal(refused.results[0].status, "failed");
      answer = () => Response.json({ response_code: 202, message_id: 4411 });
      const sent = await outboxCall(functions, { messages: [message(3)], retry_unknown: false });
      assert.deepEqual(sent.results[0], { id: 3, status: "sent", message_id: "4411" });
    });

    await t.step("a batch the dispatcher would resend on a lost answer is not sent at all", async () => {
      const before = double.requests.length;
      const answered = await outboxCall(functions, {
        messages: [message(4), message(5)],
        retry_unknown: true,
      });
      assert.deepEqual(answered.gateway, { name: "bulksmsbd", drops_repeats: false });
      assert.deepEqual(answered.results.map((result: { status: string }) => result.status), [
        "retry",
        "retry",
      ]);
      assert.match(answered.results[0].error, /does not drop a repeated reference/);
      assert.equal(double.requests.length, before, "nothing reached the gateway");
    });
  } finally {
    await functions.close();
    await double.close();
  }
});

Deno.test("through a gateway that drops repeats, an unknown outcome is retried with the same reference", async () => {
  const stateDir = await Deno.makeTempDir({ prefix: "sms-test-" });
  const inbox = await startInbox({ port: 0, stateDir });
  // The dev inbox behind a proxy that passes the message on, then answers 502 as if the answer were lost.
  await using flaky = await gatewayDouble(async ({ fields }) => {
    const passed = await fetch(`${inbox.url}/api/messages`, { method: "POST", body: JSON.stringify(fields) });
    await passed.body?.cancel();
    return new Response("bad gateway", { status: 502 });
  });
  const functions = await createFunctionsService({ env: { SMS_INBOX_URL: `${flaky.url}/api/messages` } });
  try {
    const phone = randomPhone();
    const batch = {
      messages: [{ id: 7, to: phone, body: "একবার", reference: "cc-sms-test-7" }],
      retry_unknown: true,
    };
    const answered = await outboxCall(functions, batch);
    assert.deepEqual(answered.gateway, { name: "inbox", drops_repeats: true });
    assert.equal(answered.results[0].status, "retry");
    assert.equal((await outboxCall(functions, batch)).results[0].status, "retry");
    assert.equal(flaky.requests.length, 2);
    assert.deepEqual(flaky.requests.map(({ fields }) => fields.reference), [
      "cc-sms-test-7",
      "cc-sms-test-7",
    ]);
    assert.equal((await inboxMessages(phone, inbox.url)).length, 1, "the inbox dropped the repeat");
  } finally {
    await functions.close();
    await inbox.close();
    await Deno.remove(stateDir, { recursive: true });
  }
});

// --- the dev inbox ---------------------------------------------------------------------------------

Deno.test("the dev inbox stores messages by number, newest first, and keeps them across restarts", async () => {
  const stateDir = await Deno.makeTempDir({ prefix: "inbox-test-" });
  let inbox = await startInbox({ port: 0, stateDir });
  try {
    const post = (to: string, body: string) =>
      fetch(`${inbox.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ to, body }),
      });
    const created = await post("01712345678", "প্রথম বার্তা");
    assert.equal(created.status, 201);
    assert.equal((await created.json()).to, "+8801712345678");
    await (await post("+8801712345678", "দ্বিতীয় বার্তা")).body?.cancel();
    await (await post("+8801812345678", "অন্য নম্বর")).body?.cancel();

    const mine = await inboxMessages("+8801712345678", inbox.url);
    assert.deepEqual(mine.map((message) => message.body), ["দ্বিতীয় বার্তা", "প্রথম বার্তা"]);
    assert.ok(mine.every((message) => !Number.isNaN(Date.parse(message.sent_at))));
    // `+` unescaped in a query reads as a space; the inbox still finds the number.
    assert.equal((await (await fetch(`${inbox.url}/api/messages?to=+8801712345678`)).json()).length, 2);
    const all: InboxMessage[] = await (await fetch(`${inbox.url}/api/messages?limit=2`)).json();
    assert.deepEqual(all.map((message) => message.body), ["অন্য নম্বর", "দ্বিতীয় বার্তা"]);

    const refused = await post("+447700900123", "not Bangladesh");
    assert.equal(refused.status, 400);
    await refused.body?.cancel();
    const empty = await post("01712345678", " ");
    assert.equal(empty.status, 400);
    await empty.body?.cancel();

    await inbox.close();
    inbox = await startInbox({ port: 0, stateDir });
    assert.equal((await inboxMessages("01712345678", inbox.url)).length, 2, "messages survive a restart");

    const deleted = await fetch(`${inbox.url}/api/messages?to=01712345678`, { method: "DELETE" });
    assert.deepEqual(await deleted.json(), { deleted: 2 });
    assert.equal((await inboxMessages("01712345678", inbox.url)).length, 0);
    assert.equal((await inboxMessages("01812345678", inbox.url)).length, 1, "other numbers keep theirs");
  } finally {
    await inbox.close();
    await Deno.remove(stateDir, { recursive: true });
  }
});

Deno.test("the dev inbox page lists messages for people, escaped, in UTF-8", async () => {
  const stateDir = await Deno.makeTempDir({ prefix: "inbox-test-" });
  const inbox = await startInbox({ port: 0, stateDir });
  try {
    await (await fetch(`${inbox.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: "+8801612345678", body: "কোড 123456 <b>দেবেন না</b>" }),
    })).body?.cancel();
    const page = await fetch(`${inbox.url}/`);
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    const html = await page.text();
    assert.match(html, /<meta charset="utf-8">/);
    assert.match(html, /<meta name="viewport"/);
    assert.match(html, /\+8801612345678/);
    assert.match(html, /কোড 123456 &#60;b&#62;দেবেন না&#60;\/b&#62;/);
    assert.doesNotMatch(html, /<script/);

    const filtered = await (await fetch(`${inbox.url}/?to=01712345678`)).text();
    assert.doesNotMatch(filtered, /8801612345678<\/span>/);
    assert.match(filtered, /এই নম্বরে এখনও কোনো বার্তা নেই/);
  } finally {
    await inbox.close();
    await Deno.remove(stateDir, { recursive: true });
  }
});

// --- the sms function, run by a functions runner of the test's own -----------------------------------

Deno.test("the sms hook delivers a signed sign-in code and refuses anything else", async (t) => {
  const stateDir = await Deno.makeTempDir({ prefix: "sms-test-" });
  const inbox = await startInbox({ port: 0, stateDir });
  const functions = await createFunctionsService({ env: { SMS_INBOX_URL: `${inbox.url}/api/messages` } });
  try {
    await t.step("a correctly signed hook call puts the Bengali code in the inbox", async () => {
      const phone = randomPhone();
      const otp = randomOtp();
      const response = await callFunction(functions, "sms", signedHook(hookPayload(phone, otp)));
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {});
      const [message, ...others] = await inboxMessages(phone, inbox.url);
      assert.equal(others.length, 0);
      assert.equal(message.to, phone);
      assert.equal(message.body, otpMessage(otp));
    });

    await t.step("a payload signed with another secret is refused and nothing is sent", async () => {
      const phone = randomPhone();
      const otherSecret = "v1,whsec_" + btoa("someone else's secret, not ours");
      const response = await callFunction(
        functions,
        "sms",
        signedHook(hookPayload(phone, "111111"), { secret: otherSecret }),
      );
      assert.equal(response.status, 401);
      const { error } = await response.json();
      assert.equal(error.http_code, 401);
      assert.deepEqual(await inboxMessages(phone, inbox.url), []);
    });

    await t.step("a stale timestamp is refused even with a valid signature", async () => {
      const phone = randomPhone();
      const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
      const response = await callFunction(
        functions,
        "sms",
        signedHook(hookPayload(phone, "222222"), { at: tenMinutesAgo }),
      );
      assert.equal(response.status, 401);
      assert.match((await response.json()).error.message, /too old/);
      assert.deepEqual(await inboxMessages(phone, inbox.url), []);
    });

    await t.step("a body changed after signing is refused", async () => {
      const phone = randomPhone();
      const init = signedHook(hookPayload(phone, "333333"));
      const tampered = { ...init, body: JSON.stringify(hookPayload(phone, "999999")) };
      const response = await callFunction(functions, "sms", tampered);
      assert.equal(response.status, 401);
      await response.body?.cancel();
      assert.deepEqual(await inboxMessages(phone, inbox.url), []);
    });

    await t.step(
      "a number outside Bangladesh is refused with a hook error Auth passes on (200, http_code 400)",
      async () => {
        const response = await callFunction(
          functions,
          "sms",
          signedHook({ user: { phone: "447700900123" }, sms: { otp: "444444" } }),
        );
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), {
          error: { http_code: 400, message: "the user's phone is not a Bangladeshi mobile number" },
        });
      },
    );
  } finally {
    await functions.close();
    await inbox.close();
    await Deno.remove(stateDir, { recursive: true });
  }
});

Deno.test("the sms hook answers gateway refusals per the hook contract (500, or 429 with retry-after)", async () => {
  let answer = () => Response.json({ response_code: 1007, error_message: "Balance Insufficient" });
  const double = await gatewayDouble(() => answer());
  const functions = await createFunctionsService({
    env: {
      SMS_GATEWAY: "bulksmsbd",
      BULKSMSBD_API_KEY: "key",
      BULKSMSBD_SENDER_ID: "8809617000000",
      BULKSMSBD_URL: `${double.url}/api/smsapi`,
    },
  });
  try {
    const refused = await callFunction(functions, "sms", signedHook(hookPayload(randomPhone(), randomOtp())));
    assert.equal(refused.status, 500);
    assert.equal((await refused.json()).error.http_code, 500);
    assert.equal(double.requests.length, 1);
    assert.match(String(double.requests[0].fields.number), /^8801[3-9]\d{8}$/);

    answer = () => new Response("busy", { status: 429, headers: { "retry-after": "7" } });
    const throttled = await callFunction(
      functions,
      "sms",
      signedHook(hookPayload(randomPhone(), randomOtp())),
    );
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get("retry-after"), "7");
    assert.equal((await throttled.json()).error.http_code, 429);
  } finally {
    await functions.close();
    await double.close();
  }
});

// --- Auth's side of the hook ------------------------------------------------------------------------

Deno.test("Auth tells the client how the hook failed, never where the hook is", async () => {
  let answer = () => new Response("bad", { status: 400 });
  const hook = await gatewayDouble(() => answer());
  const secretUrl = `${hook.url}/functions/v1/sms-internal-path`;
  const user = { id: crypto.randomUUID(), phone: "8801712345678" } as UserJson;
  const failure = async (sender: SendSmsHook) => {
    const error = await sender.send(user, user.phone, "123456").then(() => undefined, (error) => error);
    assert.ok(error instanceof AuthError, "the hook call failed");
    assert.ok(!error.message.includes("127.0.0.1") && !error.message.includes("internal"), error.message);
    return { status: error.status, code: error.code, message: error.message };
  };
  const sender = new SendSmsHook(secretUrl, [SEND_SMS_HOOK_SECRET]);
  try {
    assert.deepEqual((await failure(sender)).status, 500, "a 400 status is the hook failing");
    answer = () => new Response("<html>", { headers: { "content-type": "text/html" } });
    assert.equal((await failure(sender)).code, "hook_payload_invalid_content_type");
    answer = () => Response.json({ error: { http_code: 400, message: "no SMS to this number" } });
    assert.deepEqual(await failure(sender), {
      status: 400,
      code: "unknown",
      message: "no SMS to this number",
    });
    answer = () => Response.json({ error: { http_code: 302, message: "elsewhere" } });
    assert.equal((await failure(sender)).status, 500, "a verdict that is not an error status is a 500");
    assert.deepEqual(hook.requests.at(-1)?.fields.sms, { otp: "123456", phone: "8801712345678" });
  } finally {
    await hook.close();
  }
  const unreachable = await failure(new SendSmsHook(secretUrl, [SEND_SMS_HOOK_SECRET]));
  assert.equal(unreachable.status, 422);
  assert.equal(unreachable.code, "hook_timeout_after_retry");
});

// --- end to end through the running stack ---------------------------------------------------------

Deno.test("through the stack's gateway, a signed hook call lands in the dev inbox on :54324", async () => {
  const phone = randomPhone();
  const otp = randomOtp();
  const response = await fetch(`${API_URL}/functions/v1/sms`, signedHook(hookPayload(phone, otp)));
  assert.equal(response.status, 200);
  await response.body?.cancel();
  const [message] = await inboxMessages(phone);
  assert.equal(message?.body, otpMessage(otp));
});

Deno.test("signing in with a phone number: Auth's hook sends the code, and the code from the SMS signs in", async () => {
  const phone = randomPhone();
  const supabase = supabaseClient();
  const { error } = await supabase.auth.signInWithOtp({ phone });
  assert.equal(error, null);
  const [message] = await inboxMessages(phone);
  assert.ok(message, "the SMS reached the inbox");
  const code = /\d{6}/.exec(message.body)?.[0];
  assert.ok(code, `a 6-digit code in "${message.body}"`);
  const { data, error: verifyError } = await supabase.auth.verifyOtp({ phone, token: code, type: "sms" });
  assert.equal(verifyError, null);
  assert.equal(data.session?.user.phone, storedPhone(phone));
});
