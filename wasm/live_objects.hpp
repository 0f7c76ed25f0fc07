#pragma once
// Every class handed to JS derives from Counted so a test can prove that nothing is left alive.
#include <cstddef>

namespace selfcrm::wasm {

std::size_t& liveObjectCount();

class Counted {
 public:
  Counted() { ++liveObjectCount(); }
  Counted(const Counted&) { ++liveObjectCount(); }
  Counted& operator=(const Counted&) = default;
  ~Counted() { --liveObjectCount(); }
};

}  // namespace selfcrm::wasm
