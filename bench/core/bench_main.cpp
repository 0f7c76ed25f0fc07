// Runs every workload once untimed, then `repeats` times, and prints one JSON line each: the
// median seconds and a checksum, so the two builds' results can be compared before their speeds are.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench.hpp"

namespace selfcrm::bench {
std::vector<Workload>& workloads() {
  static std::vector<Workload> all;
  return all;
}
}  // namespace selfcrm::bench

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 5;
  // An optional name prefix runs one workload alone, for a profiler.
  const std::string only = argc > 2 ? argv[2] : "";
  for (auto& w : selfcrm::bench::workloads()) {
    if (w.name.compare(0, only.size(), only) != 0) continue;
    const std::size_t items = w.setup();
    std::vector<double> seconds;
    // One untimed pass first, as the JS benchmarks do: in wasm it lets V8 move the hot functions
    // from its baseline compiler to the optimising one (natively it only warms the caches).
    double checksum = w.run();
    for (int i = 0; i < repeats; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      checksum = w.run();
      seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("{\"name\":\"%s\",\"unit\":\"%s\",\"items\":%zu,\"medianSeconds\":%.9g,\"checksum\":%.17g}\n",
                w.name.c_str(), w.unit.c_str(), items, seconds[seconds.size() / 2], checksum);
  }
  return 0;
}
