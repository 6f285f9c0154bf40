package io.ignis.tsdb;

/**
 * A full (cut) head chunk: XOR bytes of exactly {@code numSamples} samples in {@code [mint, maxt]}, whose
 * first sample is the series' {@code firstIndex}-th since it was created. Kept on the heap for now; mapping
 * full chunks to {@code chunks_head/} (Prometheus's ChunkDiskMapper) is the next step.
 */
record MemChunk(byte[] bytes, long mint, long maxt, int numSamples, long firstIndex) {
}
