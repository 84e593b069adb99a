/**
 * The bulky pickup queue: requests waiting in the staff member's wards, soonest first, with plain forms
 * to set the day (within the citizen's dates), mark collected, or decline with a note. Below it, one ward
 * at a time, its collection schedule and its transfer stations (added, changed in a <details>, removed).
 */
import { isUuid } from "@/lib/validation.ts";
import type { ComponentChildren } from "preact";
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
  loadStations,
  movePickup,
  parseStep,
  pickupQueue,
  type PickupRequest,
  removeSchedule,
  removeStation,
  saveStation,
  type ScheduleEntry,
  type TransferStation,
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
  stations: TransferStation[];
  /** `id`: the request's, "" for the schedule, "stations" for the stations. */
  error?: { id: string; message: MessageKey };
}

async function load(state: StaffState, url: URL): Promise<QueueData> {
  const [requests, wards] = await Promise.all([pickupQueue(state.session), loadWards()]);
  const choosable = choosableWards(state.session, wards);
  const ward = chosenWard(choosable, url.searchParams.get("ward"));
  const [schedule, stations] = ward
    ? await Promise.all([loadSchedule(ward.id), loadStations(ward.id)])
    : [[], []];
  return { requests, wards, ward, choosable, schedule, stations };
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
    // A refusal shows beside what was refused (`where`: a pickup request's id, "schedule" or "stations"), on
    // the ward the form was about.
    const fail = async (message: MessageKey, status: number, where = id) => {
      const ward = form.get("ward_id");
      if (ward) ctx.url.searchParams.set("ward", String(ward));
      return ctx.render({ ...await load(ctx.state, ctx.url), error: { id: where, message } }, { status });
    };
    if (form.get("action") === "schedule_add") {
      const refused = await addSchedule(session, form);
      return refused ? fail(refused, 422, "schedule") : back;
    }
    if (form.get("action") === "schedule_remove") {
      return await removeSchedule(session, Number(form.get("schedule_id")))
        ? back
        : fail("waste.admin.error.stale", 409, "schedule");
    }
    if (form.get("action") === "station_save" || form.get("action") === "station_remove") {
      const stationFail = (message: MessageKey, status: number) => fail(message, status, "stations");
      const ward = choosableWards(session, await loadWards())
        .find((choice) => String(choice.id) === form.get("ward_id"));
      if (!ward) return stationFail("waste.admin.error.station_refused", 403);
      if (form.get("action") === "station_remove") {
        return await removeStation(session, ward.id, Number(form.get("station_id")))
          ? back
          : stationFail("waste.admin.error.station_refused", 403);
      }
      const refused = await saveStation(session, ward.id, form);
      return refused
        ? stationFail(refused, refused === "waste.admin.error.station_refused" ? 403 : 422)
        : back;
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
                <p class={request.fee_state === "paid" ? "font-bold text-green-800" : "text-gray-800"}>
                  {t(`waste.fee_state.${request.fee_state ?? "unpaid"}`)}
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
        <WardSection
          id="schedule"
          title={t("waste.admin.schedules")}
          ward={data.ward}
          error={data.error}
          state={state}
        >
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
        </WardSection>
      )}

      {data.ward && (
        <WardSection
          id="stations"
          title={t("waste.admin.stations")}
          ward={data.ward}
          error={data.error}
          state={state}
        >
          <ul class="mb-4 space-y-2">
            {data.stations.map((station) => (
              <li class="p-2 rounded bg-white border border-gray-200">
                <details>
                  <summary class="min-h-[44px] py-2 cursor-pointer">
                    <span class="font-bold">{locale === "bn" ? station.name_bn : station.name_en}</span>
                    {station.hours_bn && ` · ${station.hours_bn}`}
                    <span class="ml-2 underline text-green-900">{t("waste.admin.edit")}</span>
                  </summary>
                  <form method="post" class="grid gap-3 sm:grid-cols-2 pt-2">
                    <input type="hidden" name="action" value="station_save" />
                    <input type="hidden" name="station_id" value={station.id} />
                    <StationFields state={state} wardId={data.ward!.id} station={station} />
                    <button type="submit" class={BUTTON_PRIMARY}>{t("waste.admin.save")}</button>
                  </form>
                </details>
                <RemoveForm
                  fields={{ action: "station_remove", ward_id: data.ward!.id, station_id: station.id }}
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
            <h3 class="sm:col-span-2 text-lg font-bold">{t("waste.admin.station_add")}</h3>
            <input type="hidden" name="action" value="station_save" />
            <StationFields state={state} wardId={data.ward.id} />
            <button type="submit" class={BUTTON_PRIMARY}>{t("waste.admin.station_add")}</button>
          </form>
        </WardSection>
      )}
    </>
  );
}

/**
 * A section about the chosen ward: its heading names the ward, and a refusal of one of its forms (the
 * page's error with this section's id) shows under it.
 */
function WardSection(
  { id, title, ward, error, state: { t, locale }, children }: {
    id: "schedule" | "stations";
    title: string;
    ward: Ward;
    error: QueueData["error"];
    state: StaffState;
    children: ComponentChildren;
  },
) {
  return (
    <section aria-labelledby={`${id}-heading`} class="mt-10">
      <h2 id={`${id}-heading`} class="mb-3 text-xl font-bold">{title} — {wardLabel(ward, t, locale)}</h2>
      {error?.id === id && <Notice kind="error">{t(error.message)}</Notice>}
      {children}
    </section>
  );
}

/** A station's fields, empty to add one or filled with `station` to change it. */
function StationFields(
  { state: { t, locale }, wardId, station }: { state: StaffState; wardId: number; station?: TransferStation },
) {
  const coordinate = (value: number | null | undefined) =>
    value === null || value === undefined ? "" : String(value);
  return (
    <>
      <input type="hidden" name="ward_id" value={wardId} />
      <LabelledControl label={t("waste.admin.station_name_bn")}>
        <input name="name_bn" maxLength={150} required value={station?.name_bn} class={INPUT} />
      </LabelledControl>
      <LabelledControl label={t("waste.admin.station_name_en")}>
        <input name="name_en" maxLength={150} required value={station?.name_en} class={INPUT} lang="en" />
      </LabelledControl>
      <LabelledControl label={t("waste.admin.station_address")}>
        <input name="address_bn" maxLength={300} value={station?.address_bn ?? ""} class={INPUT} />
      </LabelledControl>
      <LabelledControl label={t("waste.admin.station_hours")}>
        <input name="hours_bn" maxLength={100} value={station?.hours_bn ?? ""} class={INPUT} />
      </LabelledControl>
      {(["latitude", "longitude"] as const).map((axis) => (
        <LabelledControl key={axis} label={t(`waste.admin.station_${axis}`)}>
          <input
            name={axis}
            inputMode="decimal"
            value={coordinate(station?.[axis])}
            class={INPUT}
            lang={locale}
          />
        </LabelledControl>
      ))}
    </>
  );
}
