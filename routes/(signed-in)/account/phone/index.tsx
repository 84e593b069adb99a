/**
 * Changing the mobile number, step 1: the new number. Auth texts a code to it and the person moves on to
 * /account/phone/verify; until the code is entered the account keeps its number.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { displayPhone, normalizePhone } from "@/lib/phone.ts";
import { requestPhoneChange } from "@/lib/auth/otp.ts";
import { otpFailureMessage, otpFailureStatus } from "@/lib/auth/messages.ts";
import { REFRESH_COOKIE } from "@/lib/auth/session.ts";
import { getCookies } from "@/lib/http/cookies.ts";
import { clientAddress } from "@/lib/http/client_address.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { PhoneNumberForm } from "@/components/auth/PhoneSteps.tsx";
import { LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

interface PhoneChangeData {
  phone: string;
  phoneError?: string;
  error?: string;
}

export const handler: Handlers<PhoneChangeData, SignedInState> = {
  GET(_req, ctx) {
    return ctx.render({ phone: "" });
  },

  async POST(req, ctx) {
    const { t, session } = ctx.state;
    const typed = String((await readForm(req)).get("phone") ?? "");
    const phone = normalizePhone(typed);
    if (!phone.ok) return ctx.render({ phone: typed, phoneError: t(phone.error) }, { status: 422 });
    if (phone.phone === session.user.phone) {
      return ctx.render({ phone: typed, phoneError: t("phone_change.same") }, { status: 422 });
    }
    const tokens = {
      accessToken: session.accessToken,
      refreshToken: getCookies(req.headers)[REFRESH_COOKIE] ?? "",
    };
    const sent = await requestPhoneChange(tokens, phone.phone, clientAddress(req, ctx.remoteAddr));
    if (!sent.ok) {
      const message = otpFailureMessage(t, sent);
      const data = sent.reason === "phone_taken" ? { phoneError: message } : { error: message };
      return ctx.render({ phone: typed, ...data }, { status: otpFailureStatus(sent) });
    }
    return redirect("/account/phone/verify");
  },
};

export default function PhoneChangePage({ data, state }: PageProps<PhoneChangeData, SignedInState>) {
  const { t, locale, session } = state;
  return (
    <>
      <PageTitle title={t("phone_change.title")} state={state} />
      <PageHeading title={t("phone_change.title")} lead={t("phone_change.lead")} />
      {session.user.phone && (
        <p class="mb-4 text-gray-700">
          {t("phone_change.current", { phone: displayPhone(session.user.phone, locale) })}
        </p>
      )}
      {data.error && <Notice kind="error">{data.error}</Notice>}
      <PhoneNumberForm
        t={t}
        action="/account/phone"
        class="mb-6"
        label={t("phone_change.new_label")}
        submitLabel={t("phone_change.send")}
        value={data.phone}
        error={data.phoneError}
        autoFocus
      />
      <a href="/account" class={`${LINK} inline-flex items-center min-h-[44px] font-bold`}>
        {t("account.title")}
      </a>
    </>
  );
}
