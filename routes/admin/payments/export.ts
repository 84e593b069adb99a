/** GET /admin/payments/export?<the list's filters>: every payment under them as CSV, streamed. */
import type { Handlers } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { HttpError } from "@/lib/http/errors.ts";
import { paymentsCsv, readPaymentFilters } from "@/lib/payments/admin.ts";

export const handler: Handlers<unknown, StaffState> = {
  GET(_req, ctx) {
    const { filters, ok } = readPaymentFilters(ctx.url.searchParams);
    if (!ok) throw new HttpError(400, "payments_admin.filter.bad");
    const { session, t } = ctx.state;
    const day = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);
    return new Response(paymentsCsv(session, filters, t), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="payments-${day}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  },
};
