/**
 * Delivers sign-in codes through the Send-SMS hook, as GoTrue does: POST `{user, sms: {otp}}` to the hook
 * URI, signed per Standard Webhooks. Success is 204, or a 2xx with a JSON body that carries no `error`.
 * 429/503 with `retry-after` are retried; any other answer fails the sign-in request.
 */
import { Webhook } from "standardwebhooks";
import { AuthError, unexpectedFailure } from "./errors.ts";
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

  async send(user: UserJson, otp: string): Promise<void> {
    const payload = JSON.stringify({ user, sms: { otp } });
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
        if (attempt === ATTEMPTS || Date.now() + BACKOFF_MS >= deadline) throw this.#failure(String(error));
        await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS));
        continue;
      }
      if (response.status === 429 || response.status === 503) {
        await response.body?.cancel();
        if (response.headers.has("retry-after") && attempt < ATTEMPTS) continue;
        throw this.#failure(`status ${response.status}`);
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
      throw this.#failure(`status ${response.status}: ${body.slice(0, 500)}`);
    }
    if (response.status === 204) return;
    if (!/^application\/json\b/i.test(response.headers.get("content-type") ?? "")) {
      throw this.#failure(`a ${response.status} answer needs content-type application/json`);
    }
    let answer: { error?: { http_code?: number; message?: string } } | null = null;
    try {
      answer = body ? JSON.parse(body) : null;
    } catch {
      throw this.#failure(`the answer is not JSON: ${body.slice(0, 200)}`);
    }
    const hookError = answer?.error;
    if (hookError && (hookError.message || hookError.http_code)) {
      // The hook's own verdict reaches the client, as in GoTrue.
      const status = hookError.http_code || 500;
      throw new AuthError(status, status === 500 ? "unexpected_failure" : "unknown", hookError.message ?? "");
    }
  }

  #failure(detail: string): AuthError {
    console.error(`[auth] Send-SMS hook ${this.uri} failed: ${detail}`);
    return unexpectedFailure(`Error running hook URI: ${this.uri}`);
  }
}
