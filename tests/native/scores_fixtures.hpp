#pragma once
// Small builders for profiles in score tests, and a helper that reports a thrown Error as
// "CODE path" so a test can assert both at once.
#include <string>

#include "selfcrm/error.hpp"
#include "selfcrm/profile.hpp"
#include "selfcrm/time.hpp"

namespace scores_test {

inline selfcrm::Timestamp day(int y, unsigned m, unsigned d) { return selfcrm::fromCivil(y, m, d); }

inline selfcrm::Transaction purchase(selfcrm::Timestamp at, double amount, double margin = 0) {
  selfcrm::Transaction t;
  t.at = at;
  t.amount = amount;
  t.margin = margin;
  return t;
}

template <class Fn>
std::string failure(Fn&& fn) {
  try {
    fn();
  } catch (const selfcrm::Error& e) {
    return std::string(selfcrm::codeName(e.code())) + " " + e.path();
  }
  return "no error";
}

}  // namespace scores_test
