// Round trips of `list_claims` over one kept-alive HTTP connection, as a browser makes them:
// the check that an answer is not held back by Nagle's algorithm waiting for the client's
// delayed acknowledgement (a 40 ms step in the distribution).
//
//   claimdesk serve --port 7878 --db DESK.sqlite3 &
//   node bench/keepalive_latency.mjs [--url http://127.0.0.1:7878] [--runs 200]
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: { url: { type: 'string', default: 'http://127.0.0.1:7878' }, runs: { type: 'string', default: '200' } },
});
const runs = Number(options.runs);

async function roundTrip(args) {
  const start = performance.now();
  const response = await fetch(`${options.url}/api/list_claims`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`list_claims answered ${response.status}: ${body}`);
  return { ms: performance.now() - start, bytes: body.length };
}

for (const limit of [10, 100]) {
  const samples = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const answer = await roundTrip({ statuses: ['disputed'], offset: 0, limit });
    samples.push(answer.ms);
    bytes = answer.bytes;
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  const late = samples.filter((ms) => ms > 38).length;
  console.log(
    `disputed claims, page of ${String(limit).padStart(3)} (${bytes} bytes): median ${at(0.5)} ms, p95 ${at(0.95)} ms, ` +
      `max ${samples.at(-1).toFixed(1)} ms, over 38 ms: ${late} of ${runs}`,
  );
}
