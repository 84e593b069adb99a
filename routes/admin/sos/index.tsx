/**
 * The SOS desk: open reports in the staff member's wards, newest first, each with the sender's number to
 * call back, its place, and plain forms to acknowledge it or close it with an outcome. The live alert
 * above the list announces new reports as they arrive.
 */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { displayPhone } from "@/lib/phone.ts";
import {
  handleSos,
  listOpenSos,
  parseSosAction,
  SOS_OUTCOMES,
  type SosReport,
} from "@/lib/emergency/repository.ts";
import { loadWards, type Ward, wardLabel } from "@/lib/wards.ts";
import { SosDesk } from "@/components/emergency/SosDesk.tsx";
import { INPUT, LabelledControl } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface SosDeskData {
  reports: SosReport[];
  wards: Ward[];
  error?: { id: string; message: MessageKey };
}

async function load(state: StaffState) {
  const [reports, wards] = await Promise.all([listOpenSos(state.session), loadWards()]);
  return { reports, wards };
}

export const handler: Handlers<SosDeskData, StaffState> = {
  async GET(_req, ctx) {
    return ctx.render(await load(ctx.state));
  },

  async POST(req, ctx) {
    const form = await readForm(req);
    const id = String(form.get("id") ?? "");
    if (!isUuid(id)) return ctx.render(await load(ctx.state), { status: 400 });
    const parsed = parseSosAction(form);
    if (!parsed.ok) {
      return ctx.render({ ...await load(ctx.state), error: { id, message: parsed.error } }, { status: 422 });
    }
    if (!await handleSos(ctx.state.session, id, parsed.action)) {
      return ctx.render({ ...await load(ctx.state), error: { id, message: "sos.admin.error.changed" } }, {
        status: 409,
      });
    }
    return redirect(`/admin/sos?done=${parsed.action.status}`);
  },
};

export default function SosDeskPage({ data, state, url }: PageProps<SosDeskData, StaffState>) {
  const { t, locale } = state;
  const done = url.searchParams.get("done");
  const byId = new Map(data.wards.map((ward) => [ward.id, ward]));
  return (
    <>
      <PageTitle title={t("sos.admin.title")} state={state} />
      <PageHeading title={t("sos.admin.title")} lead={t("sos.admin.lead")} />
      {(done === "acknowledged" || done === "closed") && (
        <Notice kind="info">{t(`sos.admin.done.${done}`)}</Notice>
      )}
      <SosDesk state={state} initial={[]} />
      <ul class="space-y-4">
        {data.reports.map((report) => {
          const ward = byId.get(report.ward_id);
          return (
            <li id={`sos-${report.id}`} class="p-4 rounded-lg bg-white border-2 border-red-700">
              <p class="text-lg font-bold">
                {t(`sos.kind.${report.kind}`)} · {ward ? wardLabel(ward, t, locale) : ""}
              </p>
              <p class="text-sm text-gray-700">
                {formatDate(report.created_at, locale, "dateTime")} · {t(`sos.step.${report.status}`)}
              </p>
              {report.citizen_phone && (
                <p class="mt-2">
                  <a href={`tel:${report.citizen_phone}`} class={LINK}>
                    {t("sos.admin.caller", { phone: displayPhone(report.citizen_phone, locale) })}
                  </a>
                </p>
              )}
              {report.latitude !== null && (
                <p>
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${report.latitude}&mlon=${report.longitude}#map=18/${report.latitude}/${report.longitude}`}
                    class={LINK}
                    rel="noopener noreferrer"
                  >
                    {t("sos.admin.location")}
                  </a>
                </p>
              )}
              {report.details && <p class="mt-2 whitespace-pre-line">{report.details}</p>}
              {data.error?.id === report.id && <Notice kind="error">{t(data.error.message)}</Notice>}
              <div class="mt-3 flex flex-wrap gap-4 items-end">
                {report.status === "sent" && (
                  <form method="post">
                    <input type="hidden" name="id" value={report.id} />
                    <input type="hidden" name="action" value="acknowledge" />
                    <button type="submit" class={BUTTON_PRIMARY}>{t("sos.admin.acknowledge")}</button>
                  </form>
                )}
                <form method="post" class="flex-1 min-w-[240px] space-y-2">
                  <input type="hidden" name="id" value={report.id} />
                  <input type="hidden" name="action" value="close" />
                  <LabelledControl label={t("sos.admin.outcome")}>
                    <select name="outcome" class={INPUT} required>
                      <option value="" />
                      {SOS_OUTCOMES.map((outcome) => (
                        <option value={outcome}>{t(`sos.outcome.${outcome}`)}</option>
                      ))}
                    </select>
                  </LabelledControl>
                  <LabelledControl label={t("sos.admin.note")}>
                    <input name="outcome_note" maxLength={500} class={INPUT} />
                  </LabelledControl>
                  <button type="submit" class={BUTTON_SECONDARY}>{t("sos.admin.close")}</button>
                </form>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
