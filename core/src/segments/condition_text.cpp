// Readable forms of conditions, used in explanations ("which conditions made it true").
#include <nlohmann/json.hpp>

#include "condition_node.hpp"

namespace selfcrm::segments {
namespace {

std::string operandText(const Operand& o) {
  switch (o.kind) {
    case Operand::Kind::Number: return nlohmann::json(o.number).dump();
    case Operand::Kind::String: return nlohmann::json(o.text).dump();
    case Operand::Kind::Bool: return o.flag ? "true" : "false";
    case Operand::Kind::Time: return formatIsoTime(o.time);
  }
  return "";
}

std::string listText(const std::vector<Operand>& operands) {
  std::string out = "[";
  for (std::size_t i = 0; i < operands.size(); ++i) out += (i ? ", " : "") + operandText(operands[i]);
  return out + "]";
}

std::string joined(const Node& n, const char* word) {
  std::string out = "(";
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    out += (i ? std::string(" ") + word + " " : "") + n.children[i].text;
  }
  return out + ")";
}

std::string historyText(const Node& n) {
  std::string out;
  if (n.atMost < 0) {
    out = "at least " + std::to_string(n.atLeast);
  } else if (n.atLeast == 0) {
    out = "at most " + std::to_string(n.atMost);
  } else {
    out = "between " + std::to_string(n.atLeast) + " and " + std::to_string(n.atMost);
  }
  out += " " + n.collectionName;
  if (n.hasWhere) out += " where " + n.children[0].text;
  if (n.windowSeconds >= 0) out += " within " + std::to_string(n.windowSeconds / kSecondsPerDay) + " days";
  return out;
}

}  // namespace

const char* opName(Op op) noexcept {
  switch (op) {
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::Lt: return "lt";
    case Op::Lte: return "lte";
    case Op::Gt: return "gt";
    case Op::Gte: return "gte";
    case Op::Between: return "between";
    case Op::In: return "in";
    case Op::NotIn: return "notIn";
    case Op::Exists: return "exists";
    case Op::Missing: return "missing";
    case Op::Contains: return "contains";
    case Op::StartsWith: return "startsWith";
    case Op::EndsWith: return "endsWith";
  }
  return "?";
}

std::string describe(const Node& n) {
  if (!n.label.empty()) return n.label;
  switch (n.kind) {
    case Node::Kind::All: return joined(n, "and");
    case Node::Kind::Any: return joined(n, "or");
    case Node::Kind::Not: return "not " + n.children[0].text;
    case Node::Kind::History: return historyText(n);
    case Node::Kind::Compare: break;
  }
  std::string out = n.field + " " + opName(n.op);
  if (n.operands.empty()) return out;
  if (n.op == Op::Between || n.op == Op::In || n.op == Op::NotIn) return out + " " + listText(n.operands);
  return out + " " + operandText(n.operands[0]);
}

}  // namespace selfcrm::segments
