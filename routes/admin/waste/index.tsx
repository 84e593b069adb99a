/**
 * The bulky pickup queue: requests waiting in the staff member's wards, soonest first, with plain forms
 * to set the day (within the citizen's dates), mark collected, or decline with a note.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { formatDate } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { isUuid } from "@/lib/complaints/repository.ts";
import { movePickup, parseStep, pickupQueue, type PickupRequest } from "@/lib/waste/repository.ts";
import { loadWards, type Ward, wardLabel } from "@/lib/wards.ts";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface QueueData {
  requests: PickupRequest[];
  wards: Ward[];
  error?: { id: string; message: MessageKey };
}

async function load(state: StaffState): Promise<QueueData> {
  const [requests, wards] = await Promise.all([pickupQueue(state.session), loadWards()]);
  return { requests, wards };
}

export const handler: Handlers<QueueData, StaffState> = {
  async GET(_req, ctx) {
    return ctx.render(await load(ctx.state));
  },

  async POST(req, ctx) {
    const form = await readForm(req);
    const id = String(form.get("id") ?? "");
    if (!isUuid(id)) return ctx.render(await load(ctx.state), { status: 400 });
    const parsed = parseStep(form);
    const fail = async (message: MessageKey, status: number) =>
      ctx.render({ ...await load(ctx.state), error: { id, message } }, { status });
    if (!parsed.ok) return fail(parsed.error, 422);
    const moved = await movePickup(ctx.state.session, id, parsed.step);
    if (moved === "outside") return fail("waste.admin.error.date", 422);
    if (moved === "stale") return fail("waste.admin.error.stale", 409);
    return redirect("/admin/waste?done=1");
  },
};

export default function WasteQueuePage({ data, state, url }: PageProps<QueueData, StaffState>) {
  const { t, locale } = state;
  const byId = new Map(data.wards.map((ward) => [ward.id, ward]));
  const date = (day: string) => formatDate(`${day}T12:00:00+06:00`, locale);
  const input = "mt-1 block w-full min-h-[48px] px-3 rounded-lg border-2 border-gray-400 bg-white";
  return (
    <>
      <PageTitle title={t("waste.admin.title")} state={state} />
      <PageHeading title={t("waste.pickup.title")} lead={t("waste.admin.lead")} />
      {url.searchParams.has("done") && <Notice kind="info">{t("waste.admin.done")}</Notice>}
      {data.requests.length === 0 ? <p>{t("waste.admin.none")}</p> : (
        <ul class="space-y-4">
          {data.requests.map((request) => {
            const ward = byId.get(request.ward_id);
            return (
              <li id={`pickup-${request.id}`} class="p-4 rounded-lg bg-white border border-gray-200">
                <p class="font-bold">
                  {t(`waste.pickup.status.${request.status}`)} · {ward ? wardLabel(ward, t, locale) : ""}
                </p>
                <p class="whitespace-pre-line">{request.items}</p>
                <p>{request.address}</p>
                <p class="text-sm text-gray-700">
                  {t("waste.pickup.window", {
                    from: date(request.window_start),
                    to: date(request.window_end),
                  })}
                  {request.scheduled_for &&
                    ` · ${t("waste.pickup.scheduled_for", { date: date(request.scheduled_for) })}`}
                </p>
                {data.error?.id === request.id && <Notice kind="error">{t(data.error.message)}</Notice>}
                <div class="mt-3 grid gap-4 md:grid-cols-2">
                  <form method="post" class="space-y-2">
                    <input type="hidden" name="id" value={request.id} />
                    {request.status === "requested"
                      ? (
                        <>
                          <input type="hidden" name="status" value="scheduled" />
                          <label class="block">
                            <span class="font-bold">{t("waste.admin.date")}</span>
                            <input
                              type="date"
                              name="scheduled_for"
                              min={request.window_start}
                              max={request.window_end}
                              class={input}
                            />
                          </label>
                          <label class="block">
                            <span class="font-bold">{t("waste.admin.note")}</span>
                            <input name="staff_note" maxLength={500} class={input} />
                          </label>
                          <button type="submit" class={BUTTON_PRIMARY}>{t("waste.admin.schedule")}</button>
                        </>
                      )
                      : (
                        <>
                          <input type="hidden" name="status" value="collected" />
                          <input type="hidden" name="staff_note" value={request.staff_note ?? ""} />
                          <button type="submit" class={BUTTON_PRIMARY}>{t("waste.admin.collected")}</button>
                        </>
                      )}
                  </form>
                  <form method="post" class="space-y-2">
                    <input type="hidden" name="id" value={request.id} />
                    <input type="hidden" name="status" value="declined" />
                    <label class="block">
                      <span class="font-bold">{t("waste.admin.note")}</span>
                      <input name="staff_note" maxLength={500} class={input} />
                    </label>
                    <button type="submit" class={BUTTON_SECONDARY}>{t("waste.admin.decline")}</button>
                  </form>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
