// Scoring models: rejected with a code, or parsed so that the written model reads back the same.
#include "fuzz_util.hpp"
#include "selfcrm/scores/model.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  scores::Model model;
  if (!fuzz::accepted([&] { model = scores::Model::parse(std::string(fuzz::text(data, size))); })) return 0;
  const nlohmann::json once = model;
  fuzz::require(nlohmann::json(scores::Model::fromJson(once)) == once);
  return 0;
}
