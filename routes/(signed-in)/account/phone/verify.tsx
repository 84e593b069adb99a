/**
 * Changing the mobile number, step 2: the code sent to the new number. The pending number is Auth's
 * (`new_phone`), so nothing about it is kept in the browser. On success the account, with everything the
 * person filed and paid, is on the new number; the new session goes into the cookies.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { config } from "@/lib/config.ts";
import { displayPhone } from "@/lib/phone.ts";
import { pendingPhoneChange, resendPhoneChange, verifyPhoneChange } from "@/lib/auth/otp.ts";
import { otpFailureMessage, otpFailureStatus } from "@/lib/auth/messages.ts";
import { codeCheckFailure, typedCode } from "@/lib/auth/code_step.ts";
import { writeSessionCookies } from "@/lib/auth/session.ts";
import { clientAddress } from "@/lib/http/client_address.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { CodeStep, type CodeStepData } from "@/components/auth/PhoneSteps.tsx";

interface PhoneVerifyData extends CodeStepData {
  /** The new number (`+8801…`). */
  phone: string;
}

const START_AGAIN = "/account/phone";

function secondsUntilResend(sentAt: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((sentAt + config.otpResendSeconds * 1000 - now) / 1000));
}

export const handler: Handlers<PhoneVerifyData, SignedInState> = {
  async GET(req, ctx) {
    const pending = await pendingPhoneChange(
      ctx.state.session.accessToken,
      clientAddress(req, ctx.remoteAddr),
    );
    if (!pending) return redirect(START_AGAIN);
    return ctx.render({ phone: pending.phone, secondsLeft: secondsUntilResend(pending.sentAt) });
  },

  async POST(req, ctx) {
    const { t, session } = ctx.state;
    const address = clientAddress(req, ctx.remoteAddr);
    const pending = await pendingPhoneChange(session.accessToken, address);
    if (!pending) return redirect(START_AGAIN);
    const page = (extra: Partial<PhoneVerifyData>, sentAt = pending.sentAt) => ({
      phone: pending.phone,
      secondsLeft: secondsUntilResend(sentAt),
      ...extra,
    });
    const form = await readForm(req);

    if (form.get("intent") === "resend") {
      const sent = await resendPhoneChange(session.user.phone ?? "", pending.phone, address);
      if (!sent.ok) {
        return ctx.render(page({ error: otpFailureMessage(t, sent) }), { status: otpFailureStatus(sent) });
      }
      return ctx.render(page({ notice: t("verify.resent") }, Date.now()));
    }

    const code = typedCode(form.get("code"));
    if (!code) return ctx.render(page({ codeError: t("verify.code_format") }), { status: 422 });
    const verified = await verifyPhoneChange(pending.phone, code, address);
    if (!verified.ok) {
      return ctx.render(page(codeCheckFailure(t, verified)), { status: otpFailureStatus(verified) });
    }
    const headers = new Headers();
    writeSessionCookies(headers, verified.session, new URL(req.url));
    return redirect("/account?phone_changed=1", headers);
  },
};

export default function PhoneVerifyPage({ data, state }: PageProps<PhoneVerifyData, SignedInState>) {
  const { t, locale } = state;
  return (
    <CodeStep
      state={state}
      data={data}
      title={t("phone_change.verify_title")}
      lead={t("phone_change.verify_lead", { phone: displayPhone(data.phone, locale) })}
      action="/account/phone/verify"
      submitLabel={t("phone_change.confirm")}
      backHref="/account/phone"
      backLabel={t("phone_change.other_number")}
    />
  );
}
