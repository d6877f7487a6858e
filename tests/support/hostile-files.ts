/** Hostile files shared by the hostile-input tests and bench/hostile-uploads.ts. */
import { constants, deflateRawSync } from 'node:zlib';

/** A multipart body carrying one file in the field « fichier ». */
export function fileBody(fileName: string, content: Uint8Array) {
  const boundary = 'BoUnDaRy42';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, Buffer.from(content), tail]),
  };
}

/**
 * A small ODT-looking zip whose content.xml inflates to 1.5 GB of spaces. The deflate stream is one
 * 16 MB chunk of spaces compressed once and ended by a full flush (which resets the compressor, so
 * the same bytes encode every following chunk), repeated 96 times, then an empty final block: the
 * same 1.5 GB as compressing it whole, made in a fraction of a second instead of half a minute.
 */
let bombCache: Uint8Array | undefined;
export function zipBomb(): Uint8Array {
  bombCache ??= buildZipBomb();
  return bombCache;
}
function buildZipBomb(): Uint8Array {
  const chunk = new Uint8Array(16 * 1024 * 1024).fill(0x20);
  const chunks = 96;
  const size = chunk.length * chunks;
  const once = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  // The final block: BFINAL = 1, fixed Huffman codes, end of block at once.
  const compressed = Buffer.concat([
    ...Array.from({ length: chunks }, () => once),
    Buffer.from([0x03, 0x00]),
  ]);
  // The compressed entry, wrapped in a ZIP by hand: local header, data, central directory, end record.
  const name = Buffer.from('content.xml');
  const mimetype = Buffer.from('application/vnd.oasis.opendocument.text');
  const entries = [
    { name: Buffer.from('mimetype'), data: mimetype, method: 0, size: mimetype.length },
    { name, data: compressed, method: 8, size },
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(e.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, e.name, e.data);
    centrals.push(central, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
