/** Sign-in, step 1: the mobile number. A code goes out by SMS and the person moves on to /login/verify. */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { normalizePhone } from "@/lib/phone.ts";
import { sendCode } from "@/lib/auth/otp.ts";
import { otpFailureMessage, otpFailureStatus } from "@/lib/auth/messages.ts";
import { writePendingSignIn } from "@/lib/auth/pending.ts";
import { clientAddress } from "@/lib/http/client_address.ts";
import { redirect, safeLocalPath } from "@/lib/http/redirect.ts";
import { PhoneNumberForm } from "@/components/auth/PhoneSteps.tsx";
import { Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import { readForm } from "@/lib/http/body.ts";

interface LoginData {
  phone: string;
  next: string;
  /** The number is not one we can send to. */
  phoneError?: string;
  /** Sending failed (too many attempts, Auth unavailable). */
  error?: string;
  notice?: string;
}

export const handler: Handlers<LoginData, AppState> = {
  GET(req, ctx) {
    const url = new URL(req.url);
    const next = safeLocalPath(url.searchParams.get("next"));
    if (ctx.state.session) return redirect(next);
    const notice = url.searchParams.has("expired") ? ctx.state.t("login.start_again") : undefined;
    return ctx.render({ phone: "", next, notice });
  },

  async POST(req, ctx) {
    const form = await readForm(req);
    const typed = String(form.get("phone") ?? "");
    const next = safeLocalPath(String(form.get("next") ?? ""));
    const { t } = ctx.state;

    const phone = normalizePhone(typed);
    if (!phone.ok) return ctx.render({ phone: typed, next, phoneError: t(phone.error) }, { status: 422 });

    const sent = await sendCode(phone.phone, clientAddress(req, ctx.remoteAddr));
    if (!sent.ok) {
      return ctx.render({ phone: typed, next, error: otpFailureMessage(t, sent) }, {
        status: otpFailureStatus(sent),
      });
    }
    const headers = new Headers();
    writePendingSignIn(headers, { phone: phone.phone, sentAt: Date.now(), next }, new URL(req.url));
    return redirect("/login/verify", headers);
  },
};

export default function LoginPage({ data, state }: PageProps<LoginData, AppState>) {
  const { t } = state;
  return (
    <>
      <PageTitle title={t("login.title")} state={state} />
      <PageHeading title={t("login.title")} lead={t("login.lead")} />
      {data.notice && <Notice kind="info">{data.notice}</Notice>}
      {data.error && <Notice kind="error">{data.error}</Notice>}
      <PhoneNumberForm
        t={t}
        action="/login"
        label={t("login.phone_label")}
        submitLabel={t("login.send_code")}
        value={data.phone}
        error={data.phoneError}
        autoFocus={!data.notice}
      >
        <input type="hidden" name="next" value={data.next} />
      </PhoneNumberForm>
      <p class="mt-6 text-sm text-gray-600">{t("login.privacy")}</p>
    </>
  );
}
