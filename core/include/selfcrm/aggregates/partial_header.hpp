#pragma once
/// @file
/// What every partial summary starts with, and the rule that decides which parts may be merged:
/// the same format and version, the same engine version, the same rules (a hash of the model and
/// packs the caller used) and the same as-of time. Anything else would mix two different analyses
/// into one number, so merging refuses it.

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace selfcrm::aggregates {

struct PartialHeader {
  std::string format;     ///< e.g. "selfcrm.report.partial"
  int version = 1;
  std::string engine;     ///< the engine (package) version that wrote it
  std::string rulesHash;  ///< hex digest of the rules; "" for steps without rules
  std::string asOf;       ///< ISO-8601; "" for steps without a date
};

/// Writes the header members into `out` (an object).
void writeHeader(nlohmann::ordered_json& out, const PartialHeader& header);

/// Reads a header and checks it against `expected`: a different format is E_SCHEMA at /format, a
/// newer version E_VERSION at /version, another engine, rules or as-of E_CONFLICT at that member.
/// The message names both values.
PartialHeader readHeader(const nlohmann::json& part, const PartialHeader& expected);

/// Admits parts into one merge: the first part fixes the rules and as-of time unless the merging
/// run gave them; every part must match the format, version and this engine's version.
class PartGate {
 public:
  /// `expected.rulesHash` / `expected.asOf` empty: taken from the first part admitted.
  explicit PartGate(PartialHeader expected) : expected_(std::move(expected)) {}
  /// Throws like readHeader for a part that does not fit the others.
  void admit(const nlohmann::json& part);
  const PartialHeader& header() const noexcept { return expected_; }
  bool empty() const noexcept { return parts_ == 0; }

 private:
  PartialHeader expected_;
  std::size_t parts_ = 0;
};

/// Reads a whole count member (E_SCHEMA at /name otherwise).
std::uint64_t countMember(const nlohmann::json& object, const char* name, const std::string& at = "");
/// Reads {"name": count, …} (E_SCHEMA at the member otherwise) into `into`, adding.
void addCountsMember(const nlohmann::json& object, const char* name, std::map<std::string, std::uint64_t>& into);

/// Parses one partial document (E_PARSE with the byte offset when it is not JSON).
nlohmann::json parsePartial(const std::string& text);

}  // namespace selfcrm::aggregates
