/**
 * The bulky pickup queue: requests waiting in the staff member's wards, soonest first, with plain forms
 * to set the day (within the citizen's dates), mark collected, or decline with a note.
 */
import { isUuid } from "@/lib/validation.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { StaffState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { formatDate, localDigits } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import {
  addSchedule,
  clock,
  loadSchedule,
  movePickup,
  parseStep,
  pickupQueue,
  type PickupRequest,
  removeSchedule,
  type ScheduleEntry,
  WASTE_STREAMS,
} from "@/lib/waste/repository.ts";
import { choosableWards, chosenWard } from "@/lib/staff/ward_choice.ts";
import { WEEKDAYS } from "@/components/waste/NextCollection.tsx";
import { loadWards, type Ward, wardLabel } from "@/lib/wards.ts";
import { WardChooser } from "@/components/WardChooser.tsx";
import { INPUT, LabelledControl } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { RemoveForm } from "@/components/RemoveForm.tsx";

interface QueueData {
  requests: PickupRequest[];
  wards: Ward[];
  /** The ward whose schedule is shown, and its windows. */
  ward?: Ward;
  choosable: Ward[];
  schedule: ScheduleEntry[];
  error?: { id: string; message: MessageKey };
}

async function load(state: StaffState, url: URL): Promise<QueueData> {
  const [requests, wards] = await Promise.all([pickupQueue(state.session), loadWards()]);
  const choosable = choosableWards(state.session, wards);
  const ward = chosenWard(choosable, url.searchParams.get("ward"));
  return { requests, wards, ward, choosable, schedule: ward ? await loadSchedule(ward.id) : [] };
}

export const handler: Handlers<QueueData, StaffState> = {
  async GET(_req, ctx) {
    return ctx.render(await load(ctx.state, ctx.url));
  },

  async POST(req, ctx) {
    const { session } = ctx.state;
    const form = await readForm(req);
    const back = redirect(
      `/admin/waste?ward=${encodeURIComponent(String(form.get("ward_id") ?? ""))}&done=1`,
    );
    const id = String(form.get("id") ?? "");
    const fail = async (message: MessageKey, status: number) =>
      ctx.render({ ...await load(ctx.state, ctx.url), error: { id, message } }, { status });
    if (form.get("action") === "schedule_add") {
      const refused = await addSchedule(session, form);
      return refused ? fail(refused, 422) : back;
    }
    if (form.get("action") === "schedule_remove") {
      return await removeSchedule(session, Number(form.get("schedule_id")))
        ? back
        : fail("waste.admin.error.stale", 409);
    }
    if (!isUuid(id)) return ctx.render(await load(ctx.state, ctx.url), { status: 400 });
    const parsed = parseStep(form);
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
                          <LabelledControl label={t("waste.admin.date")}>
                            <input
                              type="date"
                              name="scheduled_for"
                              min={request.window_start}
                              max={request.window_end}
                              class={INPUT}
                            />
                          </LabelledControl>
                          <LabelledControl label={t("waste.admin.note")}>
                            <input name="staff_note" maxLength={500} class={INPUT} />
                          </LabelledControl>
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
                    <LabelledControl label={t("waste.admin.note")}>
                      <input name="staff_note" maxLength={500} class={INPUT} />
                    </LabelledControl>
                    <button type="submit" class={BUTTON_SECONDARY}>{t("waste.admin.decline")}</button>
                  </form>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      {data.ward && (
        <section aria-labelledby="schedule-heading" class="mt-10">
          <h2 id="schedule-heading" class="mb-3 text-xl font-bold">
            {t("waste.admin.schedules")} — {wardLabel(data.ward, t, locale)}
          </h2>
          {data.error?.id === "" && <Notice kind="error">{t(data.error.message)}</Notice>}
          <WardChooser state={state} wards={data.choosable} selected={data.ward!.id} label="waste.ward" />
          <ul class="mb-4 space-y-1">
            {data.schedule.map((entry) => (
              <li class="flex items-center justify-between gap-3 p-2 rounded bg-white border border-gray-200">
                <span>
                  {t(WEEKDAYS[entry.weekday])}{" "}
                  {localDigits(`${clock(entry.starts_at)}–${clock(entry.ends_at)}`, locale)}
                  {" · "}
                  {t(`waste.stream.${entry.stream}`)}
                </span>
                <RemoveForm
                  fields={{ action: "schedule_remove", ward_id: data.ward!.id, schedule_id: entry.id }}
                >
                  {t("waste.admin.remove")}
                </RemoveForm>
              </li>
            ))}
          </ul>
          <form
            method="post"
            class="grid gap-3 sm:grid-cols-2 p-4 rounded-lg bg-white border border-gray-200"
          >
            <input type="hidden" name="action" value="schedule_add" />
            <input type="hidden" name="ward_id" value={data.ward.id} />
            <LabelledControl label={t("waste.day")}>
              <select name="weekday" class={INPUT}>
                {WEEKDAYS.map((key, weekday) => <option key={key} value={weekday}>{t(key)}</option>)}
              </select>
            </LabelledControl>
            <LabelledControl label={t("waste.what")}>
              <select name="stream" class={INPUT}>
                {WASTE_STREAMS.map((stream) => (
                  <option key={stream} value={stream}>{t(`waste.stream.${stream}`)}</option>
                ))}
              </select>
            </LabelledControl>
            <LabelledControl label={t("waste.admin.starts_at")}>
              <input type="time" name="starts_at" required class={INPUT} />
            </LabelledControl>
            <LabelledControl label={t("waste.admin.ends_at")}>
              <input type="time" name="ends_at" required class={INPUT} />
            </LabelledControl>
            <button type="submit" class={BUTTON_PRIMARY}>{t("waste.admin.add_window")}</button>
          </form>
        </section>
      )}
    </>
  );
}
