import { ApiError } from "../errors";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 4096;

export const IMAGE_TYPES = {
  png: { contentType: "image/png", ext: "png" },
  jpeg: { contentType: "image/jpeg", ext: "jpg" },
  webp: { contentType: "image/webp", ext: "webp" },
} as const;
export type ImageKind = keyof typeof IMAGE_TYPES;
export const IMAGE_CONTENT_TYPES = Object.values(IMAGE_TYPES).map((t) => t.contentType) as [
  string,
  ...string[],
];

export interface ImageInfo {
  kind: ImageKind;
  contentType: string;
  ext: string;
  width: number;
  height: number;
}

const unsupported = (why: string) =>
  new ApiError("UNSUPPORTED_MEDIA_TYPE", `The file must be a PNG, JPEG or WebP image (${why})`);

const ascii = (b: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...b.subarray(at, at + length));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + u16be(b, at + 2);
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | (b[at + 2]! << 16);
const u32le = (b: Uint8Array, at: number) => (u24le(b, at) | (b[at + 3]! << 24)) >>> 0;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Walks every chunk: IHDR first, IEND last and nothing after it (no appended second file). */
function png(b: Uint8Array): [number, number] {
  let at = 8;
  let size: [number, number] | undefined;
  while (at + 12 <= b.length) {
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > b.length) break;
    if (!size) {
      if (type !== "IHDR" || length !== 13) break;
      size = [u32be(b, at + 8), u32be(b, at + 12)];
    }
    if (type === "IEND") {
      if (end !== b.length) throw unsupported("data after the end of the PNG");
      return size;
    }
    at = end;
  }
  throw unsupported("not a well-formed PNG");
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks the marker segments up to the frame header; the file must end with EOI. */
function jpeg(b: Uint8Array): [number, number] {
  if (b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) throw unsupported("not a complete JPEG");
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) break;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = u16be(b, at + 2);
    if (length < 2 || at + 2 + length > b.length || marker === 0xda) break;
    if (SOF.has(marker)) {
      if (length < 8) break;
      return [u16be(b, at + 7), u16be(b, at + 5)];
    }
    at += 2 + length;
  }
  throw unsupported("not a well-formed JPEG");
}

/** The RIFF size must cover the file exactly; the first chunk says how to read the canvas size. */
function webp(b: Uint8Array): [number, number] {
  if (u32le(b, 4) + 8 !== b.length || b.length < 30) throw unsupported("not a well-formed WebP");
  const chunk = ascii(b, 12, 4);
  const data = 20;
  if (chunk === "VP8 " && b[data + 3] === 0x9d && b[data + 4] === 0x01 && b[data + 5] === 0x2a) {
    return [u16le(b, data + 6) & 0x3fff, u16le(b, data + 8) & 0x3fff];
  }
  if (chunk === "VP8L" && b[data] === 0x2f) {
    const bits = u32le(b, data + 1);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === "VP8X") return [u24le(b, data + 4) + 1, u24le(b, data + 7) + 1];
  throw unsupported("not a well-formed WebP");
}

function kindOf(b: Uint8Array): ImageKind {
  if (PNG_SIGNATURE.every((byte, i) => b[i] === byte)) return "png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "webp";
  throw unsupported("unrecognised content");
}

/**
 * What an uploaded file is, judged from its bytes alone (never from a declared type or name):
 * PNG, JPEG or WebP by signature and structure (415 otherwise, SVG included), at most 5 MB (413)
 * and at most 4096 × 4096 pixels by its header (400).
 */
export function inspectImage(bytes: Uint8Array): ImageInfo {
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new ApiError("PAYLOAD_TOO_LARGE", `The image is larger than ${MAX_IMAGE_BYTES} bytes`);
  }
  const kind = kindOf(bytes);
  const [width, height] = kind === "png" ? png(bytes) : kind === "jpeg" ? jpeg(bytes) : webp(bytes);
  if (width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new ApiError(
      "INVALID_INPUT",
      `The image is ${width} × ${height} pixels; each side must be 1 to ${MAX_IMAGE_SIDE}`,
    );
  }
  return { kind, ...IMAGE_TYPES[kind], width, height };
}
