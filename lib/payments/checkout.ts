/** Sending the payer on to bKash once their payment exists: the step every pay and donate form ends with. */
import type { UserSession } from "../auth/session.ts";
import { redirect } from "../http/redirect.ts";
import { checkoutUrl, PaymentRefused } from "./repository.ts";

/**
 * 303 to bKash's checkout page for the payment (the one off-site redirect the app makes: its target comes
 * from the bkash function, never from the request); when bKash cannot be reached, to the payment's own page,
 * which says so and offers to continue.
 */
export async function redirectToBkash(session: UserSession, paymentId: string): Promise<Response> {
  try {
    const target = new URL(await checkoutUrl(session, paymentId));
    if (target.protocol !== "https:" && target.protocol !== "http:") {
      throw new PaymentRefused("payments.error.bkash_unavailable");
    }
    return new Response(null, { status: 303, headers: { location: target.href } });
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    return redirect(`/payments/${paymentId}?problem=${encodeURIComponent(error.messageKey)}`);
  }
}
