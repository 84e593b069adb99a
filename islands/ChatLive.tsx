/**
 * Messages that arrive while the chat page is open: joins the private topic chat:<conversation> (RLS on
 * realtime.messages lets in only its citizen and staff in scope) and shows each new message under the
 * history, announced to screen readers, photos included (through /api/chat/photos/<id>, which signs a link
 * as the reader). Without JavaScript the page shows what there was at load, and a reload (or sending) shows
 * the rest.
 */
import { useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import type { RealtimeSource } from "@/lib/realtime/browser.ts";
import { useBroadcasts } from "@/lib/realtime/use_broadcasts.ts";
import type { ChatMessage } from "@/lib/chat/repository.ts";
import { bubbleLabels, MessageBubble } from "@/components/chat/MessageBubble.tsx";

export interface ChatLiveProps extends RealtimeSource {
  conversationId: string;
  citizenId: string;
  viewerId: string;
  /** The newest message already on the page: broadcasts of it or older ones are not shown twice. */
  afterId: number;
  locale: Locale;
  /** `chat.*`. */
  messages: Messages;
}

export default function ChatLive(
  { conversationId, citizenId, viewerId, afterId, locale, messages, ...source }: ChatLiveProps,
) {
  const t = translatorFor(messages, locale);
  const [arrived, setArrived] = useState<ChatMessage[]>([]);
  const live = useBroadcasts(source, [`chat:${conversationId}`], (broadcast) => {
    if (broadcast?.event !== "message") return;
    const message = broadcast.payload as ChatMessage;
    if (message.id <= afterId) return;
    setArrived((list) => list.some((known) => known.id === message.id) ? list : [...list, message]);
  });
  const labels = bubbleLabels(t);
  return (
    <div data-live={live ? "true" : undefined}>
      <ol class="space-y-3" aria-label={t("chat.new_message")}>
        {arrived.map((message) => (
          <MessageBubble
            key={message.id}
            own={message.sender_id === viewerId}
            fromCitizen={message.sender_id === citizenId}
            body={message.body}
            time={message.created_at}
            timeLabel={formatDate(message.created_at, locale, "dateTime")}
            seen={false}
            labels={labels}
            photoUrl={message.has_photo ? `/api/chat/photos/${message.id}` : undefined}
          />
        ))}
      </ol>
      <p class="sr-only" role="status" aria-live="polite">{arrived.length ? t("chat.new_message") : ""}</p>
      {live && (
        <p class="mt-2 inline-flex items-center gap-1.5 text-sm text-green-800">
          <span class="w-2 h-2 rounded-full bg-green-600" aria-hidden="true" />
          {t("chat.live")}
        </p>
      )}
    </div>
  );
}
