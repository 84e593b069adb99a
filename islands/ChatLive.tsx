/**
 * The newest page of a chat, live: joins the private topic chat:<conversation> (RLS on realtime.messages lets
 * in only its citizen and staff in scope) and shows each new message under the history, announced to screen
 * readers, photos included (through /api/chat/photos/<id>, which signs a link as the reader). A message from
 * the other side that arrives while the page is visible is marked read at once (or when the person comes back
 * to the tab), and the other side's read receipts turn one's own messages "seen" as they happen. Rendered on
 * the server too, so without JavaScript the page shows what there was at load, and a reload (or sending)
 * shows the rest.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";
import type { RealtimeSource } from "@/lib/realtime/browser.ts";
import { useBroadcasts } from "@/lib/realtime/use_broadcasts.ts";
import type { ChatMessage } from "@/lib/chat/repository.ts";
import type { ReadReceipt } from "@/lib/chat/receipts.ts";
import { bubbleLabels } from "@/components/chat/MessageBubble.tsx";
import { MessageList } from "@/components/chat/MessageList.tsx";

export interface ChatLiveProps extends RealtimeSource {
  conversationId: string;
  citizenId: string;
  viewerId: string;
  /** The page's messages, oldest first: broadcasts of these are not shown twice. */
  history: ChatMessage[];
  /** Up to when the other side had read at load. */
  otherReadAt: string | null;
  locale: Locale;
  /** `chat.*`. */
  messages: Messages;
}

export default function ChatLive(
  { conversationId, citizenId, viewerId, history, otherReadAt, locale, messages, ...source }: ChatLiveProps,
) {
  const t = translatorFor(messages, locale);
  const [arrived, setArrived] = useState<ChatMessage[]>([]);
  const [readAt, setReadAt] = useState(otherReadAt);
  const unread = useRef(false);
  const afterId = history.at(-1)?.id ?? 0;
  const otherSide = viewerId === citizenId ? "staff" : "citizen";

  const markRead = () => {
    if (!unread.current || document.visibilityState !== "visible") return;
    unread.current = false;
    fetch(`/api/chat/${conversationId}/read`, { method: "POST", headers: { accept: "application/json" } })
      .then((response) => response.body?.cancel(), () => unread.current = true);
  };
  useEffect(() => {
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  }, [conversationId]);

  const live = useBroadcasts(source, [`chat:${conversationId}`], (broadcast) => {
    if (broadcast?.event === "read") {
      const receipt = broadcast.payload as ReadReceipt;
      if (receipt.reader === otherSide) setReadAt(receipt.read_at);
      return;
    }
    if (broadcast?.event !== "message") return;
    const message = broadcast.payload as ChatMessage;
    if (message.id <= afterId) return;
    setArrived((list) => list.some((known) => known.id === message.id) ? list : [...list, message]);
    if (message.sender_id !== viewerId) {
      unread.current = true;
      markRead();
    }
  });
  const labels = bubbleLabels(t);
  const list = { viewerId, citizenId, otherReadAt: readAt, labels, locale };
  return (
    <div data-live={live ? "true" : undefined}>
      <MessageList messages={history} {...list} />
      {arrived.length > 0 && (
        <div class="mt-3">
          <MessageList messages={arrived} label={t("chat.new_message")} {...list} />
        </div>
      )}
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
