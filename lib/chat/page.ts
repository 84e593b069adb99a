/**
 * The chat page's data, whichever conversation it shows: the history in keyset pages (`?before=<id>`), read
 * receipts (opening the page records that the person read it), staff's ready-made replies, and sending by a
 * plain form post. Routes give `chatHandlers` how to find their conversation and render
 * components/chat/ChatScreen.tsx.
 */
import type { FreshContext, Handlers } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import type { MessageKey } from "@/lib/i18n/mod.ts";
import { declaresTooLarge, readForm } from "@/lib/http/body.ts";
import { checkPhotoFiles } from "@/lib/complaints/validation.ts";
import { LIMITS } from "@/lib/complaints/model.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { formStrings } from "@/lib/validation.ts";
import { isStaff } from "@/lib/auth/session.ts";
import { getTemplate, type ResponseTemplate } from "@/lib/staff/workspace.ts";
import {
  type ChatPage,
  chatTemplates,
  type Conversation,
  listMessages,
  markConversationRead,
  sendMessage,
  validateMessage,
} from "./repository.ts";

/** One photo and the text around it. */
const MAX_POST_BYTES = LIMITS.photoBytesMax + 64 * 1024;

/** What a route tells the chat page: the conversation, its title, and where back and the form lead. */
export interface ChatTarget {
  conversation: Conversation;
  title: string;
  back: string;
  /** This page's path (the form posts here). */
  path: string;
}

export interface ChatData extends ChatPage, ChatTarget {
  isFirstPage: boolean;
  draft: string;
  error?: MessageKey;
  /** Staff's ready-made replies (none for the citizen). */
  templates: ResponseTemplate[];
}

function beforeParam(url: URL): number | undefined {
  const value = Number(url.searchParams.get("before"));
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function staffTemplates(state: SignedInState): Promise<ResponseTemplate[]> {
  return isStaff(state.session.user) ? chatTemplates(state.session) : Promise.resolve([]);
}

/** The chat page's GET and POST for the conversation `open` finds (null: a 404). */
export function chatHandlers(
  open: (ctx: FreshContext<SignedInState>) => Promise<ChatTarget | null>,
): Handlers<ChatData, SignedInState> {
  return {
    async GET(_req, ctx) {
      const target = await open(ctx);
      if (!target) return ctx.renderNotFound();
      const { session } = ctx.state;
      const before = beforeParam(ctx.url);
      const [page, templates] = await Promise.all([
        listMessages(session, target.conversation.id, before),
        staffTemplates(ctx.state),
      ]);
      await markConversationRead(session, target.conversation.id);
      return ctx.render({ ...page, ...target, templates, isFirstPage: before === undefined, draft: "" });
    },
    async POST(req, ctx) {
      const target = await open(ctx);
      if (!target) return ctx.renderNotFound();
      const { session } = ctx.state;
      if (declaresTooLarge(req, MAX_POST_BYTES)) {
        return ctx.render(
          {
            ...await listMessages(session, target.conversation.id),
            ...target,
            templates: [],
            isFirstPage: true,
            draft: "",
            error: "complaint.error.photo_size",
          },
          { status: 413 },
        );
      }
      const posted = await readForm(req);
      const form = formStrings(posted, ["body", "template", "use_template"]);
      const file = posted.get("photo");
      const again = async (draft: string, error?: MessageKey, status = 200) => {
        const [page, templates] = await Promise.all([
          listMessages(session, target.conversation.id),
          staffTemplates(ctx.state),
        ]);
        return ctx.render({ ...page, ...target, templates, isFirstPage: true, draft, error }, { status });
      };
      // Staff picked a ready-made reply: it goes into the message, to edit and send (no script needed).
      if (form.use_template) {
        const picked = isStaff(session.user) ? await getTemplate(session, Number(form.template) || 0) : null;
        if (!picked) return again(form.body);
        return again(ctx.state.locale === "bn" ? picked.body_bn : picked.body_en);
      }
      const photo = file instanceof File && file.size > 0 ? await checkPhotoFiles([file], 0) : null;
      if (photo && !photo.ok) return again(form.body, photo.error, 422);
      const checked = validateMessage(form.body, photo !== null);
      if ("error" in checked) return again(form.body, checked.error, 422);
      const refusal = await sendMessage(session, target.conversation.id, checked.body, photo?.photos[0]);
      if (!refusal) return redirect(`${target.path}#latest`);
      return again(form.body, refusal, refusal === "chat.too_many" ? 429 : 422);
    },
  };
}
