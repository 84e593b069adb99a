/**
 * Hearing that something changed: joins private Realtime topics as the signed-in person (RLS on
 * realtime.messages decides which they may join) and calls `onChange` with every broadcast on any of them,
 * and without one whenever a topic is (re)joined, since changes made while the connection was down were
 * not heard. Browser only.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { connectRealtime, type RealtimeSource } from "./browser.ts";

/** A broadcast as heard: its event name and what it carries. */
export interface Broadcast {
  event: string;
  payload: unknown;
}

/** Whether every topic is joined (the page is live). */
export function useBroadcasts(
  source: RealtimeSource,
  topics: readonly string[],
  onChange: (broadcast?: Broadcast) => void,
): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  const topicsKey = topics.join(" ");

  useEffect(() =>
    connectRealtime(source, (client) => {
      const joined = new Set<string>();
      for (const topic of topics) {
        client.channel(topic, { config: { private: true } })
          .on("broadcast", { event: "*" }, ({ event, payload }) => latest.current({ event, payload }))
          .subscribe((status) => {
            if (status === "SUBSCRIBED") {
              joined.add(topic);
              latest.current();
            } else {
              joined.delete(topic);
            }
            setLive(topics.length > 0 && joined.size === topics.length);
          });
      }
    }), [source.supabaseUrl, topicsKey]);

  return live;
}
