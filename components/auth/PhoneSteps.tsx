/**
 * The two steps every phone check shares, signing in and changing the number alike: the form that asks for
 * a mobile number, and the page that asks for the SMS code, with its resend button and a way back to step 1.
 */
import type { ComponentChildren } from "preact";
import type { Translate } from "@/lib/i18n/mod.ts";
import type { AppState } from "@/lib/state.ts";
import { islandMessages } from "@/lib/i18n/mod.ts";
import OtpInput from "@/islands/OtpInput.tsx";
import ResendCountdown from "@/islands/ResendCountdown.tsx";
import { FormField } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";

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

/** What step 2's page shows besides its words: the countdown and what went wrong or was done. */
export interface CodeStepData {
  secondsLeft: number;
  codeError?: string;
  error?: string;
  notice?: string;
}

/**
 * Step 2, the whole page: the code posted to `action`, a resend button (posted there too) and a link back to
 * step 1 (`backHref`).
 */
export function CodeStep(
  { state, data, title, lead, action, submitLabel, backHref, backLabel }: {
    state: AppState;
    data: CodeStepData;
    title: string;
    lead: string;
    action: string;
    submitLabel: string;
    backHref: string;
    backLabel: string;
  },
) {
  const { t, locale } = state;
  return (
    <>
      <PageTitle title={title} state={state} />
      <PageHeading title={title} lead={lead} />
      {data.notice && <Notice kind="info">{data.notice}</Notice>}
      {data.error && <Notice kind="error">{data.error}</Notice>}
      <form method="post" action={action} class="mb-6">
        <OtpInput label={t("verify.code_label")} error={data.codeError} />
        <button type="submit" class={`${BUTTON_PRIMARY} w-full`}>{submitLabel}</button>
      </form>
      <div class="flex flex-wrap items-start justify-between gap-4">
        <form method="post" action={action}>
          <ResendCountdown
            secondsLeft={data.secondsLeft}
            locale={locale}
            messages={islandMessages(locale, ["verify.resend", "verify.resend_wait"])}
          />
        </form>
        <a href={backHref} class={`${LINK} inline-flex items-center min-h-[44px] font-bold`}>{backLabel}</a>
      </div>
    </>
  );
}
