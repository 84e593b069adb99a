/** What a failed `fetch` tells about whether its request reached the server. */

/** The whole reason: Deno puts the cause (refused, DNS, connection closed) in `error.cause`. */
export function fetchFailureText(error: unknown): string {
  const { message, cause } = error instanceof Error ? error : { message: String(error), cause: undefined };
  return cause === undefined ? message : `${message}: ${cause}`;
}

/**
 * Whether the request never left this machine: no connection (refused, DNS) or a port fetch blocks. Anything
 * else (a timeout, a connection dropped mid-answer) may come after the server got the request.
 */
export function requestNeverLeft(error: unknown): boolean {
  return /client error \(Connect\)|are blocked/.test(fetchFailureText(error));
}
