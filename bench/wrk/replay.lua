-- Replays pre-signed webhook deliveries (written by `loadgen presign`), each exactly once while they last.
-- Every line of the file is "header<TAB>signature<TAB>body"; thread k of n sends lines k, k+n, k+2n, ...
-- Requests are built once at start-up, so wrk only copies bytes while it measures.
-- Arguments (after --): <file> <path> <threads, as given to wrk -t>
-- Prints one JSON line at the end (latencies in ms), for bench/run.sh.

local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

function init(args)
  local file = args[1]
  local path = args[2]
  local thread_count = tonumber(args[3])
  requests = {}
  local n = 0
  local line_number = 0
  for line in io.lines(file) do
    if line_number % thread_count == index then
      local header, signature, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = { ["Content-Type"] = "application/json" }
      if header ~= "" then headers[header] = signature end
      n = n + 1
      requests[n] = wrk.format("POST", path, headers, body)
    end
    line_number = line_number + 1
  end
  total = n
  next_request = 0
end

function request()
  next_request = next_request % total + 1
  return requests[next_request]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "requestsPerSecond": %.1f, "p50Ms": %.2f, "p90Ms": %.2f, "p99Ms": %.2f, "maxMs": %.2f, ' ..
    '"non2xx": %d, "socketErrors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write, e.timeout))
end
