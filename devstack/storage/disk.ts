/**
 * Where object bytes live: one file per object version, named by the version id that the object's row
 * in storage.objects points at. Uploads are staged in `tmp/` and renamed into place while the row's
 * transaction is still open, so a committed row always has its bytes; a crash can only leave unreferenced
 * files behind, which `sweep` removes at start.
 */
import { createHash } from "node:crypto";
import { ERRORS } from "./errors.ts";

/** An upload written to a temporary file, not yet visible to anyone. */
export interface StagedFile {
  path: string;
  size: number;
  /** Hex MD5 of the bytes: the ETag, as S3-backed Storage reports it. */
  md5: string;
  /** The first bytes, enough to tell the file's type by its magic number. */
  head: Uint8Array;
}

const HEAD_BYTES = 32;

export interface OpenedObject {
  file: Deno.FsFile;
  size: number;
}

const VERSION_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ObjectDisk {
  readonly #tmpDir: string;
  readonly #objectsDir: string;

  constructor(root: string) {
    this.#tmpDir = `${root}/tmp`;
    this.#objectsDir = `${root}/objects`;
  }

  async init(): Promise<void> {
    await Deno.remove(this.#tmpDir, { recursive: true }).catch(ignoreNotFound);
    await Deno.mkdir(this.#tmpDir, { recursive: true });
    await Deno.mkdir(this.#objectsDir, { recursive: true });
  }

  #pathOf(version: string): string | undefined {
    if (!VERSION_PATTERN.test(version)) return undefined;
    return `${this.#objectsDir}/${version.slice(0, 2)}/${version}`;
  }

  /** Writes `source` to a temporary file, refusing more than `limit` bytes; the file is synced to disk. */
  async stage(source: AsyncIterable<Uint8Array>, limit: number): Promise<StagedFile> {
    const path = `${this.#tmpDir}/${crypto.randomUUID()}`;
    const file = await Deno.open(path, { write: true, createNew: true });
    const hash = createHash("md5");
    const head = new Uint8Array(HEAD_BYTES);
    let size = 0;
    try {
      for await (const chunk of source) {
        if (size < HEAD_BYTES) head.set(chunk.subarray(0, HEAD_BYTES - size), size);
        size += chunk.byteLength;
        if (size > limit) throw ERRORS.entityTooLarge();
        hash.update(chunk);
        for (let written = 0; written < chunk.byteLength;) {
          written += await file.write(chunk.subarray(written));
        }
      }
      await file.sync();
    } catch (error) {
      file.close();
      await Deno.remove(path).catch(ignoreNotFound);
      throw error;
    }
    file.close();
    return { path, size, md5: hash.digest("hex"), head: head.subarray(0, Math.min(size, HEAD_BYTES)) };
  }

  /** Stages a copy of a stored version (for object copy). */
  async stageCopy(version: string): Promise<StagedFile | undefined> {
    const opened = await this.open(version);
    if (!opened) return undefined;
    return this.stage(opened.file.readable, Infinity);
  }

  /** Moves a staged file into place as `version`, durably (file and directory synced). */
  async commit(staged: StagedFile, version: string): Promise<void> {
    const target = this.#pathOf(version)!;
    const dir = target.slice(0, target.lastIndexOf("/"));
    await Deno.mkdir(dir, { recursive: true });
    await Deno.rename(staged.path, target);
    const handle = await Deno.open(dir, { read: true });
    try {
      await handle.sync();
    } finally {
      handle.close();
    }
  }

  async discard(staged: StagedFile): Promise<void> {
    await Deno.remove(staged.path).catch(ignoreNotFound);
  }

  /** Opens a stored version; undefined when its bytes are missing (e.g. a row inserted by SQL). */
  async open(version: string | null): Promise<OpenedObject | undefined> {
    const path = version ? this.#pathOf(version) : undefined;
    if (!path) return undefined;
    try {
      const file = await Deno.open(path, { read: true });
      const { size } = await file.stat();
      return { file, size };
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  }

  async remove(versions: Iterable<string | null>): Promise<void> {
    for (const version of versions) {
      const path = version ? this.#pathOf(version) : undefined;
      if (path) await Deno.remove(path).catch(ignoreNotFound);
    }
  }

  /** Deletes stored versions for which `isReferenced` says no row points at them any more. */
  async sweep(isReferenced: (versions: string[]) => Promise<Set<string>>): Promise<number> {
    let removed = 0;
    for await (const shard of Deno.readDir(this.#objectsDir)) {
      if (!shard.isDirectory) continue;
      const versions: string[] = [];
      for await (const entry of Deno.readDir(`${this.#objectsDir}/${shard.name}`)) {
        if (entry.isFile) versions.push(entry.name);
      }
      const referenced = await isReferenced(versions);
      const orphans = versions.filter((version) => !referenced.has(version));
      await this.remove(orphans);
      removed += orphans.length;
    }
    return removed;
  }
}

function ignoreNotFound(error: unknown) {
  if (!(error instanceof Deno.errors.NotFound)) throw error;
}
