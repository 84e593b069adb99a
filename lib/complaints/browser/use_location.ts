/** The complaint's place from the device's location (GPS where there is one). Browser only. */
import { useState } from "preact/hooks";
import type { ComplaintDraft } from "./use_draft.ts";

export type Locating = "idle" | "locating" | "denied" | "failed";

export function useLocation(draft: ComplaintDraft) {
  const [locating, setLocating] = useState<Locating>("idle");
  return {
    locating,
    locate() {
      draft.markTouched();
      setLocating("locating");
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const { latitude, longitude, accuracy } = position.coords;
          draft.setCoords({ latitude, longitude, accuracy });
          setLocating("idle");
        },
        (error) => setLocating(error.code === error.PERMISSION_DENIED ? "denied" : "failed"),
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
      );
    },
    forget: () => draft.setCoords(null),
  };
}
