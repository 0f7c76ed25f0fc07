#pragma once
/// @file
/// The condition language segments, scoring plans and personas are written in. A condition is JSON:
///
///   {"and": [c, …]}  {"or": [c, …]}  {"not": c}
///   {"field": "scores.nps.category", "op": "eq", "value": "promoter"}
///   {"history": "referrals", "where": c, "atLeast": 1, "atMost": 3, "withinDays": 365}
///
/// Every node may carry a "label" naming it in explanations (a labelled and/or is explained by its
/// label instead of its leaves). A condition is validated and
/// compiled once (Condition::compile) and then evaluated against *facts documents*: the profile as
/// the vault serialises it plus `scores`, `cues` and `segments` (see README "Segments and personas").

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/time.hpp"

namespace selfcrm::segments {

struct Node;

/// One condition that held, as an explanation item: where it is written and what it says.
struct Reason {
  std::string at;    ///< JSON Pointer of the condition inside its document (pack)
  std::string text;  ///< readable form, e.g. `scores.nps.category eq "promoter"` or its label
  bool operator==(const Reason& o) const { return at == o.at && text == o.text; }
};

void to_json(nlohmann::json& out, const Reason& reason);

/// @name Bounds on what a condition may cost (a company's pack runs on the customer's device)
/// Compiling refuses a condition beyond them with E_RANGE at the offending member; an evaluation
/// that would take more than kEvalStepBudget steps (a node, a value read, a history record, or 64
/// bytes of text searched) stops with E_RANGE at the condition that ran out.
///@{
inline constexpr std::size_t kMaxConditionNodes = 4096;     ///< nodes in one condition
inline constexpr std::size_t kMaxOperandBytes = 4096;       ///< bytes of one string operand
inline constexpr std::size_t kMaxListOperands = 4096;       ///< values of one in/notIn list
inline constexpr std::uint64_t kEvalStepBudget = 10'000'000;  ///< steps of one evaluation
///@}

/// What a facts document is evaluated with besides itself.
struct EvalContext {
  Timestamp asOf = 0;  ///< "now" for history windows and decay
  /// Segment names known besides the document's own `segments` (memberships computed so far).
  const std::vector<std::string>* extraSegments = nullptr;
};

/// A compiled condition: immutable, cheap to copy (shared), safe to evaluate concurrently.
class Condition {
 public:
  /// Validates and compiles `spec`. Errors are selfcrm::Error with the JSON Pointer of the bad
  /// member: `pointer` is prepended, so a pack reports "/segments/2/condition/and/0/op".
  /// E_SCHEMA: wrong shape, unknown field/operator/member, or a value whose type does not fit the
  /// field or operator; E_RANGE: counts/windows/bounds out of their domain; E_EMPTY: an empty
  /// `and`/`or`/`in` list.
  static Condition compile(const nlohmann::json& spec, const std::string& pointer = "");

  /// True when `facts` satisfies the condition. Throws Error(E_SCHEMA/E_RANGE) only for a history
  /// record whose `at` is not an ISO-8601 time (with its pointer inside `facts`).
  bool test(const nlohmann::json& facts, const EvalContext& ctx) const;

  /// As test(), and appends to `because` the leaves that made it true (nothing when false).
  bool explain(const nlohmann::json& facts, const EvalContext& ctx, std::vector<Reason>& because) const;

  /// For a condition whose root is a history condition: the `at` of every record inside its window
  /// that matches its `where`, in document order. Throws Error(E_SCHEMA) otherwise.
  std::vector<Timestamp> matchingTimes(const nlohmann::json& facts, const EvalContext& ctx) const;

  /// True when the root is a history condition.
  bool isHistory() const noexcept;

  /// Readable form of the whole condition.
  std::string text() const;

 private:
  explicit Condition(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
  std::shared_ptr<const Node> root_;
};

/// Validates a facts document's shape enough to evaluate it: an object. Throws Error(E_SCHEMA, "").
void requireFactsObject(const nlohmann::json& facts);

}  // namespace selfcrm::segments
