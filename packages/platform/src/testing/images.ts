// Real, decodable images of any size, built byte by byte so tests need no binary fixtures.

const concat = (...parts: (Uint8Array | number[])[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
const bytesOf = (s: string) => new TextEncoder().encode(s);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Uint8Array) => {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const pngChunk = (type: string, data: Uint8Array) => {
  const body = concat(bytesOf(type), data);
  return concat(be32(data.length), body, be32(crc32(body)));
};

async function zlib(raw: Uint8Array) {
  const stream = new Blob([raw]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A grayscale PNG whose pixel values vary with `seed`, so two seeds give two different files. */
export async function makePng(width = 2, height = 2, seed = 0) {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x + y + seed) & 255;
  const ihdr = concat(be32(width), be32(height), [8, 0, 0, 0, 0]);
  return concat(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", await zlib(raw)),
    pngChunk("IEND", new Uint8Array()),
  );
}

/**
 * A baseline grayscale JPEG, flat grey: one quantisation table, one-symbol Huffman tables, and
 * every 8×8 block coded as "DC difference 0, end of block" (two bits).
 */
export function makeJpeg(width = 2, height = 2) {
  const segment = (marker: number, data: number[]) => [0xff, marker, ...be16(data.length + 2), ...data];
  const oneSymbolTable = (classAndId: number) => [classAndId, 1, ...new Array(15).fill(0), 0];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const scan = new Array(Math.ceil((blocks * 2) / 8)).fill(0);
  const padBits = scan.length * 8 - blocks * 2;
  if (padBits > 0) scan[scan.length - 1] = (1 << padBits) - 1;
  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xdb, [0, ...new Array(64).fill(1)]),
    ...segment(0xc0, [8, ...be16(height), ...be16(width), 1, 1, 0x11, 0]),
    ...segment(0xc4, oneSymbolTable(0x00)),
    ...segment(0xc4, oneSymbolTable(0x10)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff,
    0xd9,
  ]);
}

/** A lossless (VP8L) WebP of one colour; its one-symbol codes cost no bits per pixel, so any size decodes. */
export function makeWebp(width = 1, height = 1) {
  const webp = Uint8Array.from(atob("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="), (c) =>
    c.charCodeAt(0),
  );
  const view = new DataView(webp.buffer);
  const bits = view.getUint32(21, true);
  view.setUint32(21, ((bits & ~0x0fffffff) | (width - 1) | ((height - 1) << 14)) >>> 0, true);
  return webp;
}

/** A multipart body with one file field. */
export function imageForm(
  field: string,
  bytes: Uint8Array,
  type = "application/octet-stream",
  name = "image",
) {
  const form = new FormData();
  form.set(field, new File([bytes], name, { type }));
  return form;
}
