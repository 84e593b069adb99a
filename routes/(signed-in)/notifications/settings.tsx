/**
 * Which notifications also come by SMS, the quiet hours, and the wards watched for new complaints (in the
 * app or a daily SMS digest): plain forms (no JavaScript needed).
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import {
  getPreferences,
  listWardSubscriptions,
  type Preferences,
  preferencesFromForm,
  savePreferences,
  SMS_PREFERENCES,
  unwatchWard,
  WARD_CHANNELS,
  type WardChannel,
  type WardSubscription,
  watchWard,
} from "@/lib/notifications/repository.ts";
import { loadWards, type Ward, wardGroups, wardLabel } from "@/lib/wards.ts";
import { SelectField } from "@/components/FormField.tsx";
import {
  BUTTON_PRIMARY,
  BUTTON_QUIET,
  BUTTON_SECONDARY,
  LINK,
  Notice,
  PageHeading,
  PageTitle,
} from "@/components/ui.tsx";

interface SettingsData {
  preferences: Preferences;
  saved: boolean;
  wards: Ward[];
  watched: WardSubscription[];
  wardError?: boolean;
}

async function settingsData(state: SignedInState, saved: boolean, wardError = false): Promise<SettingsData> {
  const [preferences, wards, watched] = await Promise.all([
    getPreferences(state.session),
    loadWards(),
    listWardSubscriptions(state.session),
  ]);
  return { preferences, wards, watched, saved, wardError };
}

export const handler: Handlers<SettingsData, SignedInState> = {
  async GET(_req, ctx) {
    return ctx.render(await settingsData(ctx.state, ctx.url.searchParams.get("saved") === "1"));
  },
  async POST(req, ctx) {
    const form = await readForm(req);
    const { session } = ctx.state;
    const action = form.get("action");
    if (action === "watch" || action === "unwatch") {
      const wardId = Number(form.get("ward_id"));
      const channel = form.get("channel") as WardChannel;
      const valid = Number.isSafeInteger(wardId) && wardId > 0 &&
        (action === "unwatch" || WARD_CHANNELS.includes(channel));
      if (valid && action === "unwatch") await unwatchWard(session, wardId);
      if (!valid || (action === "watch" && !await watchWard(session, wardId, channel))) {
        return ctx.render(await settingsData(ctx.state, false, true), { status: 422 });
      }
      return redirect("/notifications/settings?saved=1");
    }
    await savePreferences(session, preferencesFromForm(form));
    return redirect("/notifications/settings?saved=1");
  },
};

function Checkbox({ name, checked, label }: { name: keyof Preferences; checked: boolean; label: string }) {
  return (
    <label class="flex items-start gap-3 min-h-[44px] py-2 cursor-pointer">
      <input type="checkbox" name={name} checked={checked} class="mt-1 w-5 h-5 accent-green-700 flex-none" />
      <span class="text-lg">{label}</span>
    </label>
  );
}

export default function NotificationSettingsPage({ data, state }: PageProps<SettingsData, SignedInState>) {
  const { t } = state;
  const { preferences } = data;
  return (
    <>
      <PageTitle title={t("notification_settings.title")} state={state} />
      <PageHeading title={t("notification_settings.title")} lead={t("notification_settings.lead")} />
      {data.saved && <Notice kind="info">{t("notification_settings.saved")}</Notice>}
      <form
        method="post"
        action="/notifications/settings"
        class="mt-4 p-4 rounded-lg bg-white border border-gray-200"
      >
        <fieldset>
          <legend class="font-bold text-lg mb-1">{t("notification_settings.sms")}</legend>
          {SMS_PREFERENCES.map((name) => (
            <Checkbox name={name} checked={preferences[name]} label={t(`notification_settings.${name}`)} />
          ))}
        </fieldset>
        <hr class="my-3 border-gray-200" />
        <Checkbox
          name="quiet_hours"
          checked={preferences.quiet_hours}
          label={t("notification_settings.quiet_hours")}
        />
        <button type="submit" class={`${BUTTON_PRIMARY} mt-4 w-full sm:w-auto`}>
          {t("notification_settings.save")}
        </button>
      </form>
      <WardAlerts data={data} state={state} />
      <p class="mt-4">
        <a href="/notifications" class={LINK}>{t("notifications.title")}</a>
      </p>
    </>
  );
}

function WardAlerts({ data, state }: { data: SettingsData; state: SignedInState }) {
  const { t, locale } = state;
  const byId = new Map(data.wards.map((ward) => [ward.id, ward]));
  return (
    <section class="mt-6 p-4 rounded-lg bg-white border border-gray-200" aria-labelledby="ward-alerts">
      <h2 id="ward-alerts" class="text-lg font-bold">{t("ward_alerts.title")}</h2>
      <p class="mb-3 text-gray-700">{t("ward_alerts.lead")}</p>
      {data.wardError && <Notice kind="error">{t("ward_alerts.error")}</Notice>}
      {data.watched.length > 0 && (
        <ul class="mb-4 divide-y divide-gray-200">
          {data.watched.map((watch) => {
            const ward = byId.get(watch.ward_id);
            return (
              <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {ward ? wardLabel(ward, t, locale) : String(watch.ward_id)}
                  {" · "}
                  {t(`ward_alerts.channel.${watch.channel}`)}
                </span>
                <form method="post" action="/notifications/settings">
                  <input type="hidden" name="action" value="unwatch" />
                  <input type="hidden" name="ward_id" value={String(watch.ward_id)} />
                  <button type="submit" class={BUTTON_QUIET}>{t("ward_alerts.unwatch")}</button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      <form method="post" action="/notifications/settings">
        <input type="hidden" name="action" value="watch" />
        <SelectField
          name="ward_id"
          label={t("ward_alerts.ward")}
          placeholder={t("profile.ward_choose")}
          groups={wardGroups(data.wards, t, locale)}
          value=""
        />
        <fieldset class="mb-4">
          <legend class="font-bold">{t("ward_alerts.how")}</legend>
          {WARD_CHANNELS.map((channel, i) => (
            <label class="flex items-center gap-3 min-h-[44px]">
              <input
                type="radio"
                name="channel"
                value={channel}
                checked={i === 0}
                class="w-5 h-5 accent-green-700"
              />
              <span class="text-lg">{t(`ward_alerts.channel.${channel}`)}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" class={BUTTON_SECONDARY}>{t("ward_alerts.watch")}</button>
      </form>
    </section>
  );
}
