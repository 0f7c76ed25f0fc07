// The shape a chunk's results take before they reach the sink. It is produced where the chunk was
// processed — a worker thread when --jobs > 1 — so the main thread only moves bytes.

/** NDJSON lines as the processor wrote them, or JSON array items ("v1,\nv2") for `--format json`. */
export type ResultForm = 'ndjson' | 'json-items';

/** A chunk's result lines in `form`: NDJSON bytes pass through untouched. */
export function shapeChunk(r: { ndjson: string } | { bytes: Uint8Array }, form: ResultForm): string | Uint8Array {
  if ('bytes' in r) return form === 'ndjson' ? r.bytes : shapeResults(decoder.decode(r.bytes), form);
  return shapeResults(r.ndjson, form);
}

const decoder = new TextDecoder();

export function shapeResults(ndjson: string, form: ResultForm): string {
  if (form === 'ndjson' || !ndjson) return ndjson;
  // Parsed and written again so the array holds the same JSON text whichever thread made it.
  return ndjson.split('\n').filter(Boolean).map((l) => JSON.stringify(JSON.parse(l))).join(',\n');
}
