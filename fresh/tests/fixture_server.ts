/** The fixture app's request handler, built once per test module, and small request helpers. */
import { createHandler } from "$fresh/server.ts";
import manifest from "./fixture/fresh.gen.ts";
import config from "./fixture/fresh.config.ts";

export const handler = await createHandler(manifest, config);

export function request(path: string, init?: RequestInit): Promise<Response> {
  // Concatenated, not resolved: a path like "//x" must stay a path.
  return handler(new Request("http://localhost" + path, init));
}

/** GET `path` and return status, headers and body text. */
export async function fetchPage(path: string, init?: RequestInit) {
  const response = await request(path, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Runs `work` with console.error captured, returning what was logged. */
export async function capturingErrors<T>(work: () => Promise<T>): Promise<{ result: T; logged: string[] }> {
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => logged.push(args.map(String).join(" "));
  try {
    return { result: await work(), logged };
  } finally {
    console.error = original;
  }
}
