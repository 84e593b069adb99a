/**
 * A local stand-in for an SMS gateway (SSL Wireless, BulkSMSBD, sms.net.bd are outside this machine): it
 * records each request, JSON or form, and answers as the test scripts, following the vendor's contract.
 */
export interface Received {
  path: string;
  contentType: string;
  fields: Record<string, unknown>;
}

export async function gatewayDouble(answer: (received: Received) => Response | Promise<Response>) {
  const requests: Received[] = [];
  const { promise: listening, resolve: onListen } = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen }, async (req) => {
    const contentType = req.headers.get("content-type") ?? "";
    const text = await req.text();
    const fields = contentType.includes("json")
      ? JSON.parse(text)
      : Object.fromEntries(new URLSearchParams(text));
    const received = { path: new URL(req.url).pathname, contentType, fields };
    requests.push(received);
    return answer(received);
  });
  const { port } = await listening;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => server.shutdown(),
    /** With `await using`, the double stops when the test's scope ends. */
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
