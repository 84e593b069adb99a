/** Which notifications also come by SMS, and the quiet hours: a plain form (no JavaScript needed). */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import {
  getPreferences,
  type Preferences,
  preferencesFromForm,
  savePreferences,
  SMS_PREFERENCES,
} from "@/lib/notifications/repository.ts";
import { BUTTON_PRIMARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface SettingsData {
  preferences: Preferences;
  saved: boolean;
}

export const handler: Handlers<SettingsData, SignedInState> = {
  async GET(_req, ctx) {
    const preferences = await getPreferences(ctx.state.session);
    return ctx.render({ preferences, saved: ctx.url.searchParams.get("saved") === "1" });
  },
  async POST(req, ctx) {
    await savePreferences(ctx.state.session, preferencesFromForm(await readForm(req)));
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
      <p class="mt-4">
        <a href="/notifications" class={LINK}>{t("notifications.title")}</a>
      </p>
    </>
  );
}
