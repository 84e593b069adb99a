/**
 * Turns a stored object into an HTTP response the way Storage serves downloads: Content-Type,
 * Cache-Control and ETag from the object's metadata, conditional requests, single byte ranges, and
 * `?download` for an attachment. The bytes are streamed from disk.
 */
import type { OpenedObject } from "./disk.ts";
import { ERRORS } from "./errors.ts";
import type { ObjectRow } from "./objects.ts";
import { hasKnownSignature } from "../../lib/image_type.ts";

const CHUNK_BYTES = 64 * 1024;

type ByteRange = { start: number; end: number } | "unsatisfiable" | undefined;

/** Parses a single `bytes=` range; anything else is ignored and the whole object is sent, as HTTP allows. */
export function parseRange(header: string | null, size: number): ByteRange {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

function readSlice(file: Deno.FsFile, start: number, length: number): ReadableStream<Uint8Array> {
  let remaining = length;
  let positioned = false;
  return new ReadableStream({
    async pull(controller) {
      try {
        if (!positioned) {
          await file.seek(start, Deno.SeekMode.Start);
          positioned = true;
        }
        const buffer = new Uint8Array(Math.min(CHUNK_BYTES, remaining));
        const read = remaining > 0 ? await file.read(buffer) : null;
        if (read === null) {
          file.close();
          controller.close();
          return;
        }
        remaining -= read;
        controller.enqueue(buffer.subarray(0, read));
      } catch (error) {
        file.close();
        controller.error(error);
      }
    },
    cancel() {
      file.close();
    },
  });
}

function attachmentName(requested: string, objectName: string): string {
  const name = requested || objectName.slice(objectName.lastIndexOf("/") + 1);
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The type without parameters, in lower case: `Image/PNG; q=1` → `image/png`. */
export function baseMimeType(contentType: string): string {
  return contentType.split(";")[0].trim().toLowerCase();
}

/**
 * Headers that keep a user's upload from acting as a page of this origin: it is never sniffed as another
 * type, and anything but a raster image or a PDF (which a sandbox would keep browsers' viewers from
 * showing) opens sandboxed, so an HTML or SVG file cannot run scripts.
 */
function uploadSafetyHeaders(contentType: string): Record<string, string> {
  const type = baseMimeType(contentType);
  const inert = hasKnownSignature(type) || type === "application/pdf";
  return {
    "x-content-type-options": "nosniff",
    ...(inert ? {} : { "content-security-policy": "default-src 'none'; sandbox" }),
  };
}

export function serveObject(req: Request, row: ObjectRow, opened: OpenedObject): Response {
  const { file, size } = opened;
  const metadata = row.metadata ?? {};
  const contentType = metadata.mimetype ?? "application/octet-stream";
  const headers = new Headers({
    "content-type": contentType,
    "cache-control": metadata.cacheControl ?? "no-cache",
    "last-modified": metadata.lastModified ?? row.updated_at.toUTCString(),
    "accept-ranges": "bytes",
    ...uploadSafetyHeaders(contentType),
  });
  if (metadata.eTag) headers.set("etag", metadata.eTag);
  const download = new URL(req.url).searchParams.get("download");
  if (download !== null) headers.set("content-disposition", attachmentName(download, row.name));

  if (metadata.eTag && req.headers.get("if-none-match") === metadata.eTag) {
    file.close();
    return new Response(null, { status: 304, headers });
  }
  const range = parseRange(req.headers.get("range"), size);
  if (range === "unsatisfiable") {
    file.close();
    const response = ERRORS.invalidRange().toResponse(req.method);
    response.headers.set("content-range", `bytes */${size}`);
    return new Response(response.body, { status: 416, headers: response.headers });
  }
  const start = range?.start ?? 0;
  const length = range ? range.end - range.start + 1 : size;
  headers.set("content-length", String(length));
  if (range) headers.set("content-range", `bytes ${range.start}-${range.end}/${size}`);
  const status = range ? 206 : 200;
  if (req.method === "HEAD") {
    file.close();
    return new Response(null, { status, headers });
  }
  return new Response(readSlice(file, start, length), { status, headers });
}
