-- wrk script of P3 (bench ApiBench): bearer token, optional POST bodies cycling through Drive file ids, and a summary
-- line (WRKJSON {...}) with request count, latency percentiles and the statuses seen per thread.
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  table.insert(threads, thread)
  next_id = next_id + 1
end

function init(args)
  token = args[1]
  ids_file = args[2]
  batch = args[3]
  nthreads = tonumber(args[4])
  ok = 0
  other = 0
  n = 0
  ids = {}
  if ids_file ~= nil and ids_file ~= "" then
    for line in io.lines(ids_file) do
      ids[#ids + 1] = line
    end
  end
  headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
end

function request()
  if #ids == 0 then
    return wrk.format("GET", nil, headers, nil)
  end
  n = n + 1
  local index = ((n - 1) * nthreads + tid - 1) % #ids + 1
  local body = '{"driveFileId":"' .. ids[index] .. '","batchId":"' .. batch ..
      '","metadata":{"title":"p3 ' .. index .. '","privacyStatus":"private","madeForKids":false}}'
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if status == 200 or status == 201 then
    ok = ok + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local good, bad = 0, 0
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    bad = bad + t:get("other")
  end
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"durationMicros":%d,"p50Micros":%d,"p99Micros":%d,' ..
      '"maxMicros":%d,"ok":%d,"other":%d,"socketErrors":%d}\n', summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(99), latency.max, good, bad,
      e.connect + e.read + e.write + e.timeout))
end
