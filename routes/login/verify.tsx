/**
 * Sign-in, step 2: the code from the SMS. On success the session goes into cookies and a first-time
 * person continues to /onboarding. The same page sends a new code once the resend interval has passed.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { AppState } from "@/lib/state.ts";
import { config } from "@/lib/config.ts";
import { displayPhone } from "@/lib/phone.ts";
import { sendCode, verifyCode } from "@/lib/auth/otp.ts";
import { otpFailureMessage, otpFailureStatus } from "@/lib/auth/messages.ts";
import { codeCheckFailure, typedCode } from "@/lib/auth/code_step.ts";
import {
  clearPendingSignIn,
  type PendingSignIn,
  readPendingSignIn,
  writePendingSignIn,
} from "@/lib/auth/pending.ts";
import { userSessionFrom, writeSessionCookies } from "@/lib/auth/session.ts";
import { getProfile } from "@/lib/profile.ts";
import { clientAddress } from "@/lib/http/client_address.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { CodeStep, type CodeStepData } from "@/components/auth/PhoneSteps.tsx";
import { readForm } from "@/lib/http/body.ts";

interface VerifyData extends CodeStepData {
  phone: string;
}

const START_AGAIN = "/login?expired=1";

function secondsUntilResend(pending: PendingSignIn, now = Date.now()): number {
  return Math.max(0, Math.ceil((pending.sentAt + config.otpResendSeconds * 1000 - now) / 1000));
}

function pageData(pending: PendingSignIn, extra: Partial<VerifyData> = {}): VerifyData {
  return { phone: pending.phone, secondsLeft: secondsUntilResend(pending), ...extra };
}

export const handler: Handlers<VerifyData, AppState> = {
  GET(req, ctx) {
    const pending = readPendingSignIn(req);
    if (!pending) return redirect(START_AGAIN);
    return ctx.render(pageData(pending));
  },

  async POST(req, ctx) {
    const pending = readPendingSignIn(req);
    if (!pending) return redirect(START_AGAIN);
    const url = new URL(req.url);
    const address = clientAddress(req, ctx.remoteAddr);
    const { t } = ctx.state;
    const form = await readForm(req);

    if (form.get("intent") === "resend") {
      const sent = await sendCode(pending.phone, address);
      if (!sent.ok) {
        return ctx.render(pageData(pending, { error: otpFailureMessage(t, sent) }), {
          status: otpFailureStatus(sent),
        });
      }
      const renewed = { ...pending, sentAt: Date.now() };
      const headers = new Headers();
      writePendingSignIn(headers, renewed, url);
      return ctx.render(pageData(renewed, { notice: t("verify.resent") }), { headers });
    }

    const code = typedCode(form.get("code"));
    if (!code) return ctx.render(pageData(pending, { codeError: t("verify.code_format") }), { status: 422 });
    const verified = await verifyCode(pending.phone, code, address);
    if (!verified.ok) {
      return ctx.render(pageData(pending, codeCheckFailure(t, verified)), {
        status: otpFailureStatus(verified),
      });
    }

    const { session } = verified;
    const headers = new Headers();
    writeSessionCookies(headers, session, url);
    clearPendingSignIn(headers, url);
    // Signed in either way; if the profile cannot be read now, onboarding asks again.
    const profile = await getProfile(userSessionFrom(session)).catch((error) => {
      console.error(error);
      return null;
    });
    const destination = profile?.full_name
      ? pending.next
      : `/onboarding?${new URLSearchParams({ next: pending.next })}`;
    return redirect(destination, headers);
  },
};

export default function VerifyPage({ data, state }: PageProps<VerifyData, AppState>) {
  const { t, locale } = state;
  return (
    <CodeStep
      state={state}
      data={data}
      title={t("verify.title")}
      lead={t("verify.lead", { phone: displayPhone(data.phone, locale) })}
      action="/login/verify"
      submitLabel={t("verify.submit")}
      backHref="/login"
      backLabel={t("verify.change_number")}
    />
  );
}
