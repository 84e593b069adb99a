/**
 * A local bKash sandbox on :54326 that follows bKash's Tokenized Checkout v1.2.0-beta contract, so the
 * `bkash` Edge Function talks to it exactly as to bKash (only the base URL differs):
 *
 * - `POST /v1.2.0-beta/tokenized/checkout/token/grant` and `token/refresh` (headers `username`, `password`;
 *   body `app_key`, `app_secret`[, `refresh_token`]) → `{statusCode, id_token, token_type, expires_in,
 *   refresh_token}`;
 * - `create`, `execute`, `payment/status`, `general/searchTransaction`, `payment/refund` with headers
 *   `Authorization: <id_token>` and `X-App-Key`; business errors are HTTP 200 with `statusCode` and
 *   `statusMessage` (2002 unknown paymentID, 2006 amount, 2023 insufficient balance, 2026 refund larger than
 *   the payment, 2029 duplicate, 2033 unknown trxID, 2056 invalid payment state, 2062 already completed,
 *   2117 execute already called); a missing, wrong or expired token is 401 as bKash's gateway answers it;
 * - `GET /checkout/<paymentID>` (the `bkashURL`): the payer's page in Bengali (wallet, OTP, PIN, cancel),
 *   which ends by sending the payer to `callbackURL?paymentID=…&status=success|failure|cancel&signature=…`.
 *
 * Test wallets: 01929918378, 01770618575, 01619777282 and 01877722345 pay; 01823074817 lacks balance;
 * 01823074818 is blocked from paying. OTP 123456, PIN 12121; three wrong PINs end the payment.
 *
 * For tests only (not part of bKash): `POST /sandbox/faults {paymentID, fault, ms?}` makes the next `execute`
 * of that payment complete and then answer late (`delay`, `ms` or 8 s; another `execute` meanwhile is 2117)
 * or never (`drop`: the connection fails), or complete it for 1.00 taka whatever it was created for
 * (`amount`: its execute, status and search answers then carry that amount, as for a payment tampered with);
 * `POST /sandbox/tokens/expire` expires every token now; `GET /sandbox/stats` counts grants and refreshes.
 */
import { BKASH_API_PATH, BKASH_CREDENTIALS, HOST, PORTS, STATE_DIR } from "../config.ts";
import { bkashTime, SandboxLedger, type SandboxPayment } from "./ledger.ts";
import { checkoutPage, closedPage } from "./page.ts";

export interface BkashSandboxOptions {
  /** Default 54326 (+ offset); 0 picks a free port (tests). */
  port?: number;
  /** The ledger goes to `<stateDir>/bkash/ledger.json`; default the stack's state folder. */
  stateDir?: string;
  /** Seconds a token lives (bKash: 3600). */
  tokenLifetimeSeconds?: number;
}

export interface RunningBkashSandbox {
  url: string;
  close(): Promise<void>;
}

const OTP = "123456";
const PIN = "12121";
const MAX_WRONG_PINS = 3;
const PAYING_WALLETS = new Set([
  "01929918378",
  "01770618575",
  "01770618576",
  "01619777282",
  "01619777283",
  "01877722345",
]);
const FAILING_WALLETS: Record<string, { code: string; message: string }> = {
  "01823074817": { code: "2023", message: "Insufficient Balance" },
  "01823074818": { code: "2080", message: "Debit block" },
};
/** How late a `delay` fault answers `execute`, unless the fault says. */
const DELAY_MS = 8_000;
/** What an `amount` fault's payment is completed for. */
const TAMPERED_AMOUNT = "1.00";
/** bKash's refund window. */
const REFUND_WINDOW_MS = 15 * 24 * 3600_000;

type Fault = { kind: "delay"; ms: number } | { kind: "drop" } | { kind: "amount" };

export async function startBkashSandbox(options: BkashSandboxOptions = {}): Promise<RunningBkashSandbox> {
  const folder = `${options.stateDir ?? STATE_DIR}/bkash`;
  await Deno.mkdir(folder, { recursive: true });
  const sandbox = new Sandbox(
    await SandboxLedger.open(`${folder}/ledger.json`),
    options.tokenLifetimeSeconds ?? 3600,
  );
  const { promise: listening, resolve: onListen } = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve(
    { hostname: HOST, port: options.port ?? PORTS.bkash, onListen },
    (req) => sandbox.route(req),
  );
  const { port } = await listening;
  sandbox.baseUrl = `http://${HOST}:${port}`;
  return {
    url: sandbox.baseUrl,
    async close() {
      await server.shutdown();
    },
  };
}

/** A bKash business answer: HTTP 200 with a statusCode. */
function answer(statusCode: string, statusMessage: string, fields: Record<string, unknown> = {}): Response {
  return Response.json({ ...fields, statusCode, statusMessage });
}

class Sandbox {
  readonly #faults = new Map<string, Fault>();
  /** Where the sandbox listens: the origin of the checkout pages it hands out. */
  baseUrl = `http://${HOST}:${PORTS.bkash}`;

  constructor(private readonly ledger: SandboxLedger, private readonly tokenLifetimeSeconds: number) {}

  async route(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname;
    if (path.startsWith(`${BKASH_API_PATH}/`)) {
      if (req.method !== "POST") {
        return Response.json({ message: "Missing Authentication Token" }, { status: 403 });
      }
      let body: Record<string, unknown>;
      try {
        const parsed = await req.json();
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SyntaxError();
        body = parsed;
      } catch {
        return answer("2025", "Invalid request body");
      }
      return await this.#api(path.slice(BKASH_API_PATH.length + 1), req.headers, body);
    }
    const checkout = /^\/checkout\/([A-Za-z0-9]+)$/.exec(path);
    if (checkout) {
      if (req.method === "GET") return this.#showCheckout(checkout[1]);
      if (req.method === "POST") return await this.#submitCheckout(checkout[1], await req.formData());
      return new Response(null, { status: 405, headers: { allow: "GET, POST" } });
    }
    if (path === "/sandbox/faults" && req.method === "POST") {
      const { paymentID, fault, ms } = await req.json();
      if (fault === "delay") {
        this.#faults.set(String(paymentID), {
          kind: fault,
          ms: Number.isInteger(ms) && ms > 0 && ms <= 60_000 ? ms : DELAY_MS,
        });
      } else if (fault === "drop" || fault === "amount") {
        this.#faults.set(String(paymentID), { kind: fault });
      } else {
        return Response.json({ error: "fault is delay, drop or amount" }, { status: 400 });
      }
      return Response.json({ ok: true });
    }
    if (path === "/sandbox/tokens/expire" && req.method === "POST") {
      for (const token of this.ledger.tokens.values()) token.expiresAt = 0;
      return Response.json({ expired: this.ledger.tokens.size });
    }
    if (path === "/sandbox/stats" && req.method === "GET") return Response.json(this.ledger.counts);
    return Response.json({ message: "Not Found" }, { status: 404 });
  }

  async #api(call: string, headers: Headers, body: Record<string, unknown>): Promise<Response> {
    if (call === "token/grant" || call === "token/refresh") return this.#token(call, headers, body);
    const refusal = this.#checkToken(headers);
    if (refusal) return refusal;
    switch (call) {
      case "create":
        return await this.#create(body);
      case "execute":
        return await this.#execute(String(body.paymentID ?? ""));
      case "payment/status":
        return this.#status(String(body.paymentID ?? ""));
      case "general/searchTransaction":
        return this.#search(String(body.trxID ?? ""));
      case "payment/refund":
        return await this.#refund(body);
      default:
        return Response.json({ message: "Missing Authentication Token" }, { status: 403 });
    }
  }

  #token(call: string, headers: Headers, body: Record<string, unknown>): Response {
    if (
      headers.get("username") !== BKASH_CREDENTIALS.username ||
      headers.get("password") !== BKASH_CREDENTIALS.password
    ) {
      return Response.json({ message: "Unauthorized" }, { status: 401 });
    }
    if (body.app_key !== BKASH_CREDENTIALS.appKey || body.app_secret !== BKASH_CREDENTIALS.appSecret) {
      return answer("2001", "Invalid App Key");
    }
    if (call === "token/refresh") {
      const known = [...this.ledger.tokens.values()].find((token) =>
        token.refreshToken === body.refresh_token
      );
      if (!known) return answer("2079", "Invalid refresh token");
      this.ledger.tokens.delete(known.idToken);
      this.ledger.counts.refreshes += 1;
    } else {
      this.ledger.counts.grants += 1;
    }
    const token = {
      idToken: `sandbox.${crypto.randomUUID()}`,
      refreshToken: crypto.randomUUID(),
      expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000,
    };
    this.ledger.tokens.set(token.idToken, token);
    return answer("0000", "Successful", {
      id_token: token.idToken,
      token_type: "Bearer",
      expires_in: this.tokenLifetimeSeconds,
      refresh_token: token.refreshToken,
    });
  }

  #checkToken(headers: Headers): Response | undefined {
    if (headers.get("x-app-key") !== BKASH_CREDENTIALS.appKey) {
      return Response.json({ message: "Forbidden" }, { status: 403 });
    }
    const token = this.ledger.tokens.get(headers.get("authorization") ?? "");
    if (!token) return Response.json({ message: "Unauthorized" }, { status: 401 });
    if (token.expiresAt <= Date.now()) {
      return Response.json({ message: "The incoming token has expired" }, { status: 401 });
    }
  }

  async #create(body: Record<string, unknown>): Promise<Response> {
    const amount = String(body.amount ?? "");
    if (body.mode !== "0011") return answer("2058", "Invalid mode");
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(amount) || Number(amount) < 1) return answer("2006", "Invalid Amount");
    if (body.currency !== "BDT") return answer("2007", "Invalid Currency");
    if (body.intent !== "sale") return answer("2008", "Invalid Intent");
    const invoice = String(body.merchantInvoiceNumber ?? "");
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(invoice)) return answer("2031", "Invalid Merchant Invoice Number");
    let callback: URL;
    try {
      callback = new URL(String(body.callbackURL));
    } catch {
      return answer("2057", "Invalid callback URL");
    }
    if (
      [...this.ledger.payments.values()].some((p) =>
        p.merchantInvoiceNumber === invoice && p.transactionStatus === "Completed"
      )
    ) {
      return answer("2029", "Duplicate for all transactions");
    }
    const payment: SandboxPayment = {
      paymentID: `TR0011${crypto.randomUUID().replaceAll("-", "").slice(0, 14).toUpperCase()}`,
      amount: Number(amount).toFixed(2),
      currency: "BDT",
      intent: "sale",
      merchantInvoiceNumber: invoice,
      payerReference: String(body.payerReference ?? ""),
      callbackURL: callback.href,
      createdAt: Date.now(),
      transactionStatus: "Initiated",
      step: "wallet",
      authorised: false,
      wrongPins: 0,
      executing: false,
      refunds: [],
    };
    this.ledger.payments.set(payment.paymentID, payment);
    await this.ledger.save();
    return answer("0000", "Successful", {
      paymentID: payment.paymentID,
      paymentCreateTime: bkashTime(payment.createdAt),
      transactionStatus: payment.transactionStatus,
      amount: payment.amount,
      currency: payment.currency,
      intent: payment.intent,
      merchantInvoiceNumber: invoice,
      bkashURL: `${this.baseUrl}/checkout/${payment.paymentID}`,
      callbackURL: payment.callbackURL,
      successCallbackURL: `${payment.callbackURL}${callback.search ? "&" : "?"}status=success`,
      failureCallbackURL: `${payment.callbackURL}${callback.search ? "&" : "?"}status=failure`,
      cancelledCallbackURL: `${payment.callbackURL}${callback.search ? "&" : "?"}status=cancel`,
    });
  }

  async #execute(paymentID: string): Promise<Response> {
    const payment = this.ledger.payments.get(paymentID);
    if (!payment) return answer("2002", "Invalid Payment ID");
    if (payment.executing) return answer("2117", "Payment execution already been called before");
    if (payment.transactionStatus === "Completed") {
      return answer("2062", "The payment has already been completed");
    }
    if (!payment.authorised || payment.transactionStatus !== "Initiated") {
      return answer("2056", "Invalid Payment State");
    }
    const fault = this.#faults.get(paymentID);
    this.#faults.delete(paymentID);
    if (fault?.kind === "amount") payment.amount = TAMPERED_AMOUNT;
    payment.transactionStatus = "Completed";
    payment.trxID = this.ledger.nextTrxId("CC");
    payment.executedAt = Date.now();
    await this.ledger.save();
    const body = JSON.stringify({
      paymentID,
      customerMsisdn: payment.customerMsisdn,
      payerReference: payment.payerReference,
      paymentExecuteTime: bkashTime(payment.executedAt),
      trxID: payment.trxID,
      transactionStatus: "Completed",
      amount: payment.amount,
      currency: payment.currency,
      intent: payment.intent,
      merchantInvoiceNumber: payment.merchantInvoiceNumber,
      statusCode: "0000",
      statusMessage: "Successful",
    });
    if (fault?.kind === "drop") {
      // The money is taken; the answer never arrives whole.
      return new Response(
        new ReadableStream({
          start: (controller) => controller.error(new Error("connection reset by the sandbox")),
        }),
        { headers: { "content-type": "application/json" } },
      );
    }
    if (fault?.kind === "delay") {
      // Still answering the first call: another execute meanwhile is 2117.
      payment.executing = true;
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      payment.executing = false;
    }
    return new Response(body, { headers: { "content-type": "application/json" } });
  }

  #status(paymentID: string): Response {
    const payment = this.ledger.payments.get(paymentID);
    if (!payment) return answer("2002", "Invalid Payment ID");
    return answer("0000", "Successful", {
      paymentID,
      mode: "0011",
      paymentCreateTime: bkashTime(payment.createdAt),
      ...(payment.executedAt ? { paymentExecuteTime: bkashTime(payment.executedAt) } : {}),
      ...(payment.trxID ? { trxID: payment.trxID, customerMsisdn: payment.customerMsisdn } : {}),
      amount: payment.amount,
      currency: payment.currency,
      intent: payment.intent,
      merchantInvoiceNumber: payment.merchantInvoiceNumber,
      transactionStatus: payment.transactionStatus,
      verificationStatus: payment.authorised ? "Complete" : "Incomplete",
      payerReference: payment.payerReference,
    });
  }

  #search(trxID: string): Response {
    const payment = this.ledger.findByTrxId(trxID);
    if (!payment) return answer("2033", "Transaction not found");
    return answer("0000", "Successful", {
      trxID,
      initiationTime: bkashTime(payment.createdAt),
      completedTime: bkashTime(payment.executedAt!),
      transactionType: "bKash Tokenized Checkout via API",
      customerMsisdn: payment.customerMsisdn,
      transactionStatus: "Completed",
      amount: payment.amount,
      currency: payment.currency,
      organizationShortCode: "50022",
    });
  }

  async #refund(body: Record<string, unknown>): Promise<Response> {
    const payment = this.ledger.payments.get(String(body.paymentID ?? ""));
    if (!payment) return answer("2002", "Invalid Payment ID");
    if (payment.transactionStatus !== "Completed" || payment.trxID !== body.trxID) {
      return answer("2056", "Invalid Payment State");
    }
    const refundFields = (refund: SandboxPayment["refunds"][number]) => ({
      originalTrxID: payment.trxID,
      refundTrxID: refund.refundTrxID,
      transactionStatus: "Completed",
      amount: refund.amount,
      currency: "BDT",
      charge: "0.00",
      completedTime: refund.completedTime,
    });
    if (body.amount === undefined) { // refund status: the same call without an amount
      const last = payment.refunds.at(-1);
      if (!last) return answer("2033", "Transaction not found");
      return answer("0000", "Successful", { ...refundFields(last), sku: last.sku });
    }
    const amount = String(body.amount);
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) return answer("2006", "Invalid Amount");
    if (payment.refunds.some((refund) => refund.sku === String(body.sku ?? ""))) {
      return answer("2029", "Duplicate for all transactions");
    }
    const refunded = payment.refunds.reduce((sum, refund) => sum + Number(refund.amount), 0);
    if (Math.round((refunded + Number(amount)) * 100) > Math.round(Number(payment.amount) * 100)) {
      return answer("2026", "The reversal amount cannot be greater than the original transaction amount");
    }
    if (Date.now() - (payment.executedAt ?? 0) > REFUND_WINDOW_MS) {
      return answer("2034", "Reversal not allowed after the refund period");
    }
    const refund = {
      refundTrxID: this.ledger.nextTrxId("RF"),
      sku: String(body.sku ?? ""),
      amount: Number(amount).toFixed(2),
      reason: String(body.reason ?? ""),
      completedTime: bkashTime(Date.now()),
    };
    payment.refunds.push(refund);
    await this.ledger.save();
    return answer("0000", "Successful", refundFields(refund));
  }

  // ---- the payer's checkout page -------------------------------------------------------------------

  #showCheckout(paymentID: string): Response {
    const payment = this.ledger.payments.get(paymentID);
    if (!payment) return html(closedPage("এই পেমেন্ট খুঁজে পাওয়া যায়নি।"), 404);
    if (payment.step === "done" || payment.transactionStatus !== "Initiated") {
      return html(closedPage("এই পেমেন্টের কাজ শেষ হয়ে গেছে।"), 409);
    }
    return html(checkoutPage({ payment }));
  }

  async #submitCheckout(paymentID: string, form: FormData): Promise<Response> {
    const payment = this.ledger.payments.get(paymentID);
    if (!payment) return html(closedPage("এই পেমেন্ট খুঁজে পাওয়া যায়নি।"), 404);
    if (payment.step === "done" || payment.transactionStatus !== "Initiated") {
      return html(closedPage("এই পেমেন্টের কাজ শেষ হয়ে গেছে।"), 409);
    }
    const again = (error: string) => html(checkoutPage({ payment, error }), 422);
    if (form.get("action") === "cancel") return await this.#finish(payment, "cancel", "Cancelled");
    const typed = String(form.get(payment.step) ?? "").replace(
      /[০-৯]/g,
      (d) => String("০১২৩৪৫৬৭৮৯".indexOf(d)),
    )
      .replace(/\D/g, "");
    if (payment.step === "wallet") {
      const wallet = typed.replace(/^880/, "0");
      if (!/^01[3-9]\d{8}$/.test(wallet)) return again("সঠিক বিকাশ অ্যাকাউন্ট নম্বর দিন (০১ দিয়ে শুরু, ১১ অঙ্ক)।");
      if (!PAYING_WALLETS.has(wallet) && !FAILING_WALLETS[wallet]) {
        return again("এই নম্বরে কোনো বিকাশ অ্যাকাউন্ট নেই (স্যান্ডবক্সের পরীক্ষার ওয়ালেট ব্যবহার করুন)।");
      }
      payment.customerMsisdn = wallet;
      payment.step = "otp";
    } else if (payment.step === "otp") {
      if (typed !== OTP) return again("যাচাইকরণ কোড সঠিক নয়। আবার চেষ্টা করুন।");
      payment.step = "pin";
    } else {
      if (typed !== PIN) {
        payment.wrongPins += 1;
        if (payment.wrongPins >= MAX_WRONG_PINS) {
          payment.failureCode = "2015";
          return await this.#finish(payment, "failure", "Failed");
        }
        await this.ledger.save();
        return again(`পিন সঠিক নয়। আর ${"০১২৩"[MAX_WRONG_PINS - payment.wrongPins]} বার চেষ্টা করতে পারবেন।`);
      }
      const failing = FAILING_WALLETS[payment.customerMsisdn!];
      if (failing) {
        payment.failureCode = failing.code;
        return await this.#finish(payment, "failure", "Failed");
      }
      payment.authorised = true;
      return await this.#finish(payment, "success", "Initiated");
    }
    await this.ledger.save();
    return html(checkoutPage({ payment }));
  }

  /** Ends the payer's part and sends them back to the merchant's callbackURL, as bKash does. */
  async #finish(
    payment: SandboxPayment,
    status: "success" | "failure" | "cancel",
    transactionStatus: SandboxPayment["transactionStatus"],
  ): Promise<Response> {
    payment.step = "done";
    payment.transactionStatus = transactionStatus;
    await this.ledger.save();
    const target = new URL(payment.callbackURL);
    target.searchParams.set("paymentID", payment.paymentID);
    target.searchParams.set("status", status);
    target.searchParams.set("signature", crypto.randomUUID().replaceAll("-", ""));
    target.searchParams.set("apiVersion", "1.2.0-beta");
    return new Response(null, { status: 302, headers: { location: target.href } });
  }
}

function html(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
