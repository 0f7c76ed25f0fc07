#include <catch2/catch.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/time.hpp"

using namespace selfcrm;

TEST_CASE("ISO-8601 instants parse to epoch seconds", "[time]") {
  CHECK(parseIsoTime("1970-01-01") == 0);
  CHECK(parseIsoTime("1970-01-02T00:00:00Z") == 86400);
  CHECK(parseIsoTime("2024-02-29T12:30:15Z") == 1709209815);
  CHECK(parseIsoTime("2024-02-29T12:30:15.999Z") == 1709209815);
  CHECK(parseIsoTime("2024-02-29T14:30:15+02:00") == 1709209815);
  CHECK(parseIsoTime("2024-02-29T10:00-02:30") == parseIsoTime("2024-02-29T12:30Z"));
  CHECK(parseIsoTime("1969-12-31") == -86400);
}

TEST_CASE("bad dates are E_RANGE with the given path", "[time][errors]") {
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024-01-01T25:00Z",
                          "2024-01-01T10:00", "2024-01-01 10:00Z", "2024-01-01T10:00:00Zjunk", "", "0999-01-01",
                          "2024-01-01T10:00:00.Z", "2024-01-01T10:00+0200"}) {
    CAPTURE(bad);
    CHECK_FALSE(isIsoTime(bad));
    try {
      parseIsoTime(bad, "/at");
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::Range);
      CHECK(e.path() == "/at");
    }
  }
}

TEST_CASE("formatting round-trips", "[time]") {
  for (const char* s : {"2024-02-29T12:30:15Z", "1999-12-31T23:59:59Z", "1969-07-20T20:17:40Z"}) {
    CHECK(formatIsoTime(parseIsoTime(s)) == s);
  }
  CHECK(formatIsoDate(parseIsoTime("2024-02-29T23:59:59Z")) == "2024-02-29");
  CHECK(epochDay(-1) == -1);
  CHECK(fromCivil(2000, 3, 1) == parseIsoTime("2000-03-01"));
}
