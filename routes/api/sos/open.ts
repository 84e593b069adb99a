/**
 * GET /api/sos/open: the open SOS reports in the staff member's wards (all for super admins), newest
 * first, each with a short label in their language, for the live alert on the staff pages. RLS decides
 * what they read; citizens get an empty list.
 */
import type { Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { json } from "@/lib/http/json.ts";
import { listOpenSos } from "@/lib/emergency/repository.ts";
import { loadWards, wardName } from "@/lib/wards.ts";

export interface OpenSos {
  id: string;
  label: string;
  status: string;
  created_at: string;
}

export const handler: Handlers<unknown, SignedInState> = {
  async GET(_req, ctx) {
    const { t, locale, session } = ctx.state;
    if (session.user.role !== "ward_admin" && session.user.role !== "super_admin") return json([]);
    const [reports, wards] = await Promise.all([listOpenSos(session), loadWards()]);
    const names = new Map(wards.map((ward) => [ward.id, wardName(ward, locale)]));
    const open: OpenSos[] = reports.map((report) => ({
      id: report.id,
      label: t("sos.admin.alert", {
        kind: t(`sos.kind.${report.kind}`),
        ward: names.get(report.ward_id) ?? "",
      }),
      status: report.status,
      created_at: report.created_at,
    }));
    return json(open);
  },
};
