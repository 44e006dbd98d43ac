-- Used by bench/_common.py (drive_wrk): print one machine-readable line at the end of a wrk run.
-- Latencies are in microseconds in wrk; errors are failed connections, reads, writes,
-- timeouts and answers with a status of 400 or more.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK %d %.6f %.3f %.3f %.3f %d\n",
    summary.requests,
    summary.duration / 1e6,
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status
  ))
end
