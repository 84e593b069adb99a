/**
 * A chat page, whichever conversation it shows (a complaint's, or a citizen's help chat): the history, read
 * receipts, new messages live (islands/ChatLive.tsx), staff's ready-made replies, and a plain form to send,
 * so it works without JavaScript. Its data comes from lib/chat/page.ts (`chatHandlers`).
 */
import type { PageProps } from "$fresh/server.ts";
import type { SignedInState } from "@/lib/auth/guard.ts";
import { islandMessages } from "@/lib/i18n/mod.ts";
import { config } from "@/lib/config.ts";
import { MESSAGE_MAX, otherSideReadAt } from "@/lib/chat/repository.ts";
import type { ChatData } from "@/lib/chat/page.ts";
import { bubbleLabels } from "@/components/chat/MessageBubble.tsx";
import { MessageList } from "@/components/chat/MessageList.tsx";
import { controlProps, Field } from "@/components/FormField.tsx";
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice, PageHeading, PageTitle } from "@/components/ui.tsx";
import ChatLive from "@/islands/ChatLive.tsx";

export function ChatScreen({ data, state }: PageProps<ChatData, SignedInState>) {
  const { t, locale, session } = state;
  const { conversation } = data;
  const otherReadAt = otherSideReadAt(conversation, conversation.citizen_id === session.user.id);
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
      {data.messages.length === 0 && data.isFirstPage && (
        <p class="mb-3 text-gray-700">{t("chat.no_messages")}</p>
      )}
      <div class="mb-3">
        {data.isFirstPage
          ? (
            <ChatLive
              conversationId={conversation.id}
              citizenId={conversation.citizen_id}
              viewerId={session.user.id}
              history={data.messages}
              otherReadAt={otherReadAt}
              locale={locale}
              messages={islandMessages(locale, ["chat."])}
              supabaseUrl={config.supabaseUrl}
              anonKey={config.supabaseAnonKey}
            />
          )
          : (
            <MessageList
              messages={data.messages}
              viewerId={session.user.id}
              citizenId={conversation.citizen_id}
              otherReadAt={otherReadAt}
              labels={bubbleLabels(t)}
              locale={locale}
            />
          )}
      </div>
      <form
        id="latest"
        method="post"
        action={path}
        encType="multipart/form-data"
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
          >
            {data.draft}
          </textarea>
        </Field>
        <Field name="photo" label={t("chat.photo_label")} hint={t("chat.photo_hint")} class="mt-3">
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            {...controlProps({ name: "photo", hint: t("chat.photo_hint") }, "py-2")}
          />
        </Field>
        <button type="submit" class={`${BUTTON_PRIMARY} mt-3 w-full sm:w-auto`}>{t("chat.send")}</button>
      </form>
    </>
  );
}
