/** The chat of a complaint, for its citizen and the staff who may act on it; anyone else gets a 404. */
import type { SignedInState } from "@/lib/auth/guard.ts";
import { isStaff } from "@/lib/auth/session.ts";
import { userClient } from "@/lib/supabase.ts";
import { openConversation } from "@/lib/chat/repository.ts";
import { chatHandlers } from "@/lib/chat/page.ts";
import { ChatScreen } from "@/components/chat/ChatScreen.tsx";

export const handler = chatHandlers(async (ctx) => {
  const { session, t } = ctx.state as SignedInState;
  const complaintId = ctx.params.id;
  const conversation = await openConversation(session, complaintId);
  if (!conversation) return null;
  const { data } = await userClient(session.accessToken).from("complaints").select("tracking_number")
    .eq("id", complaintId).maybeSingle();
  const number = (data as { tracking_number: string } | null)?.tracking_number ?? "";
  const staffView = conversation.citizen_id !== session.user.id && isStaff(session.user);
  return {
    conversation,
    title: t("chat.title", { number }),
    back: staffView ? `/admin/complaints/${complaintId}` : `/complaints/${complaintId}`,
    path: `/complaints/${complaintId}/chat`,
  };
});

export default ChatScreen;
