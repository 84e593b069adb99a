/**
 * GET /admin/complaints/export?<the queue's filters>: the queue as a CSV file (UTF-8 with BOM, dates in
 * ISO 8601 Bangladesh time), every row of the person's scope under those filters, streamed.
 */
import type { Handlers } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import { HttpError } from "@/lib/http/errors.ts";
import { readQueueQuery } from "@/lib/staff/queue_query.ts";
import { queueCsv } from "@/lib/staff/queue_export.ts";

export const handler: Handlers<unknown, StaffState> = {
  GET(_req, ctx) {
    const { query, errors } = readQueueQuery(ctx.url.searchParams);
    if (Object.keys(errors).length > 0) throw new HttpError(400, "queue.export.bad_filters");
    const { session, t, locale } = ctx.state;
    const day = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);
    return new Response(queueCsv(session, { ...query, after: undefined }, t, locale), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="complaints-${day}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  },
};
