/**
 * A streaming reader for the multipart/form-data uploads storage-js sends: small text fields
 * (`cacheControl`, `metadata`) followed by one file part. The file's bytes are handed on as they arrive,
 * so an upload never has to fit in memory (`Request.formData()` would buffer all of it).
 */
import { Buffer } from "node:buffer";
import { ERRORS } from "./errors.ts";

export interface MultipartUpload {
  /** The text fields that came before the file part. */
  fields: Map<string, string>;
  /** The file part's own Content-Type. */
  contentType: string;
  /** The file's bytes; must be consumed before anything else is read from the request. */
  body: AsyncIterable<Uint8Array>;
}

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Reads fields up to the first part with a filename and returns the fields and that file's byte stream. */
export async function readMultipartUpload(
  stream: ReadableStream<Uint8Array>,
  boundary: string,
): Promise<MultipartUpload> {
  const reader = new BufferedReader(stream);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter has no CRLF before it; pretend it had, so all delimiters look alike.
  reader.unshift(CRLF);
  await reader.skipPast(delimiter, "preamble");
  const fields = new Map<string, string>();
  while (await reader.nextPartFollows()) {
    const headers = parsePartHeaders((await reader.readUntil(HEADER_END, MAX_HEADER_BYTES)).toString("utf8"));
    const disposition = headers.get("content-disposition") ?? "";
    const name = dispositionParam(disposition, "name") ?? "";
    if (dispositionParam(disposition, "filename") !== undefined) {
      return {
        fields,
        contentType: headers.get("content-type") ?? "application/octet-stream",
        body: reader.readPart(delimiter),
      };
    }
    const value = await reader.readUntil(delimiter, MAX_FIELD_BYTES);
    fields.set(name, value.toString("utf8"));
  }
  throw ERRORS.invalidRequest("No content provided");
}

function parsePartHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const pattern = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, "i");
  const match = pattern.exec(disposition);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2].trim();
}

class BufferedReader {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #buffer: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  #done = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.getReader();
  }

  unshift(bytes: Buffer) {
    this.#buffer = Buffer.concat([bytes, this.#buffer]);
  }

  async #fill(): Promise<boolean> {
    if (this.#done) return false;
    const { value, done } = await this.#reader.read();
    if (done) {
      this.#done = true;
      return false;
    }
    this.#buffer = this.#buffer.length === 0
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : Buffer.concat([this.#buffer, value]);
    return true;
  }

  async #ensure(length: number): Promise<boolean> {
    while (this.#buffer.length < length) {
      if (!await this.#fill()) return false;
    }
    return true;
  }

  /** Returns the bytes before `marker` (at most `limit` of them) and consumes the marker. */
  async readUntil(marker: Buffer, limit: number): Promise<Buffer> {
    for (;;) {
      const at = this.#buffer.indexOf(marker);
      if (at >= 0) {
        const before = this.#buffer.subarray(0, at);
        this.#buffer = this.#buffer.subarray(at + marker.length);
        return before;
      }
      if (this.#buffer.length > limit + marker.length) {
        throw ERRORS.invalidRequest("Multipart part too large");
      }
      if (!await this.#fill()) throw ERRORS.invalidRequest("Malformed multipart body");
    }
  }

  async skipPast(marker: Buffer, what: string): Promise<void> {
    await this.readUntil(marker, MAX_HEADER_BYTES).catch(() => {
      throw ERRORS.invalidRequest(`Malformed multipart body (${what})`);
    });
  }

  /** After a delimiter: true when another part follows, false at the closing `--`. */
  async nextPartFollows(): Promise<boolean> {
    if (!await this.#ensure(2)) throw ERRORS.invalidRequest("Malformed multipart body");
    if (this.#buffer[0] === 0x2d && this.#buffer[1] === 0x2d) return false;
    // Skip optional transport padding and the CRLF that ends the delimiter line.
    const lineEnd = await this.readUntil(CRLF, 256);
    if (lineEnd.toString("latin1").trim() !== "") throw ERRORS.invalidRequest("Malformed multipart body");
    return true;
  }

  /** Yields a part's bytes as they arrive, up to (and consuming) the next delimiter. */
  async *readPart(delimiter: Buffer): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const at = this.#buffer.indexOf(delimiter);
        if (at >= 0) {
          if (at > 0) yield this.#buffer.subarray(0, at);
          this.#buffer = this.#buffer.subarray(at + delimiter.length);
          return;
        }
        // Keep a tail that could be the start of a delimiter split across chunks.
        const safe = this.#buffer.length - (delimiter.length - 1);
        if (safe > 0) {
          const chunk = this.#buffer.subarray(0, safe);
          this.#buffer = this.#buffer.subarray(safe);
          yield chunk;
        }
        if (!await this.#fill()) throw ERRORS.invalidRequest("Malformed multipart body");
      }
    } finally {
      this.#reader.releaseLock();
    }
  }
}
