// Evaluation of compiled conditions over facts documents. Fields that hold lists (identities,
// list attributes, segments) match when any element does; a value of the wrong type never matches.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "condition_node.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/segments/condition.hpp"

namespace selfcrm::segments {
namespace {

using nlohmann::json;

// What is left of the current evaluation's step budget (evaluations do not nest).
thread_local std::uint64_t stepsLeft = kEvalStepBudget;

void step(const Node& n, std::uint64_t cost = 1) {
  if (cost > stepsLeft) {
    throw Error(ErrorCode::Range, n.at,
                "evaluating this condition takes more than " + std::to_string(kEvalStepBudget) +
                    " steps on this document (the step budget of a condition)");
  }
  stepsLeft -= cost;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Calls fn(value, inList) for every value at `path` below `node`; arrays met on the way fan out.
template <class Fn>
void collect(const Node& n, const json& node, std::size_t i, bool inList, Fn&& fn) {
  step(n);
  if (i == n.path.size()) {
    if (node.is_array()) {
      for (const auto& e : node) {
        step(n);
        if (!e.is_null()) fn(e, true);
      }
    } else if (!node.is_null()) {
      fn(node, inList);
    }
    return;
  }
  if (node.is_object()) {
    auto it = node.find(n.path[i]);
    if (it != node.end()) collect(n, *it, i + 1, inList, fn);
  } else if (node.is_array()) {
    for (const auto& e : node) collect(n, e, i, true, fn);
  }
}

int compareOrder(const json& v, const Operand& o, bool& comparable) {
  comparable = false;
  if (o.kind == Operand::Kind::Number) {
    if (!v.is_number()) return 0;
    comparable = true;
    double x = v.get<double>();
    return x < o.number ? -1 : x > o.number ? 1 : 0;
  }
  if (o.kind == Operand::Kind::Time) {
    if (!v.is_string()) return 0;
    Timestamp t = 0;
    try {
      // One parse on the common path; a string that is not a time is rare and just incomparable.
      t = parseIsoTime(v.get_ref<const std::string&>());
    } catch (const Error&) {
      return 0;
    }
    comparable = true;
    return t < o.time ? -1 : t > o.time ? 1 : 0;
  }
  return 0;
}

bool equals(const json& v, const Operand& o) {
  switch (o.kind) {
    case Operand::Kind::Number: return v.is_number() && v.get<double>() == o.number;
    case Operand::Kind::String: return v.is_string() && v.get_ref<const std::string&>() == o.text;
    case Operand::Kind::Bool: return v.is_boolean() && v.get<bool>() == o.flag;
    case Operand::Kind::Time: {
      bool comparable = false;
      return compareOrder(v, o, comparable) == 0 && comparable;
    }
  }
  return false;
}

bool matches(const Node& n, const json& v, bool inList) {
  bool c = false;
  switch (n.op) {
    case Op::Eq:
    case Op::Ne: return equals(v, n.operands[0]);
    case Op::In:
    case Op::NotIn:
      return std::any_of(n.operands.begin(), n.operands.end(), [&](const Operand& o) { return equals(v, o); });
    case Op::Lt: return compareOrder(v, n.operands[0], c) < 0 && c;
    case Op::Lte: return compareOrder(v, n.operands[0], c) <= 0 && c;
    case Op::Gt: return compareOrder(v, n.operands[0], c) > 0 && c;
    case Op::Gte: return compareOrder(v, n.operands[0], c) >= 0 && c;
    case Op::Between: {
      bool c2 = false;
      return compareOrder(v, n.operands[0], c) >= 0 && c && compareOrder(v, n.operands[1], c2) <= 0 && c2;
    }
    case Op::Contains: {
      if (!v.is_string()) return false;
      // In a list, "contains" means membership; in a single text, a substring.
      const auto& text = v.get_ref<const std::string&>();
      if (inList) return text == n.operands[0].text;
      step(n, text.size() / 64);
      return containsText(text, n.operands[0].text, n.failure);
    }
    case Op::StartsWith:
      return v.is_string() && v.get_ref<const std::string&>().rfind(n.operands[0].text, 0) == 0;
    case Op::EndsWith: return v.is_string() && endsWith(v.get_ref<const std::string&>(), n.operands[0].text);
    case Op::Exists:
    case Op::Missing: return true;
  }
  return false;
}

bool testCompare(const Node& n, const json& scope, const EvalContext& ctx) {
  bool any = false;
  bool present = false;
  auto visit = [&](const json& v, bool inList) {
    present = true;
    if (!any && matches(n, v, inList)) any = true;
  };
  collect(n, scope, 0, false, visit);
  if (n.segmentsRoot && ctx.extraSegments) {
    for (const auto& name : *ctx.extraSegments) {
      step(n);
      visit(json(name), true);
    }
  }
  switch (n.op) {
    case Op::Exists: return present;
    case Op::Missing: return !present;
    case Op::Ne:
    case Op::NotIn: return present && !any;
    default: return any;
  }
}

bool evalNode(const Node& n, const json& scope, const json& facts, const EvalContext& ctx,
              std::vector<Reason>* because);

[[noreturn]] void badRecord(ErrorCode code, const Node& n, std::size_t i, const char* member, const std::string& why) {
  std::string at = "/history/" + n.collectionName + "/" + std::to_string(i);
  throw Error(code, member ? at + "/" + member : at, why);
}

Timestamp recordTime(const json& record, const Node& n, std::size_t i) {
  if (!record.is_object()) badRecord(ErrorCode::Schema, n, i, nullptr, "a history record must be an object");
  auto it = record.find("at");
  if (it == record.end() || !it->is_string()) badRecord(ErrorCode::Schema, n, i, "at", "a history record needs an ISO-8601 \"at\"");
  const auto& text = it->get_ref<const std::string&>();
  try {
    return parseIsoTime(text);
  } catch (const Error&) {
    badRecord(ErrorCode::Range, n, i, "at", "not an ISO-8601 time: " + text);
  }
}

// Calls fn(at) for each record of the node's collection inside its window that matches `where`;
// stops early when fn returns false.
template <class Fn>
void forEachMatch(const Node& n, const json& facts, const EvalContext& ctx, Fn&& fn) {
  auto history = facts.find("history");
  if (history == facts.end() || !history->is_object()) return;
  auto records = history->find(n.collectionName);
  if (records == history->end() || !records->is_array()) return;
  for (std::size_t i = 0; i < records->size(); ++i) {
    step(n);
    const json& record = (*records)[i];
    Timestamp at = recordTime(record, n, i);
    if (at > ctx.asOf) continue;
    if (n.windowSeconds >= 0 && at < ctx.asOf - n.windowSeconds) continue;
    if (n.hasWhere && !evalNode(n.children[0], record, facts, ctx, nullptr)) continue;
    if (!fn(at)) return;
  }
}

bool testHistory(const Node& n, const json& facts, const EvalContext& ctx) {
  std::int64_t found = 0;
  forEachMatch(n, facts, ctx, [&](Timestamp) {
    ++found;
    // Stop as soon as the answer cannot change.
    if (n.atMost >= 0) return found <= n.atMost;
    return found < n.atLeast;
  });
  return found >= n.atLeast && (n.atMost < 0 || found <= n.atMost);
}

bool evalNode(const Node& n, const json& scope, const json& facts, const EvalContext& ctx,
              std::vector<Reason>* because) {
  step(n);
  if (because && !n.label.empty() && (n.kind == Node::Kind::All || n.kind == Node::Kind::Any)) {
    // A labelled group explains itself by its label rather than by its leaves.
    if (!evalNode(n, scope, facts, ctx, nullptr)) return false;
    because->push_back({n.at, n.label});
    return true;
  }
  switch (n.kind) {
    case Node::Kind::All: {
      std::size_t mark = because ? because->size() : 0;
      for (const auto& c : n.children) {
        if (!evalNode(c, scope, facts, ctx, because)) {
          if (because) because->resize(mark);
          return false;
        }
      }
      return true;
    }
    case Node::Kind::Any: {
      bool any = false;
      for (const auto& c : n.children) {
        // Explaining lists every alternative that held, so it cannot stop at the first.
        if (evalNode(c, scope, facts, ctx, because)) {
          any = true;
          if (!because) return true;
        }
      }
      return any;
    }
    case Node::Kind::Not: {
      bool held = !evalNode(n.children[0], scope, facts, ctx, nullptr);
      if (held && because) because->push_back({n.at, n.text});
      return held;
    }
    case Node::Kind::Compare: {
      bool held = testCompare(n, scope, ctx);
      if (held && because) because->push_back({n.at, n.text});
      return held;
    }
    case Node::Kind::History: {
      bool held = testHistory(n, facts, ctx);
      if (held && because) because->push_back({n.at, n.text});
      return held;
    }
  }
  return false;
}

}  // namespace

std::vector<std::uint32_t> failureTable(const std::string& needle) {
  std::vector<std::uint32_t> failure(needle.size(), 0);
  std::uint32_t k = 0;
  for (std::size_t i = 1; i < needle.size(); ++i) {
    while (k > 0 && needle[i] != needle[k]) k = failure[k - 1];
    if (needle[i] == needle[k]) ++k;
    failure[i] = k;
  }
  return failure;
}

bool containsText(const std::string& haystack, const std::string& needle, const std::vector<std::uint32_t>& failure) {
  if (needle.empty()) return true;
  std::size_t k = 0;
  for (const char c : haystack) {
    while (k > 0 && c != needle[k]) k = failure[k - 1];
    if (c == needle[k] && ++k == needle.size()) return true;
  }
  return false;
}

void to_json(nlohmann::json& out, const Reason& reason) {
  out = nlohmann::json{{"at", reason.at}, {"condition", reason.text}};
}

void requireFactsObject(const nlohmann::json& facts) {
  if (!facts.is_object()) throw Error(ErrorCode::Schema, "", "a facts document must be a JSON object");
}

bool Condition::test(const nlohmann::json& facts, const EvalContext& ctx) const {
  requireFactsObject(facts);
  stepsLeft = kEvalStepBudget;
  return evalNode(*root_, facts, facts, ctx, nullptr);
}

bool Condition::explain(const nlohmann::json& facts, const EvalContext& ctx, std::vector<Reason>& because) const {
  requireFactsObject(facts);
  stepsLeft = kEvalStepBudget;
  std::vector<Reason> found;
  if (!evalNode(*root_, facts, facts, ctx, &found)) return false;
  because.insert(because.end(), found.begin(), found.end());
  return true;
}

std::vector<Timestamp> Condition::matchingTimes(const nlohmann::json& facts, const EvalContext& ctx) const {
  if (!isHistory()) throw Error(ErrorCode::Schema, root_->at, "a history condition is needed here");
  requireFactsObject(facts);
  stepsLeft = kEvalStepBudget;
  std::vector<Timestamp> times;
  forEachMatch(*root_, facts, ctx, [&](Timestamp at) {
    times.push_back(at);
    return true;
  });
  return times;
}

bool Condition::isHistory() const noexcept { return root_->kind == Node::Kind::History; }

std::string Condition::text() const { return root_->text; }

}  // namespace selfcrm::segments
