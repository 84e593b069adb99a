/**
 * A complaint's chat as the signed-in person (its citizen or staff in scope), through PostgREST with their
 * JWT: RLS and the chat triggers decide who reads and writes, the sender, the flood limit.
 */
import { isUuid } from "../validation.ts";
import type { UserSession } from "@/lib/auth/session.ts";
import { userClient } from "@/lib/supabase.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { writtenText } from "@/lib/validation.ts";
import type { ResponseTemplate } from "@/lib/staff/workspace.ts";
import { PHOTO_BUCKET, removePhotos, uploadPhoto } from "@/lib/complaints/repository.ts";
import type { CheckedPhoto } from "@/lib/complaints/validation.ts";

export const MESSAGE_MAX = 2000;
export const CHAT_PAGE_SIZE = 30;
/** How long a chat photo link on the page works. */
const PHOTO_LINK_SECONDS = 60 * 60;
const CONVERSATION_COLUMNS = "id, complaint_id, citizen_id, citizen_read_at, staff_read_at";

export interface Conversation {
  id: string;
  complaint_id: string;
  citizen_id: string;
  citizen_read_at: string | null;
  staff_read_at: string | null;
}

export interface ChatMessage {
  id: number;
  sender_id: string;
  body: string;
  created_at: string;
  photo_path?: string | null;
  /** A signed link to the photo, for this reader. */
  photo_url?: string;
  /** In a live broadcast: whether there is a photo (the reader gets it from /api/chat/photos/<id>). */
  has_photo?: boolean;
}

/** Newest first from the database; shown oldest first. `before` continues to older ones (keyset). */
export interface ChatPage {
  messages: ChatMessage[];
  before: number | null;
}

/** The complaint's conversation, opened on first use; null when it is not the person's to chat about. */
export async function openConversation(
  session: UserSession,
  complaintId: string,
): Promise<Conversation | null> {
  if (!isUuid(complaintId)) return null;
  const client = userClient(session.accessToken);
  const opened = await client.rpc("open_conversation", { complaint_id: complaintId });
  if (opened.error) {
    if (opened.error.code === "CC404") return null;
    throw new Error(`opening the chat failed: ${opened.error.message}`);
  }
  const { data, error } = await client.from("conversations")
    .select(CONVERSATION_COLUMNS)
    .eq("id", opened.data as string)
    .single();
  if (error) throw new Error(`reading the chat failed: ${error.message}`);
  return data as Conversation;
}

export async function listMessages(
  session: UserSession,
  conversationId: string,
  before?: number,
): Promise<ChatPage> {
  let query = userClient(session.accessToken).from("chat_messages")
    .select("id, sender_id, body, created_at, photo_path")
    .eq("conversation_id", conversationId)
    .order("id", { ascending: false })
    .limit(CHAT_PAGE_SIZE + 1);
  if (before !== undefined) query = query.lt("id", before);
  const { data, error } = await query;
  if (error) throw new Error(`reading chat messages failed: ${error.message}`);
  const rows = data as ChatMessage[];
  const page = rows.slice(0, CHAT_PAGE_SIZE).reverse();
  return {
    messages: await withPhotoLinks(session, page),
    before: rows.length > CHAT_PAGE_SIZE ? page[0].id : null,
  };
}

/**
 * Records that the person has read the conversation up to now; the database tells the other side's open page
 * (event read on chat:<id>). False when it is not theirs.
 */
export async function markConversationRead(session: UserSession, conversationId: string): Promise<boolean> {
  if (!isUuid(conversationId)) return false;
  const { error } = await userClient(session.accessToken).rpc("mark_conversation_read", {
    conversation_id: conversationId,
  });
  if (error?.code === "CC404") return false;
  if (error) throw new Error(`recording the read receipt failed: ${error.message}`);
  return true;
}

const messageSchema = writtenText(MESSAGE_MAX, "chat.too_long");

/** The message as it will be stored, or why not; the text may be empty when a photo goes with it. */
export function validateMessage(body: string, withPhoto = false): { body: string } | { error: MessageKey } {
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) return { error: parsed.error.issues[0].message as MessageKey };
  return parsed.data || withPhoto ? { body: parsed.data } : { error: "chat.empty" };
}

/** Signed links to chat photos by their paths, as the reader (Storage checks they may read them). */
async function photoLinks(session: UserSession, paths: string[]): Promise<Map<string, string>> {
  if (paths.length === 0) return new Map();
  const { data, error } = await userClient(session.accessToken).storage.from(PHOTO_BUCKET)
    .createSignedUrls(paths, PHOTO_LINK_SECONDS);
  if (error) throw new Error(`signing chat photo links failed: ${error.message}`);
  return new Map(data.flatMap((link) => link.signedUrl && link.path ? [[link.path, link.signedUrl]] : []));
}

/** `messages` with signed links to their photos, for this reader. */
async function withPhotoLinks(session: UserSession, messages: ChatMessage[]): Promise<ChatMessage[]> {
  const links = await photoLinks(
    session,
    messages.flatMap((message) => message.photo_path ? [message.photo_path] : []),
  );
  return messages.map((message) =>
    message.photo_path ? { ...message, photo_url: links.get(message.photo_path) } : message
  );
}

/**
 * A signed link to the photo of message `id`, for a reader of its chat (RLS on the message, Storage's on the
 * photo); null when there is none they may see. Messages that arrive live carry no link of their own.
 */
export async function messagePhotoLink(session: UserSession, id: number): Promise<string | null> {
  const { data, error } = await userClient(session.accessToken).from("chat_messages")
    .select("photo_path").eq("id", id).not("photo_path", "is", null).maybeSingle();
  if (error) throw new Error(`reading a chat photo failed: ${error.message}`);
  if (!data) return null;
  return (await photoLinks(session, [data.photo_path])).get(data.photo_path) ?? null;
}

/**
 * Sends a message, with its photo when there is one; null when sent, else what to tell the person. The photo
 * is uploaded only after the database says the message may go now (theirs, not over the flood limit), and
 * removed again when the message is refused after all, so no photo is left in storage without its message.
 */
export async function sendMessage(
  session: UserSession,
  conversationId: string,
  body: string,
  photo?: CheckedPhoto,
): Promise<MessageKey | null> {
  const client = userClient(session.accessToken);
  let photoPath: string | undefined;
  if (photo) {
    const { error } = await client.rpc("check_chat_message", { conversation_id: conversationId });
    if (error) return refusal(error);
    // Into the sender's own folder for this conversation (<sender>/chat-<conversation>/); checkPhoto removed the location.
    photoPath = await uploadPhoto(session, `chat-${conversationId}`, photo);
  }
  const { error } = await client.from("chat_messages")
    .insert({ conversation_id: conversationId, body, ...(photoPath ? { photo_path: photoPath } : {}) });
  if (!error) return null;
  if (photoPath) await removeUnsentPhoto(session, photoPath);
  return refusal(error);
}

/** What to tell the person when the database refuses their message. */
function refusal(error: { code: string; message: string }): MessageKey {
  if (error.code === "CC429") return "chat.too_many";
  if (error.code === "23514") return "chat.too_long";
  if (error.code === "42501") return "chat.not_yours";
  throw new Error(`sending a chat message failed: ${error.message}`);
}

/**
 * Removes the photo of a refused message, unless an earlier message carries the same photo: photos are named
 * by their content, so sending one again uploads onto the same object.
 */
async function removeUnsentPhoto(session: UserSession, path: string): Promise<void> {
  const { data, error } = await userClient(session.accessToken).from("chat_messages")
    .select("id").eq("photo_path", path).limit(1);
  if (error) throw new Error(`checking a chat photo failed: ${error.message}`);
  if (data.length === 0) await removePhotos(session, [path]);
}

/** Up to when the other side (staff for the citizen, the citizen for staff) has read the conversation. */
export function otherSideReadAt(conversation: Conversation, viewerIsCitizen: boolean): string | null {
  return viewerIsCitizen ? conversation.staff_read_at : conversation.citizen_read_at;
}

/** The ready-made replies staff may start a message from (RLS: staff only; none for citizens). */
export async function chatTemplates(session: UserSession): Promise<ResponseTemplate[]> {
  const { data, error } = await userClient(session.accessToken).from("response_templates")
    .select("id, title_bn, title_en, body_bn, body_en").order("id");
  if (error) throw new Error(`reading response templates failed: ${error.message}`);
  return data as ResponseTemplate[];
}

/** The person's help chat with their ward's staff, opened on first use; "no_ward" when their profile has none. */
export async function openHelpConversation(session: UserSession): Promise<Conversation | "no_ward"> {
  const client = userClient(session.accessToken);
  const opened = await client.rpc("open_help_conversation");
  if (opened.error?.code === "CC422") return "no_ward";
  if (opened.error) throw new Error(`opening the help chat failed: ${opened.error.message}`);
  const conversation = await helpConversation(session, opened.data as string);
  if (!conversation) throw new Error("the help chat just opened cannot be read");
  return conversation;
}

/** A help chat by id, when the person takes part in it (RLS); null otherwise. */
export async function helpConversation(session: UserSession, id: string): Promise<Conversation | null> {
  if (!isUuid(id)) return null;
  const { data, error } = await userClient(session.accessToken).from("conversations")
    .select(CONVERSATION_COLUMNS).eq("id", id).is("complaint_id", null).maybeSingle();
  if (error) throw new Error(`reading the help chat failed: ${error.message}`);
  return data as Conversation | null;
}

export interface HelpQueueItem {
  id: string;
  ward_id: number;
  created_at: string;
  last_message_at: string | null;
  staff_read_at: string | null;
}

/** The help chats of the staff member's wards (RLS), latest message first. */
export async function helpQueue(session: UserSession): Promise<HelpQueueItem[]> {
  const { data, error } = await userClient(session.accessToken).from("conversations")
    .select("id, ward_id, created_at, last_message_at, staff_read_at").is("complaint_id", null)
    .order("last_message_at", { ascending: false, nullsFirst: false }).limit(100);
  if (error) throw new Error(`reading the help chats failed: ${error.message}`);
  return data as HelpQueueItem[];
}
