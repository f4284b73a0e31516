// Builds Slack workspace exports as a person downloads them (a .zip with users.json,
// channels.json and one folder per channel of day files), for the chat-import scenarios
// and the benchmark. Written from Slack's export documentation; node's zlib deflates.
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive (Deflate) of `files`: [name, string | Buffer] pairs, in order. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // Deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Slack's `ts` for a time: seconds since 1970 with six digits after the point. */
export function ts(date, sequence = 0) {
  const seconds = Math.floor(date.getTime() / 1000);
  return `${seconds}.${String(sequence).padStart(6, '0')}`;
}

/**
 * An export zip from `users` ([{id, name, real_name}]) and `channels`
 * ({name: [message records]}); messages are split into day files by their UTC date.
 */
export function slackExport(users, channels) {
  const files = [
    ['users.json', JSON.stringify(users.map((u) => ({ id: u.id, name: u.name, real_name: u.real_name, profile: { real_name: u.real_name, display_name: u.name } })))],
    ['channels.json', JSON.stringify(Object.keys(channels).map((name, i) => ({ id: `C${1000 + i}`, name })))],
  ];
  for (const [name, messages] of Object.entries(channels)) {
    const days = new Map();
    for (const m of messages) {
      const day = new Date(Number(m.ts.split('.')[0]) * 1000).toISOString().slice(0, 10);
      if (!days.has(day)) days.set(day, []);
      days.get(day).push(m);
    }
    for (const [day, list] of days) files.push([`${name}/${day}.json`, JSON.stringify(list)]);
  }
  return zip(files);
}

/** A busy incident channel: `count` messages from `people` people over `hours` hours. */
export function generatedExport(count, people = 60, hours = 12, start = new Date('2019-11-06T14:00:00Z')) {
  const users = Array.from({ length: people }, (_, i) => ({ id: `U${i}`, name: `responder${i}`, real_name: `Responder ${i}` }));
  users.push({ id: 'B1', name: 'alertbot', real_name: 'Alert Bot' });
  const step = (hours * 3600 * 1000) / count;
  const messages = Array.from({ length: count }, (_, i) => {
    const at = new Date(start.getTime() + i * step);
    if (i % 50 === 7) {
      return { type: 'message', subtype: 'bot_message', bot_id: 'B1', username: 'alertbot', text: `FIRING: HighErrorRate service-${i % 13}`, ts: ts(at, i % 1000) };
    }
    const user = `U${(i * 7) % people}`;
    const record = { type: 'message', user, text: `update ${i}: checking <@U${(i + 1) % people}> dashboards for shard ${i % 97}`, ts: ts(at, i % 1000) };
    if (i % 10 === 3) record.thread_ts = ts(new Date(start.getTime() + (i - 3) * step), (i - 3) % 1000);
    return record;
  });
  return slackExport(users, { incident: messages, general: messages.slice(0, 100) });
}
