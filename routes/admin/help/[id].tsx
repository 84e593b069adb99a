/** A citizen's help chat as the staff of their ward answer it; a 404 outside the staff member's wards. */
import type { SignedInState } from "@/lib/auth/guard.ts";
import { helpConversation } from "@/lib/chat/repository.ts";
import { chatHandlers } from "@/lib/chat/page.ts";
import { ChatScreen } from "@/components/chat/ChatScreen.tsx";

export const handler = chatHandlers(async (ctx) => {
  const { session, t } = ctx.state as SignedInState;
  const conversation = await helpConversation(session, ctx.params.id);
  if (!conversation) return null;
  return {
    conversation,
    title: t("chat.help_title_staff"),
    back: "/admin/help",
    path: `/admin/help/${conversation.id}`,
  };
});

export default ChatScreen;
