// The identity vault: one handle per open vault; every method returns an envelope.
#include <emscripten/bind.h>

#include <cmath>
#include <string>

#include "heap.hpp"
#include "live_objects.hpp"
#include "seconds.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault.hpp"

namespace selfcrm::wasm {
namespace {

Timestamp seconds(double now) { return checkedSeconds(now, "", "the current time"); }

class VaultHandle : Counted {
 public:
  std::string reset(const std::string& id) {
    return guarded([&] {
      vault_ = Vault(id);
      return nullptr;
    });
  }
  std::string load(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      vault_ = Vault::fromText(heapText(text, bytes));
      return nullptr;
    });
  }
  /// The document as text inside an ok envelope, written without a JSON tree (large vaults).
  std::string toText() const {
    return guardedText([&] { return vault_.toText(); });
  }
  std::string profile() const {
    return guarded([&] { return profileToJson(vault_.profile()); });
  }
  std::string journal() const {
    return guarded([&] {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& e : vault_.journal()) out.push_back(journalEntryToJson(e));
      return out;
    });
  }
  std::string addIdentity(const std::string& identity, double now) {
    return guarded([&] { return nlohmann::json{{"merged", vault_.addIdentity(parseJsonLine(identity), seconds(now))}}; });
  }
  std::string updateIdentity(const std::string& patch, double now) {
    return guarded([&] {
      vault_.updateIdentity(parseJsonLine(patch), seconds(now));
      return nullptr;
    });
  }
  std::string removeIdentity(const std::string& key, double now) {
    return guarded([&] {
      vault_.removeIdentity(parseJsonLine(key), seconds(now));
      return nullptr;
    });
  }
  std::string setAttribute(const std::string& category, const std::string& name, const std::string& value, double now) {
    return guarded([&] {
      vault_.setAttribute(category, name, parseJsonLine(value), seconds(now));
      return nullptr;
    });
  }
  std::string removeAttribute(const std::string& category, const std::string& name, double now) {
    return guarded([&] {
      vault_.removeAttribute(category, name, seconds(now));
      return nullptr;
    });
  }
  std::string addRecord(const std::string& type, const std::string& record, double now) {
    return guarded([&] { return nlohmann::json{{"added", vault_.addRecord(type, parseJsonLine(record), seconds(now))}}; });
  }
  std::string importHistory(std::uintptr_t text, std::size_t bytes, std::size_t firstLine, double now) {
    return guarded([&] { return vault_.importHistory(heapText(text, bytes), firstLine, seconds(now)); });
  }
  std::string decideIdentities(const std::string& request, double now) {
    return guarded([&] { return nlohmann::json{{"changed", vault_.decideIdentities(parseJsonLine(request), seconds(now))}}; });
  }
  std::string applyImport(std::uintptr_t text, std::size_t bytes, double now) {
    return guarded([&] {
      JsonTape batch;
      batch.parse(heapText(text, bytes));
      return vault_.applyImportTape(batch.root(), seconds(now));
    });
  }
  std::string merge(const VaultHandle& other, double now) {
    return guarded([&] {
      vault_.merge(other.vault_, seconds(now));
      return nullptr;
    });
  }

 private:
  Vault vault_;
};

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_vault) {
  using namespace selfcrm::wasm;
  emscripten::class_<VaultHandle>("VaultHandle")
      .constructor<>()
      .function("reset", &VaultHandle::reset)
      .function("load", &VaultHandle::load)
      .function("toText", &VaultHandle::toText)
      .function("profile", &VaultHandle::profile)
      .function("journal", &VaultHandle::journal)
      .function("addIdentity", &VaultHandle::addIdentity)
      .function("updateIdentity", &VaultHandle::updateIdentity)
      .function("removeIdentity", &VaultHandle::removeIdentity)
      .function("setAttribute", &VaultHandle::setAttribute)
      .function("removeAttribute", &VaultHandle::removeAttribute)
      .function("addRecord", &VaultHandle::addRecord)
      .function("importHistory", &VaultHandle::importHistory)
      .function("applyImport", &VaultHandle::applyImport)
      .function("decideIdentities", &VaultHandle::decideIdentities)
      .function("merge", &VaultHandle::merge);
}
