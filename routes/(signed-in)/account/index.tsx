/** The person's account: who they are to the city, a link to edit it, and sign-out. */
import { defineRoute } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { getProfile } from "@/lib/profile.ts";
import { displayPhone } from "@/lib/phone.ts";
import { localDigits } from "@/lib/i18n/mod.ts";
import { loadWards, wardLabel } from "@/lib/wards.ts";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

export default defineRoute<SignedInState>(async (req, ctx) => {
  const { session } = ctx.state;
  const { t, locale } = ctx.state;
  const [profile, wards] = await Promise.all([getProfile(session), loadWards()]);
  const ward = wards.find((ward) => ward.id === profile?.ward_id);
  const notGiven = <span class="text-gray-500">{t("account.not_given")}</span>;
  const changePhone = { href: "/account/phone", label: t("phone_change.link") };
  const rows: [string, string | null | undefined, { href: string; label: string }?][] = [
    [t("profile.full_name"), profile?.full_name],
    [t("account.phone"), session.user.phone && displayPhone(session.user.phone, locale), changePhone],
    [t("profile.nid"), profile?.nid && localDigits(profile.nid, locale)],
    [t("profile.ward"), ward && wardLabel(ward, t, locale)],
    [t("profile.address"), profile?.address],
    [t("account.language"), t(`language.${profile?.preferred_language ?? locale}`)],
    [t("account.role"), t(`role.${session.user.role}`)],
  ];

  return (
    <>
      <PageTitle title={t("account.title")} state={ctx.state} />
      <PageHeading title={t("account.title")} />
      {new URL(req.url).searchParams.has("phone_changed") && session.user.phone && (
        <Notice kind="info">
          {t("phone_change.done", { phone: displayPhone(session.user.phone, locale) })}
        </Notice>
      )}
      <dl class="mb-6 divide-y divide-gray-200 rounded-lg bg-white border border-gray-200">
        {rows.map(([label, value, action]) => (
          <div class="px-4 py-3">
            <dt class="text-sm text-gray-600">{label}</dt>
            <dd class="text-lg text-gray-900 break-words">{value || notGiven}</dd>
            {action && (
              <a href={action.href} class={`${LINK} inline-flex items-center min-h-[44px] text-sm font-bold`}>
                {action.label}
              </a>
            )}
          </div>
        ))}
      </dl>
      <div class="flex flex-col sm:flex-row gap-3">
        <a href="/onboarding" class={BUTTON_PRIMARY}>{t("account.edit")}</a>
        <a href="/help" class={BUTTON_SECONDARY}>{t("chat.help_title")}</a>
        <a href="/notifications/settings" class={BUTTON_SECONDARY}>{t("notification_settings.title")}</a>
        <form method="post" action="/logout">
          <button type="submit" class={`${BUTTON_SECONDARY} w-full`}>{t("account.sign_out")}</button>
        </form>
      </div>
    </>
  );
});
