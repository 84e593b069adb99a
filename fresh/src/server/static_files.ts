/**
 * Files of `static/` (and, outside dev mode, of `_fresh/static/`, which wins), served before routes with an ETag, and cached forever when build-id locked. */
import { extname, join, relative, sep } from "node:path";
import { ASSET_CACHE_BUST_KEY } from "../runtime/utils.ts";
import { BUILD_ID } from "./build_id.ts";

export interface StaticFile {
  filePath: string;
  contentType: string;
  etag: string;
}

export const IMMUTABLE = "public, max-age=31536000, immutable";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".js": "text/javascript; charset=UTF-8",
  ".mjs": "text/javascript; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".map": "application/json; charset=UTF-8",
  ".webmanifest": "application/manifest+json; charset=UTF-8",
  ".txt": "text/plain; charset=UTF-8",
  ".xml": "application/xml; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".pdf": "application/pdf",
  ".mp3": "audio/mpeg",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".wasm": "application/wasm",
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/**
 * URL path (`/fonts/a.woff2`) → file, for every file under the folders (missing ones are skipped); a
 * later folder's file wins over an earlier one's with the same path.
 */
export async function collectStaticFiles(...dirs: string[]): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const dir of dirs) {
    const walk = async (folder: string) => {
      for await (const entry of Deno.readDir(folder)) {
        const filePath = join(folder, entry.name);
        if (entry.isDirectory) {
          await walk(filePath);
        } else if (entry.isFile) {
          const urlPath = "/" + relative(dir, filePath).split(sep).join("/");
          files.set(urlPath, {
            filePath,
            contentType: contentTypeOf(filePath),
            etag: await etagOf(filePath),
          });
        }
      }
    };
    try {
      await walk(dir);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return files;
}

async function etagOf(filePath: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(filePath));
  const hex = Array.from(
    new Uint8Array(digest).subarray(0, 16),
    (byte) => byte.toString(16).padStart(2, "0"),
  );
  return `"${hex.join("")}"`;
}

export async function serveStaticFile(req: Request, url: URL, file: StaticFile): Promise<Response> {
  const headers = new Headers({
    "content-type": file.contentType,
    etag: file.etag,
    "cache-control": url.searchParams.get(ASSET_CACHE_BUST_KEY) === BUILD_ID ? IMMUTABLE : "no-cache",
  });
  if (matchesEtag(req.headers.get("if-none-match"), file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  // Read whole: no open file handle outlives the request, even when the body is never consumed.
  const body = await Deno.readFile(file.filePath);
  headers.set("content-length", String(body.byteLength));
  return new Response(req.method === "HEAD" ? null : body, { headers });
}

function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//, "") === etag;
  });
}
