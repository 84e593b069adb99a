/** Read receipts, on the server and in the browser (no server code here: islands import it). */

/** Whether a message written at `createdAt` was read by someone who read up to `readAt`. */
export function readBy(readAt: string | null, createdAt: string): boolean {
  return readAt !== null && Date.parse(readAt) >= Date.parse(createdAt);
}

/** A read receipt as broadcast on chat:<conversation> (public.mark_conversation_read). */
export interface ReadReceipt {
  reader: "citizen" | "staff";
  read_at: string;
}
