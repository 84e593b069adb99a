/**
 * Requests from the complaint islands to the app's own API, same origin (the session cookie goes along;
 * no token is ever handed to page scripts for this). Browser only.
 */

/** The server could not be reached (offline, connection dropped, timeout). */
export class OfflineError extends Error {
  constructor() {
    super("no connection");
    this.name = "OfflineError";
  }
}

export interface JsonResponse<T> {
  status: number;
  body: T;
}

/** POSTs `body` with upload progress (0-1), since fetch() cannot report it. */
export function postWithProgress<T>(
  url: string,
  body: Blob | FormData,
  onProgress: (fraction: number) => void,
  timeoutMs = 120_000,
): Promise<JsonResponse<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.timeout = timeoutMs;
    xhr.setRequestHeader("accept", "application/json");
    if (body instanceof Blob) xhr.setRequestHeader("content-type", body.type);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as T });
    xhr.onerror = xhr.ontimeout = () => reject(new OfflineError());
    xhr.send(body);
  });
}

export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<JsonResponse<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch {
    throw new OfflineError();
  }
  return { status: response.status, body: await response.json().catch(() => null) as T };
}

/** The session has ended: sign in again, then come back to `path`. */
export function signInAgain(path: string): void {
  location.assign(`/login?${new URLSearchParams({ next: path })}`);
}
