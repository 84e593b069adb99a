/**
 * The chat of a complaint, for its citizen and the staff who may act on it (others get a 404): the history
 * in keyset pages (`?before=<id>`), read receipts, new messages live (islands/ChatLive.tsx), and a plain
 * form post to send, so it works without JavaScript. Opening the page records that the person read it.
 */
import type { Handlers, PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { formatDate, islandMessages, type MessageKey } from "@/lib/i18n/mod.ts";
import { readForm } from "@/lib/http/body.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { formStrings } from "@/lib/validation.ts";
import { config } from "@/lib/config.ts";
import { isStaff } from "@/lib/auth/session.ts";
import { userClient } from "@/lib/supabase.ts";
import { getTemplate, type ResponseTemplate } from "@/lib/staff/workspace.ts";
import {
  type ChatPage,
  chatTemplates,
  type Conversation,
  listMessages,
  markConversationRead,
  MESSAGE_MAX,
  openConversation,
  readByOtherSide,
  sendMessage,
  validateMessage,
} from "@/lib/chat/repository.ts";
import { MessageBubble } from "@/components/chat/MessageBubble.tsx";
import { controlProps, Field } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import ChatLive from "@/islands/ChatLive.tsx";

interface ChatData extends ChatPage {
  conversation: Conversation;
  trackingNumber: string;
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

async function trackingNumberOf(accessToken: string, complaintId: string): Promise<string> {
  const { data } = await userClient(accessToken).from("complaints").select("tracking_number")
    .eq("id", complaintId).maybeSingle();
  return (data as { tracking_number: string } | null)?.tracking_number ?? "";
}

function staffTemplates(state: SignedInState): Promise<ResponseTemplate[]> {
  return isStaff(state.session.user) ? chatTemplates(state.session) : Promise.resolve([]);
}

export const handler: Handlers<ChatData, SignedInState> = {
  async GET(_req, ctx) {
    const { session } = ctx.state;
    const conversation = await openConversation(session, ctx.params.id);
    if (!conversation) return ctx.renderNotFound();
    const before = beforeParam(ctx.url);
    const [page, trackingNumber, templates] = await Promise.all([
      listMessages(session, conversation.id, before),
      trackingNumberOf(session.accessToken, ctx.params.id),
      staffTemplates(ctx.state),
    ]);
    await markConversationRead(session, conversation.id);
    return ctx.render({
      ...page,
      conversation,
      trackingNumber,
      templates,
      isFirstPage: before === undefined,
      draft: "",
    });
  },
  async POST(req, ctx) {
    const { session } = ctx.state;
    const conversation = await openConversation(session, ctx.params.id);
    if (!conversation) return ctx.renderNotFound();
    const form = formStrings(await readForm(req), ["body", "template", "use_template"]);
    const again = async (draft: string, error?: MessageKey, status = 200) => {
      const [page, trackingNumber, templates] = await Promise.all([
        listMessages(session, conversation.id),
        trackingNumberOf(session.accessToken, ctx.params.id),
        staffTemplates(ctx.state),
      ]);
      const data = { ...page, conversation, trackingNumber, templates, isFirstPage: true, draft, error };
      return ctx.render(data, { status });
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
      : await sendMessage(session, conversation.id, checked.body);
    if (!refusal) return redirect(`/complaints/${ctx.params.id}/chat#latest`);
    return again(form.body, refusal, refusal === "chat.too_many" ? 429 : 422);
  },
};

export default function ChatPage({ data, state, params }: PageProps<ChatData, SignedInState>) {
  const { t, locale, session } = state;
  const { conversation } = data;
  const viewerIsCitizen = conversation.citizen_id === session.user.id;
  const labels = {
    you: t("chat.you"),
    citizen: t("chat.citizen"),
    staff: t("chat.staff"),
    seen: t("chat.seen"),
  };
  const back = !viewerIsCitizen && isStaff(session.user)
    ? `/admin/complaints/${params.id}`
    : `/complaints/${params.id}`;
  const newestId = data.messages.at(-1)?.id ?? 0;
  const title = t("chat.title", { number: data.trackingNumber });
  return (
    <>
      <PageTitle title={title} state={state} />
      <a href={back} class={`${LINK} inline-block mb-3`}>← {t("chat.back")}</a>
      <PageHeading title={title} lead={t("chat.lead")} />
      {!data.isFirstPage && (
        <p class="mb-3">
          <a href={`/complaints/${params.id}/chat`} class={LINK}>{t("chat.newest")}</a>
        </p>
      )}
      {data.before !== null && (
        <p class="mb-3">
          <a href={`/complaints/${params.id}/chat?before=${data.before}`} class={LINK}>{t("chat.older")}</a>
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
        action={`/complaints/${params.id}/chat`}
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
