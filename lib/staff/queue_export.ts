/**
 * The staff queue as CSV, for the filters on screen: every row in the person's scope (RLS decides), in the
 * reader's language, streamed a page at a time so that a million rows take no more memory than a hundred.
 */
import type { UserSession } from "../auth/session.ts";
import type { Locale, Translate } from "../i18n/mod.ts";
import { CSV_BYTE_ORDER_MARK, csvLine, dhakaIso } from "../csv.ts";
import { allQueueRows, type QueueRow } from "./queue.ts";
import type { QueueQuery } from "./queue_query.ts";

/** The columns: a header key and how a row fills it. */
function columns(t: Translate, locale: Locale): [string, (row: QueueRow) => string | number | null][] {
  return [
    [t("queue.export.tracking_number"), (row) => row.tracking_number],
    [t("queue.export.title"), (row) => row.title],
    [t("queue.export.category"), (row) => row.category],
    [t("queue.export.status"), (row) => t(`complaint.status.${row.status}`)],
    [t("queue.export.priority"), (row) => t(`queue.priority.${row.priority}`)],
    [t("queue.export.ward"), (row) => (locale === "bn" ? row.ward_name_bn : row.ward_name_en) ?? null],
    [t("queue.export.city_corporation"), (row) => row.ward_city_corporation],
    [t("queue.export.location"), (row) => row.location],
    [t("queue.export.assignee"), (row) => row.assignee_name],
    [t("queue.export.filed_at"), (row) => dhakaIso(row.created_at)],
    [t("queue.export.deadline_at"), (row) => dhakaIso(row.deadline_at)],
    [t("queue.export.overdue"), (row) => row.is_overdue ? t("queue.export.yes") : ""],
    [t("queue.export.reopened"), (row) => row.reopened_count],
    [t("queue.export.updated_at"), (row) => dhakaIso(row.updated_at)],
  ];
}

/** The CSV file, as a stream of bytes: the byte-order mark and header first, then a line per complaint. */
export function queueCsv(session: UserSession, query: QueueQuery, t: Translate, locale: Locale) {
  const columnsOf = columns(t, locale);
  const rows = allQueueRows(session, query);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BYTE_ORDER_MARK + csvLine(columnsOf.map(([header]) => header))));
    },
    // One page of rows per pull: the stream asks for more only as fast as the browser takes them.
    async pull(controller) {
      let lines = "";
      for (let i = 0; i < 100; i++) {
        const next = await rows.next();
        if (next.done) {
          if (lines) controller.enqueue(encoder.encode(lines));
          controller.close();
          return;
        }
        lines += csvLine(columnsOf.map(([, cell]) => cell(next.value)));
      }
      controller.enqueue(encoder.encode(lines));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
