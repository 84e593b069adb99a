/**
 * The inbox as a page for people: newest first, readable on a 360 px phone, no JavaScript; it reloads
 * itself every few seconds so a new sign-in code shows up while you wait.
 */
import type { InboxMessage } from "./store.ts";

const REFRESH_SECONDS = 5;

const sentAt = new Intl.DateTimeFormat("bn-BD", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "Asia/Dhaka",
  hourCycle: "h23",
});

/** `filter.input` is what was typed in the search box, `filter.to` its normalised form (none if invalid). */
export function inboxPage(messages: InboxMessage[], filter: { input?: string; to?: string }): string {
  const items = messages.map((message) => `
      <li>
        <p class="meta"><span class="to">${escapeHtml(message.to)}</span>
          <time datetime="${escapeHtml(message.sent_at)}">${
    escapeHtml(sentAt.format(new Date(message.sent_at)))
  }</time></p>
        <p class="body">${escapeHtml(message.body)}</p>
      </li>`).join("");
  const empty = filter.input && !filter.to
    ? "সঠিক বাংলাদেশি মোবাইল নম্বর লিখুন।"
    : filter.to
    ? "এই নম্বরে এখনও কোনো বার্তা নেই।"
    : "এখনও কোনো বার্তা নেই।";
  return `<!doctype html>
<html lang="bn">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="refresh" content="${REFRESH_SECONDS}">
  <title>এসএমএস ইনবক্স · লোকাল</title>
  <style>
    body { margin: 0; font: 16px/1.6 "Noto Sans Bengali", "Noto Sans", system-ui, sans-serif; background: #f4f6f4; color: #1b1f1c; }
    main { max-width: 40rem; margin: 0 auto; padding: 0.75rem; }
    h1 { font-size: 1.25rem; margin: 0.25rem 0; }
    .note { margin: 0 0 0.75rem; color: #4a544d; font-size: 0.875rem; }
    form { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-bottom: 0.75rem; }
    input { flex: 1 1 12rem; min-width: 0; font: inherit; padding: 0.5rem; border: 1px solid #9aa59d; border-radius: 0.375rem; }
    button, .all { font: inherit; padding: 0.5rem 0.875rem; border-radius: 0.375rem; }
    button { border: 0; background: #1f7a4d; color: #fff; }
    .all { color: #1f7a4d; }
    ol { list-style: none; margin: 0; padding: 0; }
    li { background: #fff; border: 1px solid #dde3de; border-radius: 0.5rem; padding: 0.625rem 0.75rem; margin-bottom: 0.5rem; }
    .meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 0.75rem; margin: 0; font-size: 0.875rem; color: #4a544d; }
    .to { font-weight: 600; color: #1b1f1c; }
    .body { margin: 0.25rem 0 0; font-size: 1.125rem; overflow-wrap: anywhere; white-space: pre-wrap; }
  </style>
</head>
<body>
<main>
  <h1>এসএমএস ইনবক্স</h1>
  <p class="note">লোকাল স্ট্যাকের পাঠানো সব এসএমএস (কোনো আসল ফোনে যায় না)। নতুন বার্তা সবার উপরে।</p>
  <form method="get" action="/">
    <input name="to" type="tel" inputmode="tel" placeholder="+8801XXXXXXXXX" value="${
    escapeHtml(filter.input ?? "")
  }"
      aria-label="মোবাইল নম্বর">
    <button type="submit">খুঁজুন</button>
    ${filter.input ? '<a class="all" href="/">সব দেখুন</a>' : ""}
  </form>
  ${messages.length ? `<ol>${items}\n  </ol>` : `<p>${empty}</p>`}
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
