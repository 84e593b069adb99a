/**
 * Photos that say where they were taken, as phones write them: EXIF with a GPS position (N 23°48'36"),
 * in a JPEG (APP1, plus an XMP packet repeating it) and in a WebP (EXIF and XMP chunks). Not viewable
 * images: valid enough in structure and header size for the server's checks and Storage.
 */

/** A little-endian TIFF block (EXIF): IFD0 with Orientation = 6 and a GPS pointer; GPS IFD with N 23°48'36". */
export function exifWithGps(): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 2 * 12 + 4 + 2 + 2 * 12 + 4 + 24);
  const view = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, count, true);
    view.setUint32(at + 8, value, true);
  };
  view.setUint16(8, 2, true);
  entry(10, 0x0112, 3, 1, 6); // Orientation: rotate 90°
  const gpsIfd = 8 + 2 + 24 + 4;
  entry(22, 0x8825, 4, 1, gpsIfd);
  view.setUint16(gpsIfd, 2, true);
  const latitude = gpsIfd + 2 + 24 + 4;
  entry(gpsIfd + 2, 0x0001, 2, 2, 0x4e); // GPSLatitudeRef "N"
  entry(gpsIfd + 14, 0x0002, 5, 3, latitude); // GPSLatitude, three rationals
  [23, 1, 48, 1, 36, 1].forEach((n, i) => view.setUint32(latitude + i * 4, n, true));
  return tiff;
}

/** The latitude's rationals as EXIF stores them (little-endian): found in a file, the position is there. */
export const GPS_LATITUDE_BYTES = exifWithGps().slice(-24);

export const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> =>
  new Uint8Array(parts.flatMap((part) => [...part]));
export const text = (value: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(value);

/** A JPEG segment: marker, length, payload. */
export function segment(marker: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const length = payload.length + 2;
  return new Uint8Array([0xff, marker, length >> 8, length & 0xff, ...payload]);
}

export const XMP_WITH_GPS = "<exif:GPSLatitude>23,48.6N</exif:GPSLatitude>";

/** A `width` × `height` JPEG carrying the GPS position in EXIF and XMP. */
export function gpsJpeg(width: number, height: number): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  return concat(
    new Uint8Array([0xff, 0xd8]),
    segment(0xe1, concat(text("Exif\0\0"), exifWithGps())),
    segment(0xe1, concat(text("http://ns.adobe.com/xap/1.0/\0"), text(XMP_WITH_GPS))),
    segment(0xc0, frame),
    new Uint8Array([0xff, 0xda, 0, 4, 1, 2, 0x11, 0x22, 0x33, 0xff, 0xd9]),
  );
}

/** A RIFF/WebP file of these chunks (fourcc, payload), each padded to an even length. */
export function webpOf(...chunks: [string, Uint8Array][]): Uint8Array<ArrayBuffer> {
  const body = concat(
    text("WEBP"),
    ...chunks.map(([fourcc, payload]) => {
      const header = new Uint8Array(8);
      header.set(text(fourcc));
      new DataView(header.buffer).setUint32(4, payload.length, true);
      return concat(header, payload, new Uint8Array(payload.length % 2));
    }),
  );
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, body.length, true);
  return concat(text("RIFF"), size, body);
}

/** A `width` × `height` extended WebP announcing and carrying EXIF (GPS) and XMP chunks. */
export function gpsWebp(width: number, height: number): Uint8Array<ArrayBuffer> {
  const vp8x = new Uint8Array(10);
  vp8x[0] = 0x08 | 0x04; // EXIF and XMP follow
  vp8x.set([(width - 1) & 0xff, ((width - 1) >> 8) & 0xff, (width - 1) >> 16], 4);
  vp8x.set([(height - 1) & 0xff, ((height - 1) >> 8) & 0xff, (height - 1) >> 16], 7);
  return webpOf(
    ["VP8X", vp8x],
    ["VP8 ", new Uint8Array([1, 2, 3, 4, 5])],
    ["EXIF", exifWithGps()],
    ["XMP ", text(XMP_WITH_GPS)],
  );
}

/** Whether `file` still says where it was taken (the EXIF latitude, or the XMP packet). */
export function carriesLocation(file: Uint8Array): boolean {
  const haystack = [...file].map((byte) => String.fromCharCode(byte)).join("");
  const needle = [...GPS_LATITUDE_BYTES].map((byte) => String.fromCharCode(byte)).join("");
  return haystack.includes(needle) || haystack.includes("GPSLatitude");
}
