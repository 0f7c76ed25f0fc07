#include "selfcrm/scores/fit_profiles.hpp"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/detail/json_text.hpp"
#include "selfcrm/error.hpp"
#include "stable_order.hpp"

namespace selfcrm::scores {
namespace {

struct Origin {
  std::size_t line;
  std::string path;
};

/// The transaction line of one purchase: customerId, and at, amount, margin as given (absent
/// ones left out; margin 0 when absent or null). A purchase that is not an object gives none.
void appendTransaction(std::string& out, std::string_view customerId, JsonView t) {
  appendJsonString(out, customerId, "{\"customerId\":");
  JsonView value = t;
  if (t.isObject() && t.find("at", value)) out += ",\"at\":", out += value.dump();
  if (t.isObject() && t.find("amount", value)) out += ",\"amount\":", out += value.dump();
  const bool margin = t.isObject() && t.find("margin", value) && value.type() != JsonTape::Type::Null;
  out += ",\"margin\":";
  out += margin ? value.dump() : "0";
  out += "}\n";
}

}  // namespace

ProfileFit fitModelFromProfiles(std::string_view ndjson, std::size_t firstLine, const FitOptions& options) {
  ProfileFit out;
  std::vector<LineReject> rejects;
  std::vector<Origin> origins;  // of each transaction line, in order
  std::string lines;
  JsonTape tape;
  forEachLine(ndjson, firstLine, [&](std::size_t line, std::string_view text) {
    try {
      tape.parseBorrowing(text);
    } catch (const Error& e) {  // syntax, a number out of range, a repeated key: said as the tape says it
      rejects.push_back({line, e.code(), e.path(), e.what()});
      return;
    }
    const JsonView doc = tape.root();
    JsonView id = doc, history = doc, transactions = doc;
    if (!doc.isObject() || !doc.find("id", id) || !id.isString()) {
      rejects.push_back({line, ErrorCode::Schema, "/id", "a profile is an object with a string id"});
      return;
    }
    const bool listed = doc.find("history", history) && history.isObject() && history.find("transactions", transactions) &&
                        transactions.type() != JsonTape::Type::Null;
    if (listed && !transactions.isArray()) {
      rejects.push_back({line, ErrorCode::Schema, "/history/transactions", "transactions must be an array"});
      return;
    }
    ++out.profiles;
    if (!listed) return;
    transactions.forEachElement([&](std::size_t i, JsonView t) {
      appendTransaction(lines, id.string(), t);
      origins.push_back({line, pointerAppend("/history/transactions", i)});
    });
  });
  out.fit = fitModel(lines, options);
  for (LineReject r : out.fit.rejects) {
    if (r.line >= 1 && r.line <= origins.size()) {
      const Origin& o = origins[r.line - 1];
      r.line = o.line;
      r.path = o.path + r.path;
    }
    rejects.push_back(std::move(r));
  }
  detail::stableSort(rejects, [](const LineReject& a, const LineReject& b) { return a.line < b.line; });
  out.fit.rejects = std::move(rejects);
  return out;
}

void to_json(nlohmann::json& out, const ProfileFit& fit) {
  out = fit.fit;
  out["profiles"] = fit.profiles;
}

}  // namespace selfcrm::scores
