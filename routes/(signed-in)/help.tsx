/**
 * The citizen's help chat: a conversation with their home ward's staff about anything, not tied to a
 * complaint. Without a home ward in their profile they are asked to choose one first.
 */
import type { SignedInState } from "@/lib/auth/guard.ts";
import { HttpError } from "@/lib/http/errors.ts";
import { openHelpConversation } from "@/lib/chat/repository.ts";
import { chatHandlers } from "@/lib/chat/page.ts";
import { ChatScreen } from "@/components/chat/ChatScreen.tsx";

export const handler = chatHandlers(async (ctx) => {
  const { session, t } = ctx.state as SignedInState;
  const conversation = await openHelpConversation(session);
  if (conversation === "no_ward") throw new HttpError(422, "chat.help_needs_ward");
  return { conversation, title: t("chat.help_title"), back: "/", path: "/help" };
});

export default ChatScreen;
