// Vault documents: rejected with a code, or read so that writing and reading again is lossless.
#include "fuzz_util.hpp"
#include "selfcrm/vault/vault.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto doc = nlohmann::json::parse(fuzz::text(data, size), nullptr, false);
  if (doc.is_discarded()) return 0;
  Vault vault;
  if (!fuzz::accepted([&] { vault = Vault::fromJson(doc); })) return 0;
  const auto once = vault.toJson();
  fuzz::require(Vault::fromJson(once).toJson() == once);
  return 0;
}
