/**
 * Chat delivery with many open connections: N websocket connections (default 1,000, each its own
 * @supabase/realtime-js client, as N open chat pages) join a complaint chat's private topic chat:<id> as its
 * citizen (RLS on realtime.messages authorises every join); then messages are written as a signed-in person
 * through PostgREST, as the chat page does, and the time from the write until each connection hears the
 * broadcast is recorded (trigger → realtime.send → the Realtime service → every socket). Needs `npm start`.
 *
 *   node_modules/.bin/deno run -A bench/chat_connections.ts [connections, default 1000] [messages, default 8]
 *
 * Messages stay under the chat's limit of 10 a minute per person. The client runs on the same 2 cores as
 * Postgres, PostgREST, the gateway and Realtime.
 */
import { RealtimeClient } from "@supabase/realtime-js";
import { API_URL } from "../devstack/config.ts";
import { ANON_KEY } from "../devstack/keys.ts";
import { asOperator } from "../devstack/testing/db.ts";
import { signInWithPhone } from "../devstack/testing/auth.ts";
import { machineSummary, median, ms, percentile, table } from "./stats.ts";

const CONNECTIONS = Number(Deno.args[0] ?? 1000);
const MESSAGES = Math.min(Number(Deno.args[1] ?? 8), 9);
const JOIN_BATCH = 50;

console.log(machineSummary());
const citizen = await signInWithPhone();
const { data: filed, error } = await citizen.client.rpc("submit_complaint", {
  client_request_id: crypto.randomUUID(),
  category: "other",
  title: "বেঞ্চমার্ক চ্যাট",
  description: "অনেক সংযোগে চ্যাটের বার্তা পৌঁছানোর সময় মাপা।",
  location: "বেঞ্চমার্ক",
  ward_id: 1,
}).single<{ id: string }>();
if (error) throw error;
const { data: conversationId, error: openError } = await citizen.client.rpc("open_conversation", {
  complaint_id: filed!.id,
});
if (openError) throw openError;
// realtime.messages needs a row on the topic before the RLS check can pass; the first message makes it.
await citizen.client.from("chat_messages").insert({ conversation_id: conversationId, body: "শুরু" })
  .throwOnError();

const sentAt = new Map<number, number>();
/** Arrival times per message id: a broadcast may arrive before PostgREST has answered the write. */
const arrivals = new Map<number, number[]>();
const clients: RealtimeClient[] = [];
const realtimeUrl = `${API_URL.replace("http", "ws")}/realtime/v1`;
const joinStarted = performance.now();
for (let start = 0; start < CONNECTIONS; start += JOIN_BATCH) {
  await Promise.all(Array.from({ length: Math.min(JOIN_BATCH, CONNECTIONS - start) }, () => {
    const client = new RealtimeClient(realtimeUrl, {
      params: { apikey: ANON_KEY },
      accessToken: () => Promise.resolve(citizen.accessToken),
    });
    clients.push(client);
    return client.setAuth(citizen.accessToken).then(() =>
      new Promise<void>((resolve, reject) => {
        client.channel(`chat:${conversationId}`, { config: { private: true } })
          .on("broadcast", { event: "message" }, ({ payload }) => {
            const id = (payload as { id: number }).id;
            arrivals.set(id, [...arrivals.get(id) ?? [], performance.now()]);
          })
          .subscribe((status, error) => {
            if (status === "SUBSCRIBED") resolve();
            else if (status !== "CLOSED") {
              reject(new Error(`join ${clients.length}: ${status} ${error?.message ?? ""}`));
            }
          });
      })
    );
  }));
}
const joinSeconds = (performance.now() - joinStarted) / 1000;

const heard = (id: number) => arrivals.get(id)?.length ?? 0;
for (let i = 0; i < MESSAGES; i++) {
  const started = performance.now();
  const { data } = await citizen.client.from("chat_messages")
    .insert({ conversation_id: conversationId, body: `বার্তা ${i}` }).select("id").single().throwOnError();
  sentAt.set(data!.id, started);
  const deadline = performance.now() + 10_000;
  while (heard(data!.id) < CONNECTIONS && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const latencies = [...sentAt].flatMap(([id, sent]) => (arrivals.get(id) ?? []).map((at) => at - sent));
const delivered = latencies.length;
console.log(`heard per message: ${[...sentAt.keys()].map(heard).join(", ")}`);
console.log(`connections still open: ${clients.filter((client) => client.isConnected()).length}`);
console.log(
  `\n${CONNECTIONS} connections joined chat:<id> in ${joinSeconds.toFixed(1)} s; ${MESSAGES} messages:`,
);
console.log(table(["measure", "value"], [
  ["deliveries (expected)", `${delivered} (${CONNECTIONS * MESSAGES})`],
  ["write → heard, median", ms(median(latencies))],
  ["write → heard, p95", ms(percentile(latencies, 0.95))],
  ["write → heard, max", ms(Math.max(...latencies))],
]));
for (const client of clients) client.disconnect();
await asOperator((sql) => sql`delete from public.complaints where id = ${filed!.id}`);
Deno.exit(0);
