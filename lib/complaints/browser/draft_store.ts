/**
 * The complaint being written, kept in IndexedDB on the phone (text and prepared photos as blobs), so a
 * reload, a crash or a dropped connection loses nothing. One draft per signed-in person on this browser.
 * Browser only; every function fails soft (private mode and old browsers may have no IndexedDB).
 */

export interface DraftPhoto {
  id: string;
  blob: Blob;
  width: number;
  height: number;
  /** Object name once uploaded, so a retry does not send it again. */
  uploadedPath: string | null;
}

export interface Draft {
  /** The idempotency key of this submission (`client_request_id`): retries reuse it. */
  requestId: string;
  fields: Record<string, string>;
  coords: { latitude: number; longitude: number; accuracy: number } | null;
  photos: DraftPhoto[];
  savedAt: number;
}

const DATABASE = "clean-care";
const STORE = "complaint-drafts";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

const keyFor = (userId: string) => `draft:${userId}`;

export async function loadDraft(userId: string): Promise<Draft | null> {
  try {
    return (await run<Draft | undefined>("readonly", (store) => store.get(keyFor(userId)))) ?? null;
  } catch {
    return null;
  }
}

export async function saveDraft(userId: string, draft: Draft): Promise<void> {
  try {
    await run("readwrite", (store) => store.put({ ...draft, savedAt: Date.now() }, keyFor(userId)));
  } catch {
    // Nothing to do: the form still works, it just will not survive a reload.
  }
}

export async function clearDraft(userId: string): Promise<void> {
  try {
    await run("readwrite", (store) => store.delete(keyFor(userId)));
  } catch {
    // As above.
  }
}
