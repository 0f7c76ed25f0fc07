// Vault documents: rejected with a code, or read so that writing and reading again is lossless.
// Read from text (the JSON tape) a document is never accepted that the JSON tree refuses, and it
// reads the same.
#include "fuzz_util.hpp"
#include "selfcrm/vault/vault.hpp"

using namespace selfcrm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Vault fromText;
  const bool textOk = fuzz::accepted([&] { fromText = Vault::fromText(fuzz::text(data, size)); });
  const auto doc = nlohmann::json::parse(fuzz::text(data, size), nullptr, false);
  if (doc.is_discarded()) {
    fuzz::require(!textOk);
    return 0;
  }
  Vault vault;
  if (!fuzz::accepted([&] { vault = Vault::fromJson(doc); })) {
    fuzz::require(!textOk);
    return 0;
  }
  const auto once = vault.toJson();
  fuzz::require(Vault::fromJson(once).toJson() == once);
  if (textOk) fuzz::require(fromText.toJson() == once);
  return 0;
}
