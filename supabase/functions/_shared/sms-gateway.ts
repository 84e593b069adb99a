/**
 * Sending one SMS, whichever Bangladeshi gateway carries it. The setting `SMS_GATEWAY` picks the carrier:
 *
 * | SMS_GATEWAY    | settings                                                                        |
 * | -------------- | ------------------------------------------------------------------------------- |
 * | `inbox` (default) | `SMS_INBOX_URL` (default: the local dev inbox)                              |
 * | `ssl_wireless` | `SSL_WIRELESS_API_TOKEN`, `SSL_WIRELESS_SID`, optional `SSL_WIRELESS_URL`       |
 * | `bulksmsbd`    | `BULKSMSBD_API_KEY`, `BULKSMSBD_SENDER_ID`, optional `BULKSMSBD_URL`            |
 * | `sms_net_bd`   | `SMS_NET_BD_API_KEY`, optional `SMS_NET_BD_SENDER_ID`, `SMS_NET_BD_URL`         |
 *
 * Never twice: the dev inbox and SSL Wireless (`csms_id`) drop a message whose reference they have seen, so a
 * message whose outcome is unknown may be sent again with the same reference. BulkSMSBD and sms.net.bd take
 * no reference, and sms.net.bd's delivery report is looked up by the `request_id` of an answer that was lost
 * in exactly that case: for them an unknown outcome is reported, never retried ({@link SmsGateway.dropsRepeats}).
 *
 * The vendors' contracts below come from secondary sources (SDKs and summaries, not the vendors' own
 * documentation), so every vendor fact lives in this file: a correction is a one-file change.
 */
import { gatewayMsisdn, normaliseBdMobile } from "./bd-phone.ts";
import { fetchFailureText, requestNeverLeft } from "./fetch-failure.ts";

export interface SmsMessage {
  /** The recipient in any Bangladeshi mobile form (`+8801…`, `8801…`, `01…`). */
  to: string;
  body: string;
  /**
   * The sender's id for this message, the same on every attempt: gateways that take one (SSL Wireless'
   * `csms_id`, the dev inbox) drop a repeat, so retrying a message whose outcome is unknown cannot send it
   * twice there.
   */
  reference?: string;
}

export interface SmsGateway {
  readonly name: string;
  /**
   * Whether the gateway drops a message whose {@link SmsMessage.reference} it has already taken. Only then
   * may a message whose outcome is unknown (a timeout, a 5xx, a lost answer) be handed over again.
   */
  readonly dropsRepeats: boolean;
  /** Resolves once the gateway has accepted the message; throws {@link SmsGatewayError} otherwise. */
  sendSms(message: SmsMessage): Promise<{ messageId: string }>;
}

/** Why a message was not sent: decides what the caller answers and whether trying again can help. */
export type SmsFailure =
  /** The number cannot receive SMS. */
  | "invalid_recipient"
  /** The gateway refused us: credentials, balance, sender id, IP whitelist, content. */
  | "rejected"
  /** The gateway asks us to slow down; try again after `retryAfterSeconds`. */
  | "throttled"
  /** The gateway could not be reached (no connection): it has not got the message; try again later. */
  | "unavailable"
  /**
   * The request may have reached the gateway, which then timed out, dropped the connection or failed (5xx):
   * the message may or may not go out. Sending it again is safe only where the gateway drops repeats.
   */
  | "unknown"
  /** Our own settings are missing or wrong. */
  | "misconfigured";

export class SmsGatewayError extends Error {
  override name = "SmsGatewayError";
  constructor(
    readonly failure: SmsFailure,
    message: string,
    readonly details: { gateway: string; code?: string | number; retryAfterSeconds?: number },
  ) {
    super(message);
  }
}

/** Where adapters read their settings: the environment (secrets) in an Edge Function. */
export type SettingsSource = (name: string) => string | undefined;

export function createSmsGateway(source: SettingsSource = (name) => Deno.env.get(name)): SmsGateway {
  const name = source("SMS_GATEWAY")?.trim() || "inbox";
  const adapter = Object.hasOwn(adapters, name) ? adapters[name] : undefined;
  return {
    name,
    dropsRepeats: adapter?.dropsRepeats ?? false,
    async sendSms({ to, body, reference }) {
      if (!adapter) {
        throw new SmsGatewayError(
          "misconfigured",
          `SMS_GATEWAY "${name}" is not one of: ${Object.keys(adapters).join(", ")}`,
          { gateway: name },
        );
      }
      const recipient = normaliseBdMobile(to);
      if (!recipient) {
        throw new SmsGatewayError("invalid_recipient", "not a Bangladeshi mobile number", { gateway: name });
      }
      return {
        messageId: await adapter.send({ to: recipient, body, reference }, new Settings(name, source)),
      };
    },
  };
}

interface Adapter {
  /** See {@link SmsGateway.dropsRepeats}. */
  dropsRepeats: boolean;
  /** Sends `to` (already `+8801XXXXXXXXX`) and answers the gateway's message id. */
  send(message: SmsMessage, settings: Settings): Promise<string>;
}

const adapters: Record<string, Adapter> = {
  /**
   * The local dev inbox (`devstack/inbox`): JSON `{to, body, reference}` → 201 `{id, to, body, sent_at}`, or
   * 200 with the first message when that reference came before.
   */
  inbox: {
    dropsRepeats: true,
    send: async ({ to, body, reference }, settings) => {
      const url = settings.optional("SMS_INBOX_URL", "http://127.0.0.1:54324/api/messages");
      const answer = await callGateway(
        "inbox",
        url,
        jsonPost(reference ? { to, body, reference } : { to, body }),
      );
      if (typeof answer.id === "string") return answer.id;
      throw refused("inbox", `the dev inbox refused the message: ${answer.error ?? "no reason given"}`);
    },
  },

  /**
   * SSL Wireless SMS Plus v3: JSON `{api_token, sid, msisdn, sms, csms_id}`, `csms_id` unique per message.
   * Success `{status: "SUCCESS", status_code, smsinfo: [{sms_status, reference_id, …}]}`; failure
   * `{status: "FAILED", status_code, error_message}`.
   */
  ssl_wireless: {
    dropsRepeats: true,
    send: async ({ to, body, reference }, settings) => {
      const csmsId = reference ?? newReference();
      const answer = await callGateway(
        "ssl_wireless",
        settings.optional("SSL_WIRELESS_URL", "https://smsplus.sslwireless.com/api/v3/send-sms"),
        jsonPost({
          api_token: settings.required("SSL_WIRELESS_API_TOKEN"),
          sid: settings.required("SSL_WIRELESS_SID"),
          msisdn: gatewayMsisdn(to),
          sms: body,
          csms_id: csmsId,
        }),
      );
      const info = asRecord(Array.isArray(answer.smsinfo) ? answer.smsinfo[0] : undefined);
      if (answer.status === "SUCCESS" && (info.sms_status ?? "SUCCESS") === "SUCCESS") {
        return String(info.reference_id ?? csmsId);
      }
      const reason = answer.error_message || info.status_message || "no reason given";
      throw refused("ssl_wireless", `SSL Wireless refused the message: ${reason}`, answer.status_code);
    },
  },

  /**
   * BulkSMSBD: form `{api_key, type: "text", number: 8801…, senderid, message}`, no reference of ours.
   * Success `{response_code: 202, …}`; otherwise `response_code` is an error code, with `error_message`.
   */
  bulksmsbd: {
    dropsRepeats: false,
    send: async ({ to, body }, settings) => {
      const answer = await callGateway(
        "bulksmsbd",
        settings.optional("BULKSMSBD_URL", "https://bulksmsbd.net/api/smsapi"),
        formPost({
          api_key: settings.required("BULKSMSBD_API_KEY"),
          type: "text",
          number: gatewayMsisdn(to),
          senderid: settings.required("BULKSMSBD_SENDER_ID"),
          message: body,
        }),
      );
      const code = Number(answer.response_code);
      if (code === 202) return String(answer.message_id ?? newReference());
      const reason = answer.error_message || BULKSMSBD_ERRORS[code] || "no reason given";
      const failure = code === BULKSMSBD_INVALID_NUMBER ? "invalid_recipient" : "rejected";
      throw new SmsGatewayError(failure, `BulkSMSBD refused the message (${code}): ${reason}`, {
        gateway: "bulksmsbd",
        code,
      });
    },
  },

  /**
   * sms.net.bd: form `{api_key, msg, to}` (+ `sender_id`), no reference of ours. Success
   * `{error: 0, data: {request_id}}`; its delivery report (`/report/request/<request_id>/`) needs that answer.
   */
  sms_net_bd: {
    dropsRepeats: false,
    send: async ({ to, body }, settings) => {
      const form: Record<string, string> = {
        api_key: settings.required("SMS_NET_BD_API_KEY"),
        msg: body,
        to: gatewayMsisdn(to),
      };
      const senderId = settings.optional("SMS_NET_BD_SENDER_ID", "");
      if (senderId) form.sender_id = senderId;
      const answer = await callGateway(
        "sms_net_bd",
        settings.optional("SMS_NET_BD_URL", "https://api.sms.net.bd/sendsms"),
        formPost(form),
      );
      if (answer.error === 0 || answer.error === "0") {
        return String(asRecord(answer.data).request_id ?? newReference());
      }
      const reason = answer.msg || "no reason given";
      throw refused(
        "sms_net_bd",
        `sms.net.bd refused the message (${answer.error}): ${reason}`,
        answer.error,
      );
    },
  },
};

const BULKSMSBD_INVALID_NUMBER = 1001;
/** Explanations for operators when BulkSMSBD gives a code without a message. */
const BULKSMSBD_ERRORS: Record<number, string> = {
  1001: "invalid number",
  1002: "sender id is wrong or disabled",
  1007: "insufficient balance",
  1032: "this server's IP address is not whitelisted",
};

/** Supabase Auth allows its hook 5 s per attempt: give up on the gateway before that. */
const GATEWAY_TIMEOUT_MS = 4_000;
const DEFAULT_RETRY_AFTER_SECONDS = 10;

type Json = Record<string, unknown>;

/**
 * POSTs to a gateway. No connection becomes `unavailable`; a timeout, a dropped connection or a 5xx
 * `unknown` (the gateway may have taken the message); 429 `throttled`; any other
 * answer must be a JSON object, which the adapter interprets (gateways report refusals in the body).
 */
async function callGateway(gateway: string, url: string, init: RequestInit): Promise<Json> {
  let status: number, retryAfter: string | null, text: string;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS) });
    ({ status } = response);
    retryAfter = response.headers.get("retry-after");
    text = await response.text();
  } catch (error) {
    const reason = fetchFailureText(error);
    const [failure, what] = requestNeverLeft(error)
      ? ["unavailable", "could not be reached"] as const
      : ["unknown", "did not answer in full"] as const;
    throw new SmsGatewayError(failure, `${gateway} ${what}: ${reason}`, {
      gateway,
      retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
    });
  }
  if (status === 429 || status >= 500) {
    // 429 refuses the request; a 5xx may come after the gateway queued the message.
    const failure = status === 429 ? "throttled" : "unknown";
    throw new SmsGatewayError(failure, `${gateway} answered HTTP ${status}`, {
      gateway,
      code: status,
      retryAfterSeconds: parseRetryAfter(retryAfter),
    });
  }
  try {
    const answer = JSON.parse(text);
    if (answer && typeof answer === "object" && !Array.isArray(answer)) return answer;
  } catch {
    // reported below
  }
  throw refused(gateway, `${gateway} answered HTTP ${status} with an unexpected body: ${text.slice(0, 200)}`);
}

class Settings {
  constructor(private readonly gateway: string, private readonly source: SettingsSource) {}

  required(name: string): string {
    const value = this.source(name)?.trim();
    if (value) return value;
    throw new SmsGatewayError("misconfigured", `SMS gateway "${this.gateway}" needs the setting ${name}`, {
      gateway: this.gateway,
    });
  }

  optional(name: string, fallback: string): string {
    return this.source(name)?.trim() || fallback;
  }
}

function refused(gateway: string, message: string, code?: unknown): SmsGatewayError {
  const known = typeof code === "number" || typeof code === "string";
  return new SmsGatewayError("rejected", message, known ? { gateway, code } : { gateway });
}

function jsonPost(body: Json): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  };
}

function formPost(fields: Record<string, string>): RequestInit {
  return { method: "POST", headers: { accept: "application/json" }, body: new URLSearchParams(fields) };
}

function asRecord(value: unknown): Json {
  return value && typeof value === "object" && !Array.isArray(value) ? value as Json : {};
}

/** Our own id for a message, for gateways that want one (`csms_id`) or do not return theirs. */
function newReference(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(0, 20);
}

/** `Retry-After` is either delay-seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  return DEFAULT_RETRY_AFTER_SECONDS;
}
