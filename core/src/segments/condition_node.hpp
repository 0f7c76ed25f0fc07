#pragma once
// The compiled form of a condition: a tree whose leaves hold pre-split field paths and
// pre-parsed operands, so evaluation never re-reads the condition's JSON.
#include <cstdint>
#include <string>
#include <vector>

#include "selfcrm/time.hpp"

namespace selfcrm::segments {

enum class Op { Eq, Ne, Lt, Lte, Gt, Gte, Between, In, NotIn, Exists, Missing, Contains, StartsWith, EndsWith };

/// The type a field is known to hold (Any when the schema leaves it open, e.g. cues).
enum class FieldType { Any, Number, String, Bool, Time };

/// Where a field path is resolved: the facts document or one record of a history collection.
enum class Scope { Facts, Transactions, Interactions, Surveys, Referrals, Reach };

struct Operand {
  enum class Kind { Number, String, Bool, Time } kind = Kind::Number;
  double number = 0;
  std::string text;
  bool flag = false;
  Timestamp time = 0;
};

struct Node {
  enum class Kind { All, Any, Not, Compare, History } kind = Kind::All;
  std::string at;     ///< JSON Pointer of this node in its document
  std::string label;  ///< the node's "label", or ""
  std::string text;   ///< readable form (the label if any), computed once at compile time
  std::vector<Node> children;

  // Compare
  std::vector<std::string> path;
  std::string field;  ///< the path as written
  bool segmentsRoot = false;
  Op op = Op::Eq;
  std::vector<Operand> operands;  ///< one, two (between) or many (in/notIn)
  /// For "contains": the Knuth–Morris–Pratt failure table of its text, so a search is linear in
  /// the haystack whatever the needle.
  std::vector<std::uint32_t> failure;

  // History
  Scope collection = Scope::Transactions;
  std::string collectionName;
  bool hasWhere = false;  ///< children[0] is the `where` condition
  std::int64_t atLeast = 1;
  std::int64_t atMost = -1;      ///< -1: no upper bound
  Timestamp windowSeconds = -1;  ///< -1: no window (every record up to asOf)
};

const char* opName(Op op) noexcept;
/// The KMP failure table of `needle`: failure[i] = length of the longest proper border of needle[0..i].
std::vector<std::uint32_t> failureTable(const std::string& needle);
/// True when `needle` (with its failure table) occurs in `haystack`: at most 2·|haystack| steps.
bool containsText(const std::string& haystack, const std::string& needle, const std::vector<std::uint32_t>& failure);
/// Readable form of a node (its label if it has one), from its children's `text`.
std::string describe(const Node& node);

}  // namespace selfcrm::segments
