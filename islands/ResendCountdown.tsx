/**
 * The "send a new code" button. Without JavaScript it is always enabled and the server says how long to
 * wait; in the browser it stays disabled and counts down until a new code may be sent.
 */
import { useEffect, useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";

interface ResendCountdownProps {
  secondsLeft: number;
  locale: Locale;
  /** `verify.resend` and `verify.resend_wait`. */
  messages: Messages;
}

export default function ResendCountdown({ secondsLeft, locale, messages }: ResendCountdownProps) {
  const t = translatorFor(messages, locale);
  const [left, setLeft] = useState(secondsLeft);
  const [counting, setCounting] = useState(false);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    setCounting(true);
    const endsAt = Date.now() + secondsLeft * 1000;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [secondsLeft]);

  const waiting = left > 0;
  return (
    <div>
      {waiting && (
        <p class="mb-2 text-sm text-gray-700" aria-live={counting ? "off" : undefined}>
          {t("verify.resend_wait", { seconds: left })}
        </p>
      )}
      <button
        type="submit"
        name="intent"
        value="resend"
        disabled={counting && waiting}
        class="min-h-[44px] font-bold text-green-800 underline underline-offset-2 disabled:text-gray-500 disabled:no-underline"
      >
        {t("verify.resend")}
      </button>
    </div>
  );
}
