/** GET /api/sos/<id>: the report's progress as its sender (or the ward's staff) may see it, for the live page. */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { json } from "@/lib/http/json.ts";
import { getSos } from "@/lib/emergency/repository.ts";

export const handler: Handlers<unknown, SignedInState> = {
  async GET(_req, ctx) {
    const { t, session } = ctx.state;
    const report = isUuid(ctx.params.id) ? await getSos(session, ctx.params.id) : null;
    if (!report) return json({ error: t("error.not_found_title") }, 404);
    const { status, outcome, outcome_note, created_at, acknowledged_at, closed_at } = report;
    return json({ status, outcome, outcome_note, created_at, acknowledged_at, closed_at });
  },
};
