/**
 * A chat page, whichever conversation it shows (a complaint's, or a citizen's help chat): the history in
 * keyset pages (`?before=<id>`), read receipts, new messages live (islands/ChatLive.tsx), staff's ready-made
 * replies, and a plain form post to send, so it works without JavaScript. Opening it records that the person
 * read it. Routes give `chatHandlers` how to find their conversation and render `ChatScreen`.
 */
import type { FreshContext, Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { formatDate, islandMessages, type MessageKey } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { formStrings } from "@/lib/validation.ts";
import { config } from "@/lib/config.ts";
import { isStaff } from "@/lib/auth/session.ts";
import { getTemplate, type ResponseTemplate } from "@/lib/staff/workspace.ts";
import {
  type ChatPage,
  chatTemplates,
  type Conversation,
  listMessages,
  markConversationRead,
  MESSAGE_MAX,
  readByOtherSide,
  sendMessage,
  validateMessage,
} from "@/lib/chat/repository.ts";
import { MessageBubble } from "@/components/chat/MessageBubble.tsx";
import { controlProps, Field } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import ChatLive from "@/islands/ChatLive.tsx";

/** What a route tells the chat page: the conversation, its title, and where back and the form lead. */
export interface ChatTarget {
  conversation: Conversation;
  title: string;
  back: string;
  /** This page's path (the form posts here). */
  path: string;
}

interface ChatData extends ChatPage, ChatTarget {
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
      const form = formStrings(await readForm(req), ["body", "template", "use_template"]);
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
      const checked = validateMessage(form.body);
      const refusal = "error" in checked
        ? checked.error
        : await sendMessage(session, target.conversation.id, checked.body);
      if (!refusal) return redirect(`${target.path}#latest`);
      return again(form.body, refusal, refusal === "chat.too_many" ? 429 : 422);
    },
  };
}

export function ChatScreen({ data, state }: PageProps<ChatData, SignedInState>) {
  const { t, locale, session } = state;
  const { conversation } = data;
  const viewerIsCitizen = conversation.citizen_id === session.user.id;
  const labels = {
    you: t("chat.you"),
    citizen: t("chat.citizen"),
    staff: t("chat.staff"),
    seen: t("chat.seen"),
  };
  const newestId = data.messages.at(-1)?.id ?? 0;
  const { title, back, path } = data;
  return (
    <>
      <PageTitle title={title} state={state} />
      <a href={back} class={`${LINK} inline-block mb-3`}>← {t("chat.back")}</a>
      <PageHeading title={title} lead={t("chat.lead")} />
      {!data.isFirstPage && (
        <p class="mb-3">
          <a href={path} class={LINK}>{t("chat.newest")}</a>
        </p>
      )}
      {data.before !== null && (
        <p class="mb-3">
          <a href={`${path}?before=${data.before}`} class={LINK}>{t("chat.older")}</a>
        </p>
      )}
      {data.messages.length === 0 && data.isFirstPage
        ? <p class="mb-3 text-gray-700">{t("chat.no_messages")}</p>
        : (
          <ol class="space-y-3 mb-3">
            {data.messages.map((message) => (
              <MessageBubble
                key={message.id}
                own={message.sender_id === session.user.id}
                fromCitizen={message.sender_id === conversation.citizen_id}
                body={message.body}
                time={message.created_at}
                timeLabel={formatDate(message.created_at, locale, "dateTime")}
                seen={readByOtherSide(conversation, message, viewerIsCitizen)}
                labels={labels}
              />
            ))}
          </ol>
        )}
      {data.isFirstPage && (
        <ChatLive
          conversationId={conversation.id}
          citizenId={conversation.citizen_id}
          viewerId={session.user.id}
          afterId={newestId}
          locale={locale}
          messages={islandMessages(locale, ["chat."])}
          supabaseUrl={config.supabaseUrl}
          anonKey={config.supabaseAnonKey}
        />
      )}
      <form
        id="latest"
        method="post"
        action={path}
        class="mt-4 p-4 rounded-lg bg-white border border-gray-200"
      >
        {data.error && <Notice kind="error">{t(data.error)}</Notice>}
        {data.templates.length > 0 && (
          <div class="mb-4 flex flex-wrap items-end gap-2">
            <Field name="template" label={t("chat.template")} class="flex-1 min-w-[12rem]">
              <select {...controlProps({ name: "template" })}>
                {data.templates.map((template) => (
                  <option value={String(template.id)}>
                    {locale === "bn" ? template.title_bn : template.title_en}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit" name="use_template" value="1" class={BUTTON_SECONDARY} formNoValidate>
              {t("chat.use_template")}
            </button>
          </div>
        )}
        <Field
          name="body"
          label={t("chat.message")}
          hint={t("chat.message_hint")}
          error={data.error && t(data.error)}
        >
          <textarea
            {...controlProps({
              name: "body",
              hint: t("chat.message_hint"),
              error: data.error && t(data.error),
            }, "min-h-[96px] py-2")}
            maxLength={MESSAGE_MAX}
            required
          >
            {data.draft}
          </textarea>
        </Field>
        <button type="submit" class={`${BUTTON_PRIMARY} mt-3 w-full sm:w-auto`}>{t("chat.send")}</button>
      </form>
    </>
  );
}
