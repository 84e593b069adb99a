/**
 * Every SMS the database writes (private.sms_text) fits one SMS part with its longest values: Bengali is
 * UCS-2, 70 characters in a single part; English GSM-7, 160. A text that spilled into a second part would
 * cost twice and arrive in pieces on cheap phones.
 */
import assert from "node:assert/strict";
import { asOperator } from "@/devstack/testing/db.ts";
import { smsLength } from "@/supabase/functions/_shared/sms-message.ts";

const STATUSES = ["submitted", "in_progress", "resolved", "closed", "rejected"];
/** Tracking numbers are always CC- and 8 characters; W is as wide as any. */
const TRACKING = "CC-WWWWWWWW";

const cases: { kind: string; data: Record<string, unknown> }[] = [
  ...STATUSES.flatMap((status) =>
    [true, false].map((following) => ({
      kind: "complaint_status",
      data: { tracking_number: TRACKING, status, following },
    }))
  ),
  { kind: "complaint_reply", data: { tracking_number: TRACKING } },
  { kind: "chat_message", data: { tracking_number: TRACKING } },
  { kind: "chat_message", data: {} },
  { kind: "ward_digest", data: { ward: "129", count: "9999" } },
];

Deno.test("every notification SMS fits one part, in Bengali (UCS-2, 70) and English", async () => {
  await asOperator(async (sql) => {
    for (const locale of ["bn", "en"]) {
      for (const { kind, data } of cases) {
        const [{ text }] = await sql<{ text: string | null }[]>`
          select private.sms_text(${kind}, ${locale}, ${sql.json(data as never)}) as text`;
        assert.ok(text, `${kind} ${JSON.stringify(data)} has a ${locale} text`);
        const length = smsLength(text);
        assert.equal(length.encoding, locale === "bn" ? "UCS-2" : "GSM-7", text);
        assert.equal(length.parts, 1, `${text} (${length.units} ${length.encoding} units)`);
        if (locale === "bn") assert.match(text, /[\u0980-\u09FF]/, "Bengali texts are in Bengali");
      }
    }
  });
});

Deno.test("ward digests write the ward and count in Bengali digits", async () => {
  await asOperator(async (sql) => {
    const [{ text }] = await sql<{ text: string }[]>`
      select private.sms_text('ward_digest', 'bn', '{"ward": "12", "count": "3"}') as text`;
    assert.equal(text, "ক্লিন কেয়ার: ওয়ার্ড ১২-এ আজ ৩টি নতুন অভিযোগ।");
  });
});
