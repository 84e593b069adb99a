/**
 * A complaint's status, dates and history, kept current without reloading: joins the private Realtime
 * channel `complaint:<id>` (Realtime lets only the citizen, followers and super admins in, by RLS on
 * realtime.messages) and applies each `status_changed` broadcast. A broadcast carries only what
 * followers may see too (no rejection reason, public comments only), so after applying one it fetches the
 * state as this reader may see it; it does so after every (re)connection too, so changes made while the
 * connection was down are not missed. Browser only.
 */
import { useEffect, useState } from "preact/hooks";
import { connectRealtime, type RealtimeSource } from "../../realtime/browser.ts";
import type { ComplaintStatus, TimelineEntry } from "../model.ts";

export interface LiveState {
  status: ComplaintStatus;
  updated_at: string;
  resolved_at: string | null;
  rejection_reason: string | null;
  timeline: (TimelineEntry & { id: number })[];
}

interface StatusChanged {
  update_id: number;
  status: ComplaintStatus;
  comment: string | null;
  changed_at: string;
  updated_at: string;
  resolved_at: string | null;
}

export interface LiveStatusSource extends RealtimeSource {
  complaintId: string;
  initial: LiveState;
}

export function useLiveStatus({ complaintId, initial, supabaseUrl, anonKey }: LiveStatusSource) {
  const [state, setState] = useState<LiveState>(initial);
  const [live, setLive] = useState(false);
  /** The status the last broadcast moved the complaint to, for screen readers to announce. */
  const [changedTo, setChangedTo] = useState<ComplaintStatus | null>(null);

  useEffect(() => {
    const leave = connectRealtime({ supabaseUrl, anonKey }, (client) => {
      client.channel(`complaint:${complaintId}`, { config: { private: true } })
        .on("broadcast", { event: "status_changed" }, ({ payload }) => {
          const change = payload as StatusChanged;
          setState((current) => applyChange(current, change));
          setChangedTo(change.status);
          catchUp();
        })
        .subscribe((status) => {
          setLive(status === "SUBSCRIBED");
          if (status === "SUBSCRIBED") catchUp();
        });
    });

    async function catchUp() {
      const response = await fetch(`/api/complaints/${complaintId}/status`, {
        headers: { accept: "application/json" },
      }).catch(() => null);
      if (response?.ok) setState(await response.json());
    }

    return leave;
  }, [complaintId]);

  return { state, live, changedTo };
}

function applyChange(current: LiveState, change: StatusChanged): LiveState {
  const known = current.timeline.some((entry) => entry.id === change.update_id);
  return {
    // The rejection reason and internal comments are not broadcast (followers receive the same message):
    // the catch-up that follows brings what this reader may see.
    ...current,
    status: change.status,
    updated_at: change.updated_at,
    resolved_at: change.resolved_at,
    timeline: known ? current.timeline : [
      ...current.timeline,
      { id: change.update_id, status: change.status, at: change.changed_at, comment: change.comment },
    ],
  };
}
