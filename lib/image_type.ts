/**
 * What kind of image a file really is, from its first bytes ("magic numbers"), for the raster formats
 * browsers show. A file's name and declared type are whatever the sender says; its bytes are not.
 */

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/** Each type with the byte runs (at their offsets) its files start with; any one alternative suffices. */
const SIGNATURES: { type: string; runs: [offset: number, bytes: number[]][] }[] = [
  { type: "image/jpeg", runs: [[0, [0xff, 0xd8, 0xff]]] },
  { type: "image/png", runs: [[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]] },
  { type: "image/webp", runs: [[0, ascii("RIFF")], [8, ascii("WEBP")]] },
  { type: "image/gif", runs: [[0, ascii("GIF87a")]] },
  { type: "image/gif", runs: [[0, ascii("GIF89a")]] },
  { type: "image/avif", runs: [[4, ascii("ftypavif")]] },
];

/** The image type `head` (a file's first bytes) starts like, or null when it is none of them. */
export function imageTypeOf(head: Uint8Array): string | null {
  const matches = ([offset, bytes]: [number, number[]]) =>
    bytes.every((byte, index) => head[offset + index] === byte);
  return SIGNATURES.find(({ runs }) => runs.every(matches))?.type ?? null;
}

/** Whether `imageTypeOf` can tell files of this type apart. */
export function hasKnownSignature(type: string): boolean {
  return SIGNATURES.some((signature) => signature.type === type);
}
