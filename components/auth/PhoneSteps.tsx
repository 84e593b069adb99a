/**
 * The two steps every phone check shares, signing in and changing the number alike: the form that asks for
 * a mobile number, and the SMS code form with its resend button and a way back to step 1.
 */
import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "@/lib/i18n/mod.ts";
import { islandMessages } from "@/lib/i18n/mod.ts";
import OtpInput from "@/islands/OtpInput.tsx";
import ResendCountdown from "@/islands/ResendCountdown.tsx";
import { FormField } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, LINK } from "@/components/ui.tsx";

/** Step 1: a mobile number posted to `action`; `children` (hidden fields) go along with it. */
export function PhoneNumberForm(
  { t, action, label, submitLabel, value, error, autoFocus, class: spacing, children }: {
    t: Translate;
    action: string;
    label: string;
    submitLabel: string;
    value: string;
    error?: string;
    autoFocus: boolean;
    class?: string;
    children?: ComponentChildren;
  },
) {
  return (
    <form method="post" action={action} novalidate class={spacing}>
      {children}
      <FormField
        name="phone"
        label={label}
        hint={t("login.phone_hint")}
        error={error}
        value={value}
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        required
        autoFocus={autoFocus}
      />
      <button type="submit" class={`${BUTTON_PRIMARY} w-full`}>{submitLabel}</button>
    </form>
  );
}

/** Step 2: the code posted to `action`, a resend button (posted there too) and a link back to step 1. */
export function CodeForms(
  { t, locale, action, submitLabel, codeError, secondsLeft, backHref, backLabel }: {
    t: Translate;
    locale: Locale;
    action: string;
    submitLabel: string;
    codeError?: string;
    secondsLeft: number;
    backHref: string;
    backLabel: string;
  },
) {
  return (
    <>
      <form method="post" action={action} class="mb-6">
        <OtpInput label={t("verify.code_label")} error={codeError} />
        <button type="submit" class={`${BUTTON_PRIMARY} w-full`}>{submitLabel}</button>
      </form>
      <div class="flex flex-wrap items-start justify-between gap-4">
        <form method="post" action={action}>
          <ResendCountdown
            secondsLeft={secondsLeft}
            locale={locale}
            messages={islandMessages(locale, ["verify.resend", "verify.resend_wait"])}
          />
        </form>
        <a href={backHref} class={`${LINK} inline-flex items-center min-h-[44px] font-bold`}>{backLabel}</a>
      </div>
    </>
  );
}
