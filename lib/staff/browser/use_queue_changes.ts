/**
 * How many complaints in the queue's scope are new or changed since the page was rendered: joins the
 * private Realtime topics of the person's scope (`queue:all`, `queue:ward:<id>`, `queue:assignee:<uid>`;
 * Realtime lets in only whom RLS on realtime.messages allows) and collects the complaint ids that each
 * "insert" and "update" broadcast names. Browser only.
 */
import { useEffect, useState } from "preact/hooks";
import { connectRealtime, type RealtimeSource } from "../../realtime/browser.ts";

export interface QueueChangesSource extends RealtimeSource {
  topics: string[];
}

/** What a queue broadcast carries: ids and codes only, never the complaint's words. */
interface QueueChange {
  complaint_id: string;
  status: string;
  ward_id: number | null;
  version: number;
}

/** `changed`: how many complaints are new or changed; `live`: whether every topic is being listened to. */
export function useQueueChanges(
  { topics, supabaseUrl, anonKey }: QueueChangesSource,
): { changed: number; live: boolean } {
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const [listening, setListening] = useState<ReadonlySet<string>>(new Set());

  useEffect(() =>
    connectRealtime({ supabaseUrl, anonKey }, (client) => {
      const note = ({ payload }: { payload: QueueChange }) =>
        setChanged((ids) => ids.has(payload.complaint_id) ? ids : new Set(ids).add(payload.complaint_id));
      for (const topic of topics) {
        client.channel(topic, { config: { private: true } })
          .on("broadcast", { event: "insert" }, note)
          .on("broadcast", { event: "update" }, note)
          .subscribe((status) =>
            setListening((current) => {
              const next = new Set(current);
              if (status === "SUBSCRIBED") next.add(topic);
              else next.delete(topic);
              return next;
            })
          );
      }
    }), [topics.join(" ")]);

  return { changed: changed.size, live: topics.length > 0 && topics.every((topic) => listening.has(topic)) };
}
