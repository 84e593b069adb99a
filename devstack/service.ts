/** What the gateway needs from each local service (Auth, Storage, Realtime, Functions). */
export interface RequestInfo {
  /** The request path with the service prefix (e.g. `/auth/v1`) stripped; starts with "/". */
  path: string;
  /**
   * The client's address, for per-client limits: the connection's peer, or the address a trusted proxy
   * (the app) forwarded for it.
   */
  clientAddress: string;
}

export interface LocalService {
  /** `req` is the original request, so a websocket upgrade still works on it. */
  handle(req: Request, info: RequestInfo): Promise<Response>;
  close(): Promise<void>;
}
