/** One chat message: whose it is, the text (as text, never HTML), when, and "seen" on one's own. */
import type { Translate } from "@/lib/i18n/translate.ts";

export interface BubbleLabels {
  you: string;
  citizen: string;
  staff: string;
  seen: string;
  photo: string;
}

/** The bubbles' words, the same for the page's messages and the ones that arrive live. */
export function bubbleLabels(t: Translate): BubbleLabels {
  return {
    you: t("chat.you"),
    citizen: t("chat.citizen"),
    staff: t("chat.staff"),
    seen: t("chat.seen"),
    photo: t("chat.photo"),
  };
}

export function MessageBubble(
  { own, fromCitizen, body, time, timeLabel, seen, labels, photoUrl }: {
    own: boolean;
    fromCitizen: boolean;
    body: string;
    time: string;
    timeLabel: string;
    seen: boolean;
    labels: BubbleLabels;
    /** A link to the message's photo (signed, or the app's route that signs one). */
    photoUrl?: string;
  },
) {
  return (
    <li class={`flex ${own ? "justify-end" : "justify-start"}`} data-own={own ? "true" : "false"}>
      <div
        class={`max-w-[85%] px-3 py-2 rounded-lg border ${
          own ? "bg-green-50 border-green-700" : "bg-white border-gray-300"
        }`}
      >
        <p class="text-sm font-bold text-gray-700">
          {own ? labels.you : fromCitizen ? labels.citizen : labels.staff}
        </p>
        {photoUrl && (
          <a href={photoUrl} target="_blank" rel="noopener">
            <img src={photoUrl} alt={labels.photo} loading="lazy" class="mt-1 max-h-64 rounded-md" />
          </a>
        )}
        {body && <p class="text-lg text-gray-900 whitespace-pre-line break-words">{body}</p>}
        <p class="mt-1 text-sm text-gray-600">
          <time dateTime={time}>{timeLabel}</time>
          {own && seen && <span>{` · ${labels.seen}`}</span>}
        </p>
      </div>
    </li>
  );
}
