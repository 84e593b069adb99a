/**
 * A chat's messages, oldest first, as bubbles: the page's history (components/chat/ChatScreen.tsx) and, on
 * its newest page, the history with what arrives live (islands/ChatLive.tsx). Own messages say "seen" once
 * the other side has read up to them.
 */
import type { Locale } from "@/lib/i18n/locales.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import type { ChatMessage } from "@/lib/chat/repository.ts";
import { readBy } from "@/lib/chat/receipts.ts";
import { type BubbleLabels, MessageBubble } from "./MessageBubble.tsx";

export function MessageList(
  { messages, viewerId, citizenId, otherReadAt, labels, locale, label }: {
    messages: ChatMessage[];
    viewerId: string;
    citizenId: string;
    /** Up to when the other side has read. */
    otherReadAt: string | null;
    labels: BubbleLabels;
    locale: Locale;
    /** The list's name for screen readers. */
    label?: string;
  },
) {
  return (
    <ol class="space-y-3" aria-label={label}>
      {messages.map((message) => (
        <MessageBubble
          key={message.id}
          own={message.sender_id === viewerId}
          fromCitizen={message.sender_id === citizenId}
          body={message.body}
          time={message.created_at}
          timeLabel={formatDate(message.created_at, locale, "dateTime")}
          seen={readBy(otherReadAt, message.created_at)}
          labels={labels}
          // A live message's photo comes through the route that signs a link for its reader.
          photoUrl={message.photo_url ?? (message.has_photo ? `/api/chat/photos/${message.id}` : undefined)}
        />
      ))}
    </ol>
  );
}
