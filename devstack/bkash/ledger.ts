/**
 * What the local bKash sandbox remembers: tokens, payments and refunds, as bKash's tokenized checkout keeps
 * them. Kept in memory and written to `<state>/bkash/ledger.json` after every change, so a payment made
 * before a restart can still be queried (reconciliation depends on that).
 */

/** bKash's payment states as `payment/status` reports them. */
export type BkashTransactionStatus = "Initiated" | "Completed" | "Failed" | "Cancelled" | "Expired";

export interface SandboxRefund {
  refundTrxID: string;
  sku: string;
  amount: string;
  reason: string;
  completedTime: string;
}

export interface SandboxPayment {
  paymentID: string;
  amount: string;
  currency: string;
  intent: string;
  merchantInvoiceNumber: string;
  payerReference: string;
  callbackURL: string;
  createdAt: number;
  transactionStatus: BkashTransactionStatus;
  /** Where the payer is on the checkout page. */
  step: "wallet" | "otp" | "pin" | "done";
  /** The payer authorised it with wallet, OTP and PIN: `execute` may complete it. */
  authorised: boolean;
  customerMsisdn?: string;
  wrongPins: number;
  executing: boolean;
  trxID?: string;
  executedAt?: number;
  failureCode?: string;
  refunds: SandboxRefund[];
}

export interface SandboxToken {
  idToken: string;
  refreshToken: string;
  expiresAt: number;
}

interface Snapshot {
  payments: SandboxPayment[];
  trxCounter: number;
}

export class SandboxLedger {
  readonly payments = new Map<string, SandboxPayment>();
  readonly tokens = new Map<string, SandboxToken>();
  /** Token grants and refreshes so far (tests check the function caches its token). */
  readonly counts = { grants: 0, refreshes: 0 };
  #trxCounter = 0;

  private constructor(private readonly file: string | undefined) {}

  static async open(file?: string): Promise<SandboxLedger> {
    const ledger = new SandboxLedger(file);
    if (file) {
      try {
        const snapshot = JSON.parse(await Deno.readTextFile(file)) as Snapshot;
        // An answer under way when the sandbox stopped was never sent.
        for (const payment of snapshot.payments) {
          ledger.payments.set(payment.paymentID, { ...payment, executing: false });
        }
        ledger.#trxCounter = snapshot.trxCounter;
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      }
    }
    return ledger;
  }

  /** A new bKash-style transaction id: ten upper-case letters and digits (for counters below 36⁴). */
  nextTrxId(prefix: string): string {
    this.#trxCounter += 1;
    const random = crypto.getRandomValues(new Uint8Array(4));
    const tail = [...random].map((byte) => "ABCDEFGHJKLMNPQRSTUVWXYZ"[byte % 24]).join("");
    return `${prefix}${this.#trxCounter.toString(36).toUpperCase().padStart(4, "0")}${tail}`;
  }

  findByTrxId(trxID: string): SandboxPayment | undefined {
    for (const payment of this.payments.values()) if (payment.trxID === trxID) return payment;
    return undefined;
  }

  async save(): Promise<void> {
    if (!this.file) return;
    const snapshot: Snapshot = { payments: [...this.payments.values()], trxCounter: this.#trxCounter };
    const temporary = `${this.file}.tmp`;
    await Deno.writeTextFile(temporary, JSON.stringify(snapshot));
    await Deno.rename(temporary, this.file);
  }
}

/** bKash's time format: `2026-12-03T14:05:09:123 GMT+0600` (Bangladesh time). */
export function bkashTime(at: number): string {
  const dhaka = new Date(at + 6 * 3600_000).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ in UTC+6
  return `${dhaka.slice(0, 19)}:${dhaka.slice(20, 23)} GMT+0600`;
}
