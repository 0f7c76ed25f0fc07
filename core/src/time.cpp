#include "selfcrm/time.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "selfcrm/error.hpp"

namespace selfcrm {

namespace {

// Days from civil date, proleptic Gregorian (the era-based method of H. Hinnant's date algorithms).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, int& y, unsigned& m, unsigned& d) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

unsigned daysInMonth(int y, unsigned m) noexcept {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) noexcept {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool parse(std::string_view s, Timestamp& out) noexcept {
  int y, mo, d;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d)) {
    return false;
  }
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > static_cast<int>(daysInMonth(y, mo))) return false;
  Timestamp t = daysFromCivil(y, mo, d) * kSecondsPerDay;
  if (s.size() == 10) {
    out = t;
    return true;
  }
  int h, mi, sec = 0;
  if (s[10] != 'T' && s[10] != 't') return false;
  if (!digits(s, 11, 2, h) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, mi)) return false;
  std::size_t at = 16;
  if (at < s.size() && s[at] == ':') {
    if (!digits(s, at + 1, 2, sec)) return false;
    at += 3;
    if (at < s.size() && s[at] == '.') {
      std::size_t start = ++at;
      while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
      if (at == start) return false;
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  t += h * 3600 + mi * 60 + sec;
  if (at == s.size()) return false;  // an offset is required: local times are ambiguous
  if (s[at] == 'Z' || s[at] == 'z') {
    if (at + 1 != s.size()) return false;
  } else if (s[at] == '+' || s[at] == '-') {
    int oh, om;
    if (s.size() != at + 6 || !digits(s, at + 1, 2, oh) || s[at + 3] != ':' || !digits(s, at + 4, 2, om) ||
        oh > 23 || om > 59) {
      return false;
    }
    const Timestamp offset = oh * 3600 + om * 60;
    t += s[at] == '+' ? -offset : offset;
  } else {
    return false;
  }
  out = t;
  return true;
}

}  // namespace

Timestamp parseIsoTime(std::string_view text, const std::string& path) {
  Timestamp t = 0;
  if (!parse(text, t)) {
    throw Error(ErrorCode::Range, path,
                "expected an ISO-8601 date (YYYY-MM-DD) or date-time with offset (YYYY-MM-DDTHH:MM:SSZ)");
  }
  return t;
}

bool tryParseIsoTime(std::string_view text, Timestamp& out) noexcept {
  Timestamp t = 0;
  if (!parse(text, t)) return false;
  out = t;
  return true;
}

bool isIsoTime(std::string_view text) noexcept {
  Timestamp t = 0;
  return parse(text, t);
}

std::int64_t epochDay(Timestamp t) noexcept {
  return t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay);
}

Timestamp fromCivil(int year, unsigned month, unsigned day) noexcept {
  return daysFromCivil(year, month, day) * kSecondsPerDay;
}

namespace {
// Fixed-width digits by hand: dates are written for every record of every result line, and
// snprintf was a visible share of that.
char* putDigits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

char* putDate(char* out, Timestamp t) {
  int y;
  unsigned m, d;
  civilFromDays(epochDay(t), y, m, d);
  if (y < 0 || y > 9999) {
    // Outside four digits (readers accept 1000–9999 only), written as before.
    out += std::snprintf(out, 16, "%04d", y);
  } else {
    out = putDigits(out, static_cast<unsigned>(y), 4);
  }
  *out++ = '-';
  out = putDigits(out, m, 2);
  *out++ = '-';
  return putDigits(out, d, 2);
}
}  // namespace

std::string formatIsoDate(Timestamp t) {
  char buf[32];
  return std::string(buf, putDate(buf, t));
}

std::string formatIsoTime(Timestamp t) {
  const Timestamp secs = t - epochDay(t) * kSecondsPerDay;
  char buf[48];
  char* out = putDate(buf, t);
  *out++ = 'T';
  out = putDigits(out, static_cast<unsigned>(secs / 3600), 2);
  *out++ = ':';
  out = putDigits(out, static_cast<unsigned>(secs / 60 % 60), 2);
  *out++ = ':';
  out = putDigits(out, static_cast<unsigned>(secs % 60), 2);
  *out++ = 'Z';
  return std::string(buf, out);
}

}  // namespace selfcrm
