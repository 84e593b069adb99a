/** Reading request bodies without trusting them: size caps and forms that may not be forms. */
import { HttpError } from "./errors.ts";

/** Whether the declared body is larger than `maxBytes` (bodies without a length are read with a cap). */
export function declaresTooLarge(req: Request, maxBytes: number): boolean {
  return Number(req.headers.get("content-length") ?? 0) > maxBytes;
}

/** Reads the body up to `maxBytes`; null when it is longer. */
export async function readBodyLimited(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body || declaresTooLarge(req, maxBytes)) return req.body ? null : new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** A body that is not the form a page expects: a localised 400 (unparsable or forged) or 415 (not a form). */
export class UnreadableForm extends HttpError {
  constructor(status: 400 | 415) {
    super(status, "error.unreadable_form");
  }
}

const FORM_CONTENT_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** The posted form; throws `UnreadableForm` for JSON, text, a missing body or broken multipart. */
export async function readForm(req: Request): Promise<FormData> {
  if (!FORM_CONTENT_TYPE.test(req.headers.get("content-type") ?? "")) throw new UnreadableForm(415);
  try {
    return await req.formData();
  } catch {
    throw new UnreadableForm(400);
  }
}
