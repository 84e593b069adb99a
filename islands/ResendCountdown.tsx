/**
 * The "send a new code" button. Without JavaScript it is always enabled and the server says how long to
 * wait; in the browser it stays disabled and counts down until a new code may be sent.
 */
import { useEffect, useState } from "preact/hooks";
import { formatNumber } from "@/lib/i18n/format.ts";
import type { Locale } from "@/lib/i18n/locales.ts";

interface ResendCountdownProps {
  secondsLeft: number;
  locale: Locale;
  label: string;
  /** The wait message with a `{seconds}` placeholder. */
  waitTemplate: string;
}

export default function ResendCountdown({ secondsLeft, locale, label, waitTemplate }: ResendCountdownProps) {
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
          {waitTemplate.replace("{seconds}", formatNumber(left, locale))}
        </p>
      )}
      <button
        type="submit"
        name="intent"
        value="resend"
        disabled={counting && waiting}
        class="min-h-[44px] font-bold text-green-800 underline underline-offset-2 disabled:text-gray-500 disabled:no-underline"
      >
        {label}
      </button>
    </div>
  );
}
