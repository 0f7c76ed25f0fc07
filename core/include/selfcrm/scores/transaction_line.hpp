#pragma once
/// @file
/// One NDJSON transaction line: {"customerId": "…", "at": "ISO-8601", "amount": n, "margin": n}
/// ("margin" optional, other fields ignored). Plain flat lines take a fast scanner; anything else
/// (escapes, nested values, unusual numbers) goes through the full JSON parser, so both paths
/// accept and reject exactly what JSON does and give the same numbers.

#include <string>
#include <string_view>

#include "selfcrm/time.hpp"

namespace selfcrm::scores {

struct TransactionLine {
  std::string customerId;
  Timestamp at = 0;
  double amount = 0;
  double margin = 0;
};

/// Parses one line. Throws Error: E_PARSE (not JSON), E_SCHEMA (not an object, missing or
/// mistyped field, with its path "/customerId" …), E_RANGE (bad date "/at", non-finite amount).
TransactionLine parseTransactionLine(std::string_view line);

}  // namespace selfcrm::scores
