import assert from "node:assert/strict";
import {
  checkPhotoFiles,
  type ComplaintFormValues,
  formValues,
  parseComplaintForm,
  sniffPhotoType,
} from "@/lib/complaints/validation.ts";
import { normalizeTrackingNumber } from "@/lib/complaints/model.ts";

const choices = { categoryCodes: ["cleanliness", "roads"], wardIds: new Set([1, 12, 129]) };

function values(overrides: Partial<ComplaintFormValues> = {}): ComplaintFormValues {
  return {
    client_request_id: "3f0c1a52-8a57-4c41-9b1e-7d1f0b8a9c11",
    category: "cleanliness",
    title: "রাস্তায় ময়লার স্তূপ",
    description: "তিন দিন ধরে মোড়ে ময়লা জমে আছে।",
    latitude: "",
    longitude: "",
    ward_id: "12",
    location: "রোড ৫-এর মাথায়",
    ...overrides,
  };
}

Deno.test("a complete complaint with ward and address is accepted, text tidied", () => {
  const result = parseComplaintForm(
    values({ title: "  রাস্তায়   ময়লার\nস্তূপ ", description: "তিন দিন ধরে\r\nমোড়ে ময়লা।  " }),
    choices,
  );
  assert.deepEqual(result, {
    ok: true,
    input: {
      clientRequestId: "3f0c1a52-8a57-4c41-9b1e-7d1f0b8a9c11",
      category: "cleanliness",
      title: "রাস্তায় ময়লার স্তূপ",
      description: "তিন দিন ধরে\nমোড়ে ময়লা।",
      location: "রোড ৫-এর মাথায়",
      latitude: null,
      longitude: null,
      wardId: 12,
    },
  });
});

Deno.test("coordinates inside Bangladesh are enough on their own", () => {
  const result = parseComplaintForm(
    values({ latitude: "23.8103123456", longitude: "90.4125", ward_id: "", location: "" }),
    choices,
  );
  assert.equal(result.ok, true);
  if (result.ok) {
    assert.equal(result.input.latitude, 23.810312);
    assert.equal(result.input.longitude, 90.4125);
    assert.equal(result.input.wardId, null);
    assert.equal(result.input.location, null);
  }
});

Deno.test("every mistake is reported at once, next to its field, as a catalogue key", () => {
  const result = parseComplaintForm(
    values({ category: "spaceships", title: "ক", description: "ছোট", ward_id: "", location: "" }),
    choices,
  );
  assert.deepEqual(result, {
    ok: false,
    errors: {
      category: "complaint.error.category",
      title: "complaint.error.title_short",
      description: "complaint.error.description_short",
      ward_id: "complaint.error.location_needed",
    },
  });
});

Deno.test("place rules: address with ward, real ward, coordinates in Bangladesh and in pairs", () => {
  const errorsOf = (overrides: Partial<ComplaintFormValues>) => {
    const result = parseComplaintForm(values(overrides), choices);
    return result.ok ? {} : result.errors;
  };
  assert.deepEqual(errorsOf({ location: "  " }), { location: "complaint.error.address_needed" });
  assert.deepEqual(errorsOf({ ward_id: "55" }), { ward_id: "complaint.error.ward" });
  assert.deepEqual(errorsOf({ ward_id: "বারো" }), { ward_id: "complaint.error.ward" });
  assert.deepEqual(errorsOf({ latitude: "51.5", longitude: "-0.12" }), {
    latitude: "complaint.error.outside_bangladesh",
  });
  assert.deepEqual(errorsOf({ latitude: "23.8", ward_id: "", location: "" }), {
    latitude: "complaint.error.location_needed",
  });
  assert.deepEqual(errorsOf({ location: "ক".repeat(201) }), { location: "complaint.error.address_long" });
  assert.deepEqual(errorsOf({ title: "ক".repeat(201) }), { title: "complaint.error.title_long" });
  assert.deepEqual(errorsOf({ client_request_id: "1" }), { form: "complaint.error.request" });
});

Deno.test("formValues reads strings and ignores files", () => {
  const form = new FormData();
  form.set("title", "শিরোনাম");
  form.set("category", new File(["x"], "x.txt"));
  const read = formValues(form);
  assert.equal(read.title, "শিরোনাম");
  assert.equal(read.category, "");
  assert.equal(read.description, "");
});

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1];
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
const WEBP_HEAD = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50];

Deno.test("photo types come from the bytes, not the name", () => {
  assert.equal(sniffPhotoType(new Uint8Array(JPEG_HEAD)), "image/jpeg");
  assert.equal(sniffPhotoType(new Uint8Array(PNG_HEAD)), "image/png");
  assert.equal(sniffPhotoType(new Uint8Array(WEBP_HEAD)), "image/webp");
  assert.equal(sniffPhotoType(new TextEncoder().encode("<svg xmlns=...")), null);
  assert.equal(sniffPhotoType(new Uint8Array([0x47, 0x49, 0x46, 0x38])), null); // GIF
});

Deno.test("photos from a form without JavaScript: count, size and type are checked", async () => {
  const jpeg = (name: string, size = 100) =>
    new File(
      [new Uint8Array([...JPEG_HEAD, ...new Uint8Array(8), 0xff, 0xda, ...new Uint8Array(size)])],
      name,
      {
        type: "image/jpeg",
      },
    );
  const ok = await checkPhotoFiles([jpeg("a.jpg"), new File([], ""), jpeg("b.jpg")], 0);
  assert.equal(ok.ok && ok.photos.length, 2, "empty file inputs are ignored");
  assert.deepEqual(await checkPhotoFiles([jpeg("a.jpg"), jpeg("b.jpg")], 4), {
    ok: false,
    error: "complaint.error.photos_too_many",
  });
  assert.deepEqual(await checkPhotoFiles([jpeg("big.jpg", 5 * 1024 * 1024)], 0), {
    ok: false,
    error: "complaint.error.photo_size",
  });
  const disguised = new File([new TextEncoder().encode("#!/bin/sh\nrm -rf /")], "cat.jpg", {
    type: "image/jpeg",
  });
  assert.deepEqual(await checkPhotoFiles([disguised], 0), { ok: false, error: "complaint.error.photo_type" });
});

Deno.test("tracking numbers are read the way people type them", () => {
  assert.equal(normalizeTrackingNumber("cc-7k3m9qxr"), "CC-7K3M9QXR");
  assert.equal(normalizeTrackingNumber(" CC 7K3M 9QXR "), "CC-7K3M9QXR");
  assert.equal(normalizeTrackingNumber("7k3m9qxr"), "CC-7K3M9QXR");
  assert.equal(normalizeTrackingNumber("CC-৭K৩M৯QXR"), "CC-7K3M9QXR", "Bengali digits");
  assert.equal(normalizeTrackingNumber("CC-CCK3M9QX"), "CC-CCK3M9QX", "a code that itself starts with CC");
  assert.equal(normalizeTrackingNumber("CC-7K3M9QX"), null, "too short");
  assert.equal(normalizeTrackingNumber("CC-0K3M9QXR"), null, "0 is never used");
  assert.equal(normalizeTrackingNumber(""), null);
});
