#pragma once
// Whether a JSON text repeats a key inside one object, by nlohmann's own SAX reader: the tape
// refuses such texts while nlohmann::json keeps the last value, the one difference the
// differential tests allow.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace selfcrm::test {

class RepeatedKeys : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool found = false;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& k) override {
    if (!keys_.back().insert(k).second) found = true;
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  std::vector<std::set<std::string>> keys_;
};

/// True when `text` is JSON that repeats a key in one object.
inline bool hasRepeatedKey(std::string_view text) {
  RepeatedKeys sax;
  return nlohmann::json::sax_parse(text, &sax) && sax.found;
}

}  // namespace selfcrm::test
