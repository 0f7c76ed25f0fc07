#pragma once
// Cases whose result envelopes must be byte-identical between the native and the wasm build.
// Each area registers its own cases in golden/<area>_cases.cpp with SELFCRM_GOLDEN.
#include <functional>
#include <string>
#include <vector>

namespace selfcrm::golden {

struct Case {
  std::string name;
  std::function<std::string()> run;  ///< returns an envelope (selfcrm::guarded)
};

std::vector<Case>& registry();

struct Registrar {
  Registrar(std::string name, std::function<std::string()> run) {
    registry().push_back({std::move(name), std::move(run)});
  }
};

}  // namespace selfcrm::golden

#define SELFCRM_GOLDEN_CAT2(a, b) a##b
#define SELFCRM_GOLDEN_CAT(a, b) SELFCRM_GOLDEN_CAT2(a, b)
/// SELFCRM_GOLDEN("name") { return selfcrm::guarded(...); }
#define SELFCRM_GOLDEN(name)                                                              \
  static std::string SELFCRM_GOLDEN_CAT(goldenCase_, __LINE__)();                         \
  static ::selfcrm::golden::Registrar SELFCRM_GOLDEN_CAT(goldenReg_, __LINE__)(           \
      name, &SELFCRM_GOLDEN_CAT(goldenCase_, __LINE__));                                  \
  static std::string SELFCRM_GOLDEN_CAT(goldenCase_, __LINE__)()
