#pragma once
// Workloads timed identically by the native and the wasm build of selfcrm_core_bench.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace selfcrm::bench {

struct Workload {
  std::string name;
  std::string unit;                    ///< what `items` counts, e.g. "lines"
  std::function<std::size_t()> setup;  ///< builds inputs once; returns items per run
  std::function<double()> run;         ///< one timed run; returns a checksum (printed, compared)
};

std::vector<Workload>& workloads();

struct Register {
  explicit Register(Workload w) { workloads().push_back(std::move(w)); }
};

}  // namespace selfcrm::bench
