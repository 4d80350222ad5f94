// A ZIP archive (PKWARE APPNOTE 6.3) of text files, stored without compression: names in
// UTF-8 (flag bit 11), CRC-32 per entry, and every entry stamped with one given day, so the
// same files give the same bytes. Small on purpose: no ZIP64, so under 4 GB and 65,535 files.

let table = null;
function crcTable() {
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
}

/** The CRC-32 of bytes (as zip, gzip and PNG use it). */
export function crc32(bytes) {
  const t = table || crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// MS-DOS date and time of midnight on an ISO day (zip cannot say earlier than 1980).
function dosStamp(day) {
  const [y, m, d] = day < "1980-01-01" ? [1980, 1, 1] : day.split("-").map(Number);
  return [0, ((y - 1980) << 9) | (m << 5) | d];
}

/** A store-only ZIP of [{name, text}] as bytes, every entry dated `day` ('2026-09-01'). */
export function zip(files, day) {
  const enc = new TextEncoder(),
    [time, date] = dosStamp(day),
    parts = [],
    central = [];
  let offset = 0;
  // One header: its fixed fields (sizes in bytes: 4 for a number >= 0x10000, else 2), then the name.
  const header = (fields, name) => {
    const out = new Uint8Array(fields.reduce((n, [, size]) => n + size, 0) + name.length),
      view = new DataView(out.buffer);
    let at = 0;
    for (const [value, size] of fields) (size === 4 ? view.setUint32(at, value, true) : view.setUint16(at, value, true), (at += size));
    out.set(name, at);
    return out;
  };
  for (const f of files) {
    const name = enc.encode(f.name),
      body = enc.encode(f.text),
      crc = crc32(body);
    // version needed 2.0, UTF-8 names, stored; then time, date, CRC, sizes, name length, no extra field
    const common = [
      [20, 2],
      [0x0800, 2],
      [0, 2],
      [time, 2],
      [date, 2],
      [crc, 4],
      [body.length, 4],
      [body.length, 4],
      [name.length, 2],
      [0, 2],
    ];
    const local = header([[0x04034b50, 4], ...common], name);
    central.push(header([[0x02014b50, 4], [20, 2], ...common, [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]], name));
    parts.push(local, body);
    offset += local.length + body.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = header(
    [
      [0x06054b50, 4],
      [0, 2],
      [0, 2],
      [files.length, 2],
      [files.length, 2],
      [size, 4],
      [offset, 4],
      [0, 2],
    ],
    new Uint8Array(0),
  );
  const all = parts.concat(central, [end]),
    out = new Uint8Array(offset + size + end.length);
  let at = 0;
  for (const p of all) (out.set(p, at), (at += p.length));
  return out;
}
