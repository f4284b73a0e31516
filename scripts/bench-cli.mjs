// The command line's share of the benchmark: how the public render grows with people and
// redaction terms next to the internal render of the same review, and `meta --public`
// next to `meta` over a folder of reviews. Prints figures, never fails on them.
// Usage: node scripts/bench-cli.mjs [--runs N]   (needs target/release/debrief)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const CLI = 'target/release/debrief';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const SENTENCES = [
  'checked the ingest dashboards and saw memory rising on every host',
  'restarted a host and the error rate dropped for a few minutes',
  'posted an update to the status page about rejected telemetry',
  'paged the storage team, who joined the call shortly after',
  'rolled back the deploy of the compression library',
];

/**
 * A review of about `kilobytes` KB of text naming its people and terms throughout, with
 * `people` persons and `terms` redaction terms. Every entry is public, so the public
 * render scrubs all of it.
 */
function review(id, { people, terms, events, title }) {
  const start = Date.parse('2019-11-06T10:00:00Z');
  const persons = Array.from({ length: people }, (_, i) => ({
    id: `p${i}`, name: `Avery Responder${i}`, kind: 'person', roles: ['responder'], team: `Team ${i % 7}`,
  }));
  const hosts = Array.from({ length: terms }, (_, i) => `ingest-${i}.corp.internal`);
  const timeline = Array.from({ length: events }, (_, i) => ({
    id: `e${i}`,
    at: new Date(start + i * 20_000).toISOString(),
    text: `Avery Responder${i % Math.max(people, 1)} ${SENTENCES[i % 5]} on ${hosts[i % Math.max(terms, 1)] ?? 'ingest'}; Responder${(i + 3) % Math.max(people, 1)} agreed.`,
    kind: 'observation',
    actor: people ? `p${i % people}` : null,
    key: i % 250 === 0,
    visibility: 'public',
  }));
  return {
    format: 'debrief.review',
    schema_version: 3,
    review: {
      id, title, status: 'published',
      created_at: new Date(start).toISOString(), updated_at: new Date(start).toISOString(),
      incident: { start: new Date(start).toISOString(), end: new Date(start + events * 20_000).toISOString(), time_zone: 'UTC' },
      summary: `Memory leaked on ${hosts[0] ?? 'ingest'} and Avery Responder0 noticed.`,
      people: persons,
      timeline,
      redactions: hosts.map((term, i) => ({ term, replacement: `ingest host ${i}` })),
    },
  };
}

/** Milliseconds for one run of the CLI, median of RUNS. */
function time(args) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    execFileSync(CLI, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t0);
  }
  return median(times);
}

const dir = mkdtempSync(join(tmpdir(), 'debrief-bench-'));
try {
  console.log('\nCommand line: public render next to the internal one (median of', RUNS, 'runs)');
  const shapes = [
    ['1 person, 1 term', { people: 1, terms: 1 }],
    ['300 people', { people: 300, terms: 1 }],
    ['300 redaction terms', { people: 1, terms: 300 }],
    ['300 people and 300 terms', { people: 300, terms: 300 }],
  ];
  for (const [label, shape] of shapes) {
    const file = join(dir, `${shape.people}-${shape.terms}.json`);
    writeFileSync(file, JSON.stringify(review('big', { ...shape, events: 14_000, title: 'A long incident' })));
    const size = (statSync(file).size / 1024 / 1024).toFixed(1);
    const internal = time(['render', file, '-o', join(dir, 'internal.html')]);
    const pub = time(['render', '--public', file, '-o', join(dir, 'public.html')]);
    console.log(
      `  ${`${label} (${size} MB)`.padEnd(38)} internal ${internal.toFixed(0).padStart(6)} ms   public ${pub.toFixed(0).padStart(6)} ms   ratio ${(pub / internal).toFixed(2)} (goal: at most 2)`,
    );
  }

  const folder = join(dir, 'reviews');
  mkdirSync(folder);
  const REVIEWS = 300;
  for (let i = 0; i < REVIEWS; i += 1) {
    const doc = review(`r${i}`, { people: 12, terms: 20, events: 60, title: `Elevated errors on service ${i % 17}` });
    doc.review.incident.start = new Date(Date.parse('2024-01-01T00:00:00Z') + i * 37 * 3600e3).toISOString();
    doc.review.incident.end = null;
    writeFileSync(join(folder, `r${i}.json`), JSON.stringify(doc));
  }
  const metaInternal = time(['meta', folder, '-o', join(dir, 'meta.html')]);
  const metaPublic = time(['meta', '--public', folder, '-o', join(dir, 'meta-public.html')]);
  console.log(`\nCommand line: meta-review over ${REVIEWS} reviews (12 people and 20 terms each)`);
  console.log(`  internal ${metaInternal.toFixed(0).padStart(6)} ms   public ${metaPublic.toFixed(0).padStart(6)} ms   ratio ${(metaPublic / metaInternal).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
