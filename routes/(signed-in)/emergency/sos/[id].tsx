/** The sender's SOS: what they sent and its steps, live. */
import { isUuid } from "@/lib/validation.ts";
import { defineRoute } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { config } from "@/lib/config.ts";
import { formatDate, islandMessages } from "@/lib/i18n/mod.ts";
import { getSos } from "@/lib/emergency/repository.ts";
import { loadWards, wardLabel } from "@/lib/wards.ts";
import { LifeDanger } from "@/components/emergency/LifeDanger.tsx";
import SosLiveStatus from "@/islands/SosLiveStatus.tsx";
import { Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<SignedInState>(async (_req, ctx) => {
  const { t, locale, session } = ctx.state;
  const id = ctx.params.id;
  const [report, wards] = await Promise.all([isUuid(id) ? getSos(session, id) : null, loadWards()]);
  if (!report) return ctx.renderNotFound();
  const ward = wards.find((candidate) => candidate.id === report.ward_id);
  return (
    <>
      <PageTitle title={t("sos.status_title")} state={ctx.state} />
      <PageHeading
        title={t("sos.status_title")}
        lead={`${t(`sos.kind.${report.kind}`)} · ${ward ? wardLabel(ward, t, locale) : ""} · ${
          t("sos.sent_at", { date: formatDate(report.created_at, locale, "dateTime") })
        }`}
      />
      {ctx.url.searchParams.has("sent") && <Notice kind="info">{t("sos.sent_notice")}</Notice>}
      <LifeDanger state={ctx.state} />
      <SosLiveStatus
        id={report.id}
        initial={report}
        locale={locale}
        messages={islandMessages(locale, [
          "sos.step.",
          "sos.step_done",
          "sos.step_waiting",
          "sos.live",
          "sos.status_changed",
          "sos.outcome",
          "sos.outcome.",
        ])}
        supabaseUrl={config.supabaseUrl}
        anonKey={config.supabaseAnonKey}
      />
    </>
  );
});
