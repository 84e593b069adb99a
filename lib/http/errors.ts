/**
 * Refusals a handler or middleware throws instead of answering itself: the root middleware turns each
 * into a localised answer with its status (JSON for scripts, a short page for people).
 */
import type { MessageKey } from "../i18n/mod.ts";

export class HttpError extends Error {
  constructor(readonly status: number, readonly messageKey: MessageKey) {
    super(`${status}: ${messageKey}`);
    this.name = "HttpError";
  }
}
