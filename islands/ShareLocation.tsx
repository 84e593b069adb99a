/**
 * "Send my location" for the SOS form: fills the form's hidden latitude and longitude from the device.
 * Shown only once scripts run (without them the ward alone is sent).
 */
import { useEffect, useState } from "preact/hooks";
import type { Locale } from "@/lib/i18n/locales.ts";
import { type Messages, translatorFor } from "@/lib/i18n/translate.ts";

export interface ShareLocationProps {
  locale: Locale;
  /** `sos.location*`. */
  messages: Messages;
}

export default function ShareLocation({ locale, messages }: ShareLocationProps) {
  const t = translatorFor(messages, locale);
  const [ready, setReady] = useState(false);
  const [coords, setCoords] = useState<{ latitude: string; longitude: string } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && "geolocation" in navigator), []);
  if (!ready) return null;

  function locate() {
    setFailed(false);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) =>
        setCoords({ latitude: coords.latitude.toFixed(6), longitude: coords.longitude.toFixed(6) }),
      () => setFailed(true),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  return (
    <div class="mb-5">
      <input type="hidden" name="latitude" value={coords?.latitude ?? ""} />
      <input type="hidden" name="longitude" value={coords?.longitude ?? ""} />
      <button
        type="button"
        onClick={locate}
        class="inline-flex items-center gap-2 min-h-[48px] px-5 rounded-lg border-2 border-green-700 text-green-800 font-bold bg-white"
      >
        {t("sos.location")}
      </button>
      <p role="status" class="mt-2 text-sm">
        {coords ? t("sos.location_added") : failed ? t("sos.location_failed") : ""}
      </p>
    </div>
  );
}
