/**
 * For the citizen who filed a complaint staff marked resolved, within 7 days: "it is fixed, close it" or
 * "it is not fixed" with what is still wrong. Two plain forms posting to the complaint's page.
 */
import { formatDate, type Locale, type Translate } from "@/lib/i18n/mod.ts";
import { LIMITS } from "@/lib/complaints/model.ts";
import { controlProps, Field } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, Notice } from "@/components/ui.tsx";

/** The reopen form shown again: the reason as typed, what is wrong with it, or why it was refused. */
export interface ResolutionAnswerReply {
  reason: string;
  fieldError?: string;
  refusal?: string;
}

interface ResolutionAnswerProps {
  t: Translate;
  locale: Locale;
  until: Date;
  reply?: ResolutionAnswerReply;
}

export function ResolutionAnswer({ t, locale, until, reply }: ResolutionAnswerProps) {
  const reasonField = {
    name: "reason",
    label: t("complaint.resolution.reason"),
    hint: t("complaint.resolution.reason_hint"),
    error: reply?.fieldError,
  };
  return (
    <section
      id="resolution"
      aria-labelledby="resolution-title"
      class="mt-4 p-4 rounded-lg border-2 border-green-700 bg-green-50"
    >
      <h2 id="resolution-title" class="text-lg font-bold text-gray-900">{t("complaint.resolution.title")}</h2>
      <p class="mt-1 mb-4 text-gray-800">
        {t("complaint.resolution.lead", { date: formatDate(until, locale, "dateTime") })}
      </p>
      {reply?.refusal && <Notice kind="error">{reply.refusal}</Notice>}
      <form method="post" action="#resolution">
        <input type="hidden" name="action" value="confirm" />
        <button type="submit" class={`${BUTTON_PRIMARY} w-full sm:w-auto`}>
          {t("complaint.resolution.confirm")}
        </button>
      </form>
      <form method="post" action="#resolution" class="mt-6 pt-4 border-t border-green-200">
        <input type="hidden" name="action" value="reopen" />
        <Field {...reasonField} class="mb-3">
          <textarea
            {...controlProps(reasonField, "py-2")}
            rows={3}
            required
            maxLength={LIMITS.commentMax}
            value={reply?.reason}
          />
        </Field>
        <button type="submit" class={`${BUTTON_SECONDARY} w-full sm:w-auto`}>
          {t("complaint.resolution.reopen")}
        </button>
      </form>
    </section>
  );
}
