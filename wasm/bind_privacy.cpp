// Local differential privacy: randomized response on the customer's side, estimation on the
// company's. Bulk inputs arrive as doubles in the heap; results are envelopes.
#include <emscripten/bind.h>

#include <string>

#include "heap.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/privacy/randomized_response.hpp"
#include "selfcrm/privacy/unary_encoding.hpp"

namespace selfcrm::wasm {
namespace {

// k arrives as a JS number; anything unusable becomes 0, which the core rejects with E_RANGE at /k.
std::size_t categories(double k) { return k >= 0 && k < 1e6 ? static_cast<std::size_t>(k) : 0; }

std::string ldpMechanism(double k, double epsilon) {
  return guarded([&] { return privacy::mechanism(categories(k), epsilon); });
}

std::string ldpRandomize(std::uintptr_t truths, std::uintptr_t uniforms, std::size_t n, double k,
                         double epsilon) {
  return guarded([&] {
    const auto m = privacy::mechanism(categories(k), epsilon);
    return privacy::randomizeBatch(m, heapArray<double>(truths), heapArray<double>(uniforms), n);
  });
}

std::string ldpEstimate(std::uintptr_t counts, std::size_t k, double epsilon) {
  return guarded([&] {
    return privacy::estimateFrequencies(privacy::countsFromDoubles(heapArray<double>(counts), k), epsilon);
  });
}

std::string ldpEstimateNps(std::uintptr_t counts, double epsilon) {
  return guarded([&] {
    const auto c = privacy::countsFromDoubles(heapArray<double>(counts), 3);
    return privacy::estimateNps(c[0], c[1], c[2], epsilon);
  });
}

std::string ldpUnaryMechanism(double k, double epsilon) {
  return guarded([&] { return privacy::unaryMechanism(categories(k), epsilon); });
}

std::string ldpUnaryRandomize(std::uintptr_t truths, std::uintptr_t uniforms, std::size_t n, double k,
                              double epsilon) {
  return guarded([&] {
    const auto m = privacy::unaryMechanism(categories(k), epsilon);
    return privacy::unaryRandomizeBatch(m, heapArray<double>(truths), heapArray<double>(uniforms), n);
  });
}

std::string ldpUnaryEstimate(std::uintptr_t bits, std::size_t n, std::size_t k, double epsilon) {
  return guarded([&] { return privacy::estimateUnary(heapArray<std::uint8_t>(bits), n, k, epsilon); });
}

std::string ldpUnaryEstimateNps(std::uintptr_t bits, std::size_t n, double epsilon) {
  return guarded([&] { return privacy::estimateUnaryNps(heapArray<std::uint8_t>(bits), n, epsilon); });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_privacy) {
  using namespace selfcrm::wasm;
  emscripten::function("ldpMechanism", &ldpMechanism);
  emscripten::function("ldpRandomize", &ldpRandomize);
  emscripten::function("ldpEstimate", &ldpEstimate);
  emscripten::function("ldpEstimateNps", &ldpEstimateNps);
  emscripten::function("ldpUnaryMechanism", &ldpUnaryMechanism);
  emscripten::function("ldpUnaryRandomize", &ldpUnaryRandomize);
  emscripten::function("ldpUnaryEstimate", &ldpUnaryEstimate);
  emscripten::function("ldpUnaryEstimateNps", &ldpUnaryEstimateNps);
}
