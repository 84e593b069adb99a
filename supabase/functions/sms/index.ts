/**
 * Two callers. `POST /sms/outbox`: the database's SMS outbox hands over texts to send (outbox.ts).
 * Otherwise Supabase Auth's Send-SMS hook: Auth POSTs `{user, sms: {otp}}`, signed per Standard Webhooks, and this
 * function sends the Bengali sign-in code through the configured SMS gateway. `verify_jwt = false` in
 * config.toml: the webhook signature is the authentication.
 *
 * Answers follow the hook contract: `{}` on success. A number that cannot get an SMS is the person's
 * problem: answered 200 with `{error: {http_code: 400, message}}`, the only answer whose error Auth reads and
 * passes on (any other status is a failed hook, a 500 at Auth). Failures of the hook itself carry their
 * status, and 429/503 carry `retry-after` so Auth may try again.
 */
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { maskPhone, normaliseBdMobile } from "../_shared/bd-phone.ts";
import { createSmsGateway, type SmsFailure, SmsGatewayError } from "../_shared/sms-gateway.ts";
import { otpMessage, smsLength } from "../_shared/sms-message.ts";
import { sendOutbox } from "./outbox.ts";

/** Auth's hook payloads stay under 20 KB; anything bigger is not from Auth. */
const MAX_PAYLOAD_BYTES = 20 * 1024;

const gateway = createSmsGateway();

/** What Auth hears when the gateway fails; the details go to the function's log, for operators. */
const answerFor: Record<SmsFailure, { status: number; message: string }> = {
  invalid_recipient: { status: 400, message: "this number cannot receive SMS" },
  rejected: { status: 500, message: "the SMS gateway refused the message" },
  misconfigured: { status: 500, message: "the SMS gateway is not configured" },
  throttled: { status: 429, message: "the SMS gateway is busy, try again shortly" },
  unavailable: { status: 503, message: "the SMS gateway is unavailable, try again shortly" },
  // Auth would resend at once on a 503, which may be a second code: the person asks again if none came.
  unknown: { status: 500, message: "the SMS gateway did not confirm the message" },
};

Deno.serve(async (req) => {
  if (req.method !== "POST") return hookError(405, "the Send-SMS hook accepts POST only");
  if (new URL(req.url).pathname.endsWith("/outbox")) return await sendOutbox(req, gateway);
  const payload = await req.text();
  if (new TextEncoder().encode(payload).length > MAX_PAYLOAD_BYTES) {
    return hookError(413, "payload too large");
  }

  const secret = Deno.env.get("SEND_SMS_HOOK_SECRET");
  if (!secret) return hookError(500, "SEND_SMS_HOOK_SECRET is not set");
  let event: unknown;
  try {
    // Supabase writes the secret `v1,whsec_<base64>`; the library wants the base64 part.
    event = new Webhook(secret.replace(/^v1,whsec_/, "")).verify(payload, Object.fromEntries(req.headers));
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return hookError(401, `invalid webhook signature: ${error.message}`);
    }
    if (error instanceof SyntaxError) return hookError(400, "payload is not JSON");
    throw error;
  }

  const { user, sms } = (event ?? {}) as {
    user?: { phone?: unknown };
    sms?: { otp?: unknown; phone?: unknown };
  };
  const otp = sms?.otp;
  if (typeof otp !== "string" || !/^\d{4,10}$/.test(otp)) {
    return hookError(400, "sms.otp must be a numeric code");
  }
  const phone = sms?.phone ?? user?.phone;
  const to = typeof phone === "string" ? normaliseBdMobile(phone) : null;
  if (!to) return refusal("the user's phone is not a Bangladeshi mobile number");

  const body = otpMessage(otp, Deno.env.get("SMS_OTP_TEMPLATE") || undefined);
  if (smsLength(body).parts > 1) {
    console.warn("the OTP message needs more than one SMS part: shorten the template");
  }
  try {
    const { messageId } = await gateway.sendSms({ to, body });
    console.log(`sms: sign-in code to ${maskPhone(to)} via ${gateway.name}, message ${messageId}`);
    return Response.json({});
  } catch (error) {
    if (!(error instanceof SmsGatewayError)) throw error;
    console.error(`sms: ${gateway.name} did not send to ${maskPhone(to)}: ${error.message}`);
    const { status, message } = answerFor[error.failure];
    return status === 400 ? refusal(message) : hookError(status, message, error.details.retryAfterSeconds);
  }
});

/** The hook worked, and says this number cannot be sent a code: Auth answers the client 400 `message`. */
function refusal(message: string): Response {
  return Response.json({ error: { http_code: 400, message } });
}

function hookError(status: number, message: string, retryAfterSeconds?: number): Response {
  const headers = retryAfterSeconds === undefined || (status !== 429 && status !== 503)
    ? undefined
    : { "retry-after": String(retryAfterSeconds) };
  return Response.json({ error: { http_code: status, message } }, { status, headers });
}
