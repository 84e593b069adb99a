/**
 * bKash Tokenized Checkout (v1.2.0-beta) as the `bkash` function calls it: the one place that knows bKash's
 * paths, headers and field names (see ../shared/design/integrations.md). Switching between the local
 * sandbox, bKash's sandbox and production is `BKASH_BASE_URL` and the four credentials, nothing else.
 *
 * The token is granted once and reused, kept in a `TokenStore` that every instance of the function shares,
 * refreshed ten minutes before it expires (bKash blocks callers who refresh more than twice an hour: past
 * that, a new grant), and granted again when bKash says it is no longer valid. Every call, answered or not, is
 * passed to `onExchange` with its secrets removed, for the payment's event log.
 */

export interface BkashCredentials {
  baseUrl: string;
  username: string;
  password: string;
  appKey: string;
  appSecret: string;
}

/** What a call is about, passed through to `onExchange`. */
export interface ExchangeContext {
  paymentId?: string;
  refundId?: string;
  /** The signed-in person the call is made for, when one asked (not the payer's callback or reconciliation). */
  actorId?: string;
}

/** One call to bKash as it goes into the payment's events (no secrets). */
export interface BkashExchange extends ExchangeContext {
  api: string;
  httpStatus: number | null;
  request: Record<string, unknown>;
  response: Record<string, unknown> | null;
  note?: string;
}

/** bKash's answer: its fields, `statusCode` "0000" on success. */
export type BkashAnswer = Record<string, unknown> & { statusCode?: string; statusMessage?: string };

/** No usable answer came: a timeout, a dropped connection, a body that is not JSON, a 5xx. */
export class BkashUnreachable extends Error {}

const REFRESH_MARGIN_MS = 10 * 60_000;
const SECRET_FIELDS = ["app_key", "app_secret", "refresh_token", "id_token", "password", "username"];

export function credentialsFromEnv(env: { get(name: string): string | undefined }): BkashCredentials {
  const need = (name: string) => {
    const value = env.get(name);
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  return {
    baseUrl: need("BKASH_BASE_URL").replace(/\/+$/, ""),
    username: need("BKASH_USERNAME"),
    password: need("BKASH_PASSWORD"),
    appKey: need("BKASH_APP_KEY"),
    appSecret: need("BKASH_APP_SECRET"),
  };
}

function withoutSecrets(body: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!body) return body;
  return Object.fromEntries(Object.entries(body).filter(([key]) => !SECRET_FIELDS.includes(key)));
}

export interface Token {
  idToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** Refreshes within the last hour. */
  refreshesLastHour: number;
}

/** Where the token lives between calls and instances (the database, for the function). */
export interface TokenStore {
  load(): Promise<Token | null>;
  save(
    token: { idToken: string; refreshToken: string; expiresInSeconds: number },
    refreshed: boolean,
  ): Promise<void>;
}

const MAX_REFRESHES_PER_HOUR = 2;

export class BkashClient {
  /** The token this instance last used; the store is asked again when it nears expiry. */
  #token?: Promise<Token>;

  constructor(
    private readonly credentials: BkashCredentials,
    private readonly tokens: TokenStore,
    private readonly onExchange: (exchange: BkashExchange) => Promise<void>,
    private readonly timeoutMs = 30_000,
  ) {}

  create(
    body: { amount: string; merchantInvoiceNumber: string; payerReference: string; callbackURL: string },
    context: ExchangeContext,
  ): Promise<BkashAnswer> {
    return this.#call("create", { mode: "0011", currency: "BDT", intent: "sale", ...body }, context);
  }

  execute(paymentID: string, context: ExchangeContext): Promise<BkashAnswer> {
    return this.#call("execute", { paymentID }, context);
  }

  status(paymentID: string, context: ExchangeContext): Promise<BkashAnswer> {
    return this.#call("payment/status", { paymentID }, context);
  }

  search(trxID: string, context: ExchangeContext): Promise<BkashAnswer> {
    return this.#call("general/searchTransaction", { trxID }, context);
  }

  refund(
    body: { paymentID: string; trxID: string; amount: string; sku: string; reason: string },
    context: ExchangeContext,
  ): Promise<BkashAnswer> {
    return this.#call("payment/refund", body, context);
  }

  /** The same call without an amount: the refund bKash last made for this payment. */
  refundStatus(body: { paymentID: string; trxID: string }, context: ExchangeContext): Promise<BkashAnswer> {
    return this.#call("payment/refund", body, context);
  }

  async #call(
    api: string,
    body: Record<string, unknown>,
    context: ExchangeContext,
    retried = false,
  ): Promise<BkashAnswer> {
    const token = await this.#currentToken();
    const { status, answer } = await this.#post(api, body, {
      Authorization: token.idToken,
      "X-App-Key": this.credentials.appKey,
    }, context);
    if (status === 401 && !retried) {
      // Expired or revoked early: one fresh grant, then the call once more.
      this.#token = this.#grant();
      await this.#token;
      return await this.#call(api, body, context, true);
    }
    if (status !== 200 || !answer) throw new BkashUnreachable(`bKash answered ${api} with HTTP ${status}`);
    return answer;
  }

  #currentToken(): Promise<Token> {
    const fresh = (token: Token | null) => !!token && token.expiresAt - REFRESH_MARGIN_MS > Date.now();
    this.#token = (this.#token ?? Promise.resolve(null)).catch(() => null).then(async (held) => {
      if (held && fresh(held)) return held;
      const stored = await this.tokens.load(); // another instance may have renewed it
      if (stored && fresh(stored)) return stored;
      if (stored && stored.expiresAt > Date.now() && stored.refreshesLastHour < MAX_REFRESHES_PER_HOUR) {
        return await this.#refresh(stored).catch(() => this.#grant());
      }
      return await this.#grant();
    });
    const current = this.#token;
    current.catch(() => {
      if (this.#token === current) this.#token = undefined; // the next call tries again
    });
    return current;
  }

  #grant(): Promise<Token> {
    return this.#tokenCall("token/grant", {}, false);
  }

  #refresh(token: Token): Promise<Token> {
    return this.#tokenCall("token/refresh", { refresh_token: token.refreshToken }, true);
  }

  async #tokenCall(api: string, extra: Record<string, unknown>, refreshed: boolean): Promise<Token> {
    const { status, answer } = await this.#post(
      api,
      {
        app_key: this.credentials.appKey,
        app_secret: this.credentials.appSecret,
        ...extra,
      },
      { username: this.credentials.username, password: this.credentials.password },
      {},
    );
    if (status !== 200 || answer?.statusCode !== "0000" || typeof answer.id_token !== "string") {
      throw new BkashUnreachable(`bKash refused ${api}: HTTP ${status} ${answer?.statusCode ?? ""}`);
    }
    const expiresInSeconds = Number(answer.expires_in ?? 3600);
    const token = { idToken: answer.id_token, refreshToken: String(answer.refresh_token), expiresInSeconds };
    await this.tokens.save(token, refreshed);
    return {
      ...token,
      expiresAt: Date.now() + expiresInSeconds * 1000,
      refreshesLastHour: refreshed ? 1 : 0,
    };
  }

  async #post(
    api: string,
    body: Record<string, unknown>,
    headers: Record<string, string>,
    context: ExchangeContext,
  ): Promise<{ status: number; answer: BkashAnswer | null }> {
    let status: number | null = null;
    let answer: BkashAnswer | null = null;
    let note: string | undefined;
    try {
      const response = await fetch(`${this.credentials.baseUrl}/${api}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      const parsed = await response.json();
      answer = typeof parsed === "object" && parsed !== null ? parsed : null;
      return { status, answer };
    } catch (error) {
      note = `no usable answer: ${(error as Error).message}`.slice(0, 300);
      throw new BkashUnreachable(note);
    } finally {
      await this.onExchange({
        ...context,
        api,
        httpStatus: status,
        request: withoutSecrets(body)!,
        response: withoutSecrets(answer),
        note,
      }).catch((error) => console.error(`bkash: could not log ${api}: ${(error as Error).message}`));
    }
  }
}
