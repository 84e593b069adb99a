/**
 * Delivers phone codes through the Send-SMS hook, as GoTrue does: POST `{user, sms: {otp, phone}}` to the
 * hook URI, signed per Standard Webhooks. Success is 204, or a 200/202 JSON body without `error`; an
 * `error: {http_code, message}` in such a body is the hook's verdict and reaches the client. 429/503 with
 * `retry-after` are retried; any other answer is the hook failing. The client learns what failed, never
 * the hook's address: that and the details go to the server log.
 */
import { Webhook } from "standardwebhooks";
import { AuthError, badRequest, unexpectedFailure, unprocessable } from "./errors.ts";
import type { UserJson } from "./users.ts";

const TIMEOUT_MS = 5_000;
const ATTEMPTS = 3;
const BACKOFF_MS = 1_000;
/** GoTrue's prefix for symmetric secrets; the library itself expects `whsec_…`. */
const SYMMETRIC_PREFIX = "v1,";

export class SendSmsHook {
  readonly #signers: Webhook[];

  constructor(readonly uri: string, secrets: string[]) {
    this.#signers = secrets.map((secret) => {
      if (!secret.startsWith(SYMMETRIC_PREFIX)) {
        throw new Error("[auth.hook.send_sms] secrets must look like v1,whsec_<base64>");
      }
      return new Webhook(secret.slice(SYMMETRIC_PREFIX.length));
    });
  }

  /** Texts `otp` to `phone`: the user's number, or the new one a phone change is proving. */
  async send(user: UserJson, phone: string, otp: string): Promise<void> {
    const payload = JSON.stringify({ user, sms: { otp, phone } });
    const deadline = Date.now() + TIMEOUT_MS;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      let response: Response;
      try {
        response = await fetch(this.uri, {
          method: "POST",
          headers: this.#headers(payload),
          body: payload,
          signal: AbortSignal.timeout(Math.max(deadline - Date.now(), 1)),
        });
      } catch (error) {
        if (Date.now() >= deadline) {
          throw this.#failed(
            String(error),
            unprocessable("hook_timeout", "The SMS hook did not answer in time"),
          );
        }
        if (attempt === ATTEMPTS || Date.now() + BACKOFF_MS >= deadline) {
          throw this.#failed(
            String(error),
            unprocessable("hook_timeout_after_retry", "The SMS hook could not be reached"),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS));
        continue;
      }
      if (response.status === 429 || response.status === 503) {
        await response.body?.cancel();
        if (response.headers.has("retry-after") && attempt < ATTEMPTS) continue;
        throw this.#failed(`status ${response.status}`, unexpectedFailure("The SMS service is unavailable"));
      }
      return await this.#accept(response);
    }
  }

  #headers(payload: string): Headers {
    const id = crypto.randomUUID();
    const timestamp = new Date();
    return new Headers({
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
      "webhook-signature": this.#signers.map((signer) => signer.sign(id, timestamp, payload)).join(" "),
    });
  }

  async #accept(response: Response): Promise<void> {
    const body = await response.text();
    if (![200, 202, 204].includes(response.status)) {
      throw this.#failed(
        `status ${response.status}: ${body.slice(0, 500)}`,
        unexpectedFailure(`The SMS hook failed (status ${response.status})`),
      );
    }
    if (response.status === 204) return;
    const invalidAnswer = (detail: string) =>
      this.#failed(
        detail,
        badRequest("hook_payload_invalid_content_type", "The SMS hook's answer is not JSON"),
      );
    if (!/^application\/json\b/i.test(response.headers.get("content-type") ?? "")) {
      throw invalidAnswer(`a ${response.status} answer needs content-type application/json`);
    }
    let answer: { error?: { http_code?: unknown; message?: unknown } } | null = null;
    try {
      answer = body ? JSON.parse(body) : null;
    } catch {
      throw invalidAnswer(`the answer is not JSON: ${body.slice(0, 200)}`);
    }
    const verdict = answer?.error;
    if (verdict && typeof verdict.message === "string" && verdict.message) {
      // The hook's own verdict reaches the client, as in GoTrue; a status that is not an error is a 500.
      const code = verdict.http_code;
      const status = Number.isInteger(code) && Number(code) >= 400 && Number(code) <= 599
        ? Number(code)
        : 500;
      throw new AuthError(status, status === 500 ? "unexpected_failure" : "unknown", verdict.message);
    }
  }

  /** Logs what went wrong, with the hook's address, and returns what the client may be told. */
  #failed(detail: string, told: AuthError): AuthError {
    console.error(`[auth] Send-SMS hook ${this.uri} failed: ${detail}`);
    return told;
  }
}
