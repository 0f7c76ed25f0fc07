// The JSON tape accepts exactly the text nlohmann::json accepts (but for a NUL byte after the value,
// and a key repeated in one object) and reads the same values from it (number kinds included),
// since the vault's readers moved from one to the other.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "repeated_keys.hpp"
#include "require_error.hpp"
#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/detail/json_text.hpp"
#include "selfcrm/vault/vault.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "split_mix.hpp"

using namespace selfcrm;
using nlohmann::json;

namespace {

// "" when rejected, else the value as nlohmann writes it (1 and 1.0 differ there).
std::string viaTape(const std::string& text) {
  JsonTape tape;
  try {
    tape.parse(text);
  } catch (const Error& e) {
    // Out of range numbers and repeated keys are refused with their own codes.
    CHECK((e.code() == ErrorCode::Parse || e.code() == ErrorCode::Range || e.code() == ErrorCode::Schema));
    return "";
  }
  const std::string dumped = tape.root().dump();
  // A borrowing parse reads the same values and leaves the text as it was, escapes and all.
  const std::string borrowed = text;
  JsonTape borrowing;
  borrowing.parseBorrowing(borrowed);
  CHECK(borrowing.root().dump() == dumped);
  CHECK(borrowed == text);
  return dumped;
}

// nlohmann::json stops reading at a NUL byte and ignores what follows; no JSON text holds one
// (inside a string it is a control character), so the tape refuses it.
std::string viaNlohmann(const std::string& text) {
  if (text.find('\0') != std::string::npos) return "";
  const json value = json::parse(text, nullptr, false);
  return value.is_discarded() || test::hasRepeatedKey(text) ? "" : value.dump();
}

// Random JSON text: nesting, escapes, unicode, and numbers of every kind nlohmann distinguishes.
void randomValue(test::SplitMix& rng, std::string& out, int depth) {
  static const char* numbers[] = {"0", "-0", "7", "-12", "1.5", "-0.25", "1e3", "2E-2", "18446744073709551615",
                                  "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
                                  "9007199254740993", "0.1", "5e-324", "1.7976931348623157e308", "123456789012345678901234567890"};
  static const char* strings[] = {"\"\"", "\"a\"", "\"caf\xC3\xA9\"", "\"\\u00e9\\n\\t\\\"\\\\\\/\"", "\"\\ud83d\\ude00\"",
                                  "\"\xF0\x9F\x98\x80 \xE2\x82\xAC\"", "\"\\u0000\"", "\"long string with spaces and words\""};
  const std::uint64_t pick = rng.next() % (depth > 4 ? 6 : 9);
  switch (pick) {
    case 5: {
      // A decimal number of random length, fraction and exponent.
      if (rng.next() % 2) out += '-';
      const std::uint64_t whole = 1 + rng.next() % 20, fraction = rng.next() % 22;
      for (std::uint64_t k = 0; k < whole; ++k) out += static_cast<char>((k == 0 && whole > 1 ? '1' : '0') + rng.next() % 9);
      if (fraction) out += '.';
      for (std::uint64_t k = 0; k < fraction; ++k) out += static_cast<char>('0' + rng.next() % 10);
      if (rng.next() % 3 == 0) out += (rng.next() % 2 ? "e" : "E-") + std::to_string(rng.next() % 40);
      return;
    }
    case 0: out += "null"; return;
    case 1: out += rng.next() % 2 ? "true" : "false"; return;
    case 2: case 3: out += numbers[rng.next() % (sizeof numbers / sizeof *numbers)]; return;
    case 4: out += strings[rng.next() % (sizeof strings / sizeof *strings)]; return;
    case 6: case 7: {
      out += '{';
      const std::uint64_t n = rng.next() % 5;
      for (std::uint64_t i = 0; i < n; ++i) {
        if (i) out += ',';
        out += " \"k" + std::to_string(rng.next() % 4) + "\" : ";  // repeated keys included
        randomValue(rng, out, depth + 1);
      }
      out += '}';
      return;
    }
    default: {
      out += '[';
      const std::uint64_t n = rng.next() % 5;
      for (std::uint64_t i = 0; i < n; ++i) {
        if (i) out += ", ";
        randomValue(rng, out, depth + 1);
      }
      out += ']';
    }
  }
}

}  // namespace

TEST_CASE("the tape accepts and reads what nlohmann::json does, case by case", "[json_tape]") {
  const std::vector<std::string> cases = {
      "0", "-0", "1.0", "1e2", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
      "-9223372036854775809", "1e400", "-1e400", "1e-400", "01", "1.", ".5", "-", "+1", "0x10", "NaN", "Infinity",
      "0e999", "-0E2222222222222222222222", "[0.0e400,1]", "1e-99999999999", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\udc00\"", "\"\\ud800\"", "\"\\ud800x\"", "\"\\ud800\\u0041\"",
      "\"\xC3\xA9\"", "\"\xC0\x80\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xE2\x82\"", "\"\xFF\"",
      "\"\x01\"", std::string("\"a\0b\"", 5), std::string("{}\0", 3), std::string("{}\0x", 4), " {} ",
      "[1,]", "{\"a\":1,}", "", "  ", "nul", "true false", "/*x*/1", "[1]]", "{\"a\" 1}", "\"\\x\"", "\"\\u12\"",
      "{\"a\":1,\"a\":2}", "[\"\xF0\x9F\x98\x80\"]", "\t[\r\n1\n]\r\n",
      // A byte order mark is skipped at the very start only.
      "\xEF\xBB\xBF{\"a\":1}", "\xEF\xBB\xBF", "\xEF\xBB{}", " \xEF\xBB\xBF" "1", "[\xEF\xBB\xBF" "1]",
      // Around the exact fast path for numbers (mantissa below 2^53, power of ten up to 22).
      "9007199254740992.5", "9007199254740993.0", "9007199254740992e1", "0.1e22", "1e22", "1e23", "1e-22", "1e-23",
      "123456789012345678", "1234567890123456789", "-1234567890123456789", "-123456789012345678", "-9223372036854775807",
      "12345678901234567890.5", "0.000000000000000000000000000001e30", "4.9e-324", "2.2250738585072011e-308",
      "1.00000000000000011102230246251565404236316680908203125", "0.30000000000000004", "-0.0", "1E+2", "3.14159e-10",
      "100000000000000000000000e-3", "0.0000000000000000000001", "1.0000000000000000000000000000001", "-", "-a", "1e", "1e+",
      "[1.5e3, -2.25E-2, 17.0]", "\"a\\u00e9b\\nc\\\"d\"", "\"\\u20AC\\uD834\\uDD1E\"", "\"0123456789abcdefghij\\tk\""};
  for (const auto& text : cases) {
    INFO("input: " << json(text).dump(-1, ' ', true, json::error_handler_t::replace));
    CHECK(viaTape(text) == viaNlohmann(text));
  }
}

TEST_CASE("the tape agrees with nlohmann::json on 3,000 random documents and their mutations", "[json_tape]") {
  test::SplitMix rng{20261122};
  const char bytes[] = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '.', ' ', 'u', '\x80', '\xED', '\0'};
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    randomValue(rng, text, 0);
    REQUIRE(viaTape(text) == viaNlohmann(text));
    std::string mutated = text;
    mutated[rng.next() % mutated.size()] = bytes[rng.next() % sizeof bytes];
    INFO("mutated: " << json(mutated).dump(-1, ' ', true, json::error_handler_t::replace));
    REQUIRE(viaTape(mutated) == viaNlohmann(mutated));
  }
}

TEST_CASE("a borrowing parse reads strings in the text until an escape makes it copy", "[json_tape]") {
  JsonTape tape;
  JsonView value = tape.root();
  const std::string plain = R"({"id":"c1","tags":["a","b"]})";
  tape.parseBorrowing(plain);
  REQUIRE(tape.root().find("id", value));
  CHECK(value.string() == "c1");
  CHECK(value.string().data() == plain.data() + 7);  // no copy

  // Strings read before the first escape keep their place in the copy the escape makes.
  const std::string escaped = R"({"id":"c2","text":"say \"hi\"\u00e9","after":"x"})";
  tape.parseBorrowing(escaped);
  REQUIRE(tape.root().find("id", value));
  CHECK(value.string() == "c2");
  CHECK(value.string().data() != escaped.data() + 7);
  REQUIRE(tape.root().find("text", value));
  CHECK(value.string() == "say \"hi\"\xC3\xA9");
  REQUIRE(tape.root().find("after", value));
  CHECK(value.string() == "x");
  CHECK(escaped == R"({"id":"c2","text":"say \"hi\"\u00e9","after":"x"})");

  // parse() keeps its own copy, so its views outlive the text.
  {
    const std::string temporary = plain;
    tape.parse(temporary);
  }
  REQUIRE(tape.root().find("tags", value));
  CHECK(value.dump() == R"(["a","b"])");

  // A refused line leaves an empty tape, and the next line reads as if it were the first.
  REQUIRE_THROWS_AS(tape.parseBorrowing(R"({"id":"c3","text":"\q"})"), Error);
  tape.parseBorrowing(plain);
  CHECK(tape.root().dump() == R"({"id":"c1","tags":["a","b"]})");
}

TEST_CASE("the tape refuses nesting deeper than 512 levels with a parse error", "[json_tape]") {
  JsonTape tape;
  tape.parse(std::string(512, '[') + std::string(512, ']'));
  CHECK(tape.root().size() == 1);
  test::requireError([&] { tape.parse(std::string(513, '[') + std::string(513, ']')); }, ErrorCode::Parse, "");
  json deep = json::array();
  for (int i = 0; i < 600; ++i) deep = json::array({deep});
  test::requireError([&] { tape.assign(deep); }, ErrorCode::Schema, "");
}

TEST_CASE("parseJson reads the trees nlohmann reads and says where a document is not JSON", "[json_tape]") {
  const std::string text = "{\"b\":[1,-2,2.5,\"x\\u00e9\",null,true,{}],\"a\":{\"c\":18446744073709551615}}";
  const json tree = parseJson(text, "the pack");
  CHECK(tree == json::parse(text));
  CHECK(tree.dump() == json::parse(text).dump());
  CHECK(tree["a"]["c"].is_number_unsigned());
  const auto message = [](const std::string& bad) {
    try {
      parseJson(bad, "the pack");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::Parse);
      CHECK(e.path().empty());
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(message("{\"a\": 1,\n  \"b\": tru}") == "the pack is not JSON: syntax error near line 2, column 8");
  CHECK(message("[1, 2") == "the pack ends before the JSON is complete (1 bracket still open): the text stops at line 1, column 6");
  CHECK(message("") == "the pack is not JSON: syntax error near line 1, column 1");
}

TEST_CASE("a number out of range, a cut text and a repeated key are refused with where and why", "[json_tape]") {
  JsonTape tape;
  const auto refusal = [&](const std::string& text) {
    try {
      tape.parse(text);
    } catch (const Error& e) {
      return std::string(codeName(e.code())) + " at " + e.path() + ": " + e.what();
    }
    return std::string("accepted");
  };
  CHECK(refusal(R"({"id":"a","amount":1e400})") ==
        "E_RANGE at /amount: the number 1e400 is out of range: a double holds at most about ±1.8e308");
  CHECK(refusal(R"({"history":{"transactions":[{"at":"2024-01-01"},{"amount":-2e999,"x":1}]}})") ==
        "E_RANGE at /history/transactions/1/amount: the number -2e999 is out of range: a double holds at most about ±1.8e308");
  CHECK(refusal("[1, 1e400]") == "E_RANGE at /1: the number 1e400 is out of range: a double holds at most about ±1.8e308");
  CHECK(refusal(R"({"a/b~":[9e9999]})") == "E_RANGE at /a~1b~0/0: the number 9e9999 is out of range: a double holds at most about ±1.8e308");
  CHECK(refusal("1e400") == "E_RANGE at : the number 1e400 is out of range: a double holds at most about ±1.8e308");
  // A cut line: where it stops, inside which container.
  CHECK(refusal(R"({"id":"a","history":{"transactions":[{"at":"2024-01-01","amo)") ==
        "E_PARSE at /history/transactions/0: the line ends before the JSON is complete (4 brackets still open): "
        "it is cut off after 60 bytes");
  CHECK(refusal(R"({"id":"a")") == "E_PARSE at : the line ends before the JSON is complete (1 bracket still open): it is cut off after 9 bytes");
  CHECK(refusal("12e") == "E_PARSE at : the line ends before the JSON is complete: it is cut off after 3 bytes");
  CHECK(refusal(R"({"id":"a",})") == "E_PARSE at : the line is not valid JSON");
  // A key twice in one object, at any depth; the same key in two objects is fine.
  CHECK(refusal(R"({"id":"a","score":9,"score":1})") == "E_SCHEMA at /score: the key \"score\" appears twice in one object");
  CHECK(refusal(R"({"a":[{"k":1},{"k":2,"j":{},"k":3}]})") == "E_SCHEMA at /a/1/k: the key \"k\" appears twice in one object");
  CHECK(refusal(R"({"a":{"k":1},"b":{"k":1}})") == "accepted");
  CHECK(refusal(R"({"\u0061":1,"a":2})") == "E_SCHEMA at /a: the key \"a\" appears twice in one object");
  std::string wide = "{";
  for (int i = 0; i < 40; ++i) wide += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  CHECK(refusal(wide + "\"k7\":0}") == "E_SCHEMA at /k7: the key \"k7\" appears twice in one object");
  CHECK(refusal(wide + "\"k40\":0}") == "accepted");
  // Documents say the same, with what they are.
  test::requireError([] { parseJson(R"({"segments":[{"name":"a","name":"b"}]})", "the pack"); }, ErrorCode::Schema,
                     "/segments/0/name");
  test::requireError([] { parseJson(R"({"clv":{"horizon":1e999}})", "the model"); }, ErrorCode::Range, "/clv/horizon");
}

TEST_CASE("a copied nlohmann::json reads back the same on the tape", "[json_tape]") {
  const json value = json::parse(R"({"b":[1,-2,2.5,"x",null,true,{}],"a":{"c":18446744073709551615}})");
  JsonTape tape;
  tape.assign(value);
  CHECK(tape.root().toJson() == value);
  CHECK(tape.root().dump() == value.dump());
}

TEST_CASE("fields in any order read alike, and a field given twice is refused", "[json_tape][vault]") {
  const std::string inOrder =
      R"({"id":"p","history":{"transactions":[{"id":"t1","at":"2024-01-03","amount":20,"margin":4,"currency":"EUR"}]}})";
  const std::string reversed =
      R"({"history":{"transactions":[{"currency":"EUR","margin":4,"amount":20,"at":"2024-01-03","id":"t1"}]},"id":"p"})";
  const Profile a = vaultDocumentFromText(inOrder, false).profile;
  const Profile b = vaultDocumentFromText(reversed, false).profile;
  CHECK(b.id == "p");
  REQUIRE(b.history.transactions.size() == 1);
  CHECK(b.history.transactions[0].amount == a.history.transactions[0].amount);
  CHECK(b.history.transactions[0].currency == "EUR");
  test::requireError(
      [] { vaultDocumentFromText(R"({"history":{"transactions":[{"id":"t1","at":"2024-01-03","id":"t2"}]}})", false); },
      ErrorCode::Schema, "/history/transactions/0/id");
  test::requireError([] { vaultDocumentFromText(R"({"id":"a","id":"a"})", false); }, ErrorCode::Schema, "/id");
  test::requireError([] { vaultDocumentFromText(R"({"attributes":{"personal":{"name":"A","name":"B"}}})", false); },
                     ErrorCode::Schema, "/attributes/personal/name");
  test::requireError([] { vaultDocumentFromText("{\"id\":", false); }, ErrorCode::Parse, "");
}

TEST_CASE("appendJson writes what dump() writes", "[json_text]") {
  test::SplitMix rng{7};
  const json special = json::parse(R"({"q":"say \"hi\"\\ now","ctl":"\u0001\t\n","utf":"café 😀","e":"",
                                       "n":[0,-0.0,0.0,1e300,-1e-300,5e-324,0.1,1.0,100.0,1e21,123456789.125,-7,
                                            18446744073709551615,-9223372036854775808,true,false,null,[],{}]})");
  std::string out = "x";
  appendJson(out, special);
  CHECK(out == "x" + special.dump(-1, ' ', false, json::error_handler_t::replace));
  json bad = std::string("\xC3\x28 bad utf-8");
  out.clear();
  appendJson(out, bad);
  CHECK(out == bad.dump(-1, ' ', false, json::error_handler_t::replace));
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    randomValue(rng, text, 0);
    const json value = json::parse(text);
    out.clear();
    appendJson(out, value);
    REQUIRE(out == value.dump(-1, ' ', false, json::error_handler_t::replace));
  }
}

TEST_CASE("an imported line's type may sit anywhere among its fields; other fields are read strictly", "[json_tape][vault]") {
  Vault vault("me");
  const auto report = vault.importHistory(
      "{\"id\":\"t1\",\"type\":\"transaction\",\"at\":\"2024-01-03\",\"amount\":5}\n"
      "{\"at\":\"2024-01-04\",\"id\":\"s1\",\"score\":9,\"type\":\"survey\"}\n"
      "{\"type\":\"transaction\",\"id\":\"t2\",\"at\":\"2024-01-05\",\"amount\":1,\"amount\":2}\n"
      "{\"type\":\"transaction\",\"id\":\"t3\",\"at\":\"2024-01-05\",\"colour\":\"red\"}\n",
      1, fromCivil(2024, 2, 1));
  CHECK(report.added == 2);
  REQUIRE(report.rejected.size() == 2);
  CHECK(report.rejected[0].line == 3);
  CHECK(report.rejected[0].path == "/amount");
  CHECK(report.rejected[1].line == 4);
  CHECK(report.rejected[1].path == "/colour");
  CHECK(vault.profile().history.surveys.at(0).score == 9);
}

TEST_CASE("JsonWriter writes what dump() writes of the same tree, keys given in order", "[json_text]") {
  std::string out;
  JsonWriter w(out);
  w.open().key("a").value(1.0).key("b").openArray().value(std::int64_t{-7}).value(std::uint64_t{18446744073709551615ULL});
  w.value(true).null().value(0.1).value(-0.0).value(1e300).openArray().closeArray().open().close().closeArray();
  w.key("c").open().anyKey("say \"hi\"").value("caf\xC3\xA9 \x01").anyKey("z").value(std::string("\xC3\x28")).close();
  w.key("d").array(std::vector<double>{1, 2.5}).key("e").raw(R"({"x":[1]})").key("f").value(json{{"k", 3}}).close();
  const json tree = {{"a", 1.0},
                     {"b", {-7, 18446744073709551615ULL, true, nullptr, 0.1, -0.0, 1e300, json::array(), json::object()}},
                     {"c", {{"say \"hi\"", "caf\xC3\xA9 \x01"}, {"z", "\xC3\x28"}}},
                     {"d", {1.0, 2.5}},
                     {"e", {{"x", {1}}}},
                     {"f", {{"k", 3}}}};
  CHECK(out == tree.dump(-1, ' ', false, json::error_handler_t::replace));
  // Text kept as text reads back as the tree.
  CHECK(JsonText{out}.tree() == json::parse(out));

  // Each kind of value first and after a separator; strings on both sides of the short-string path.
  const std::string longText(61, 'x'), shortText(60, 'y');
  std::string more;
  JsonWriter m(more);
  m.openArray().value(false).value(false).closeArray();
  m.openArray().value(true).value(longText).value(shortText).value(std::nan("")).value(std::int64_t{0}).closeArray();
  m.openArray().value(shortText).value(2.5).closeArray().openArray().value(std::uint64_t{7}).value("\n").closeArray();
  const json trees[] = {{false, false}, {true, longText, shortText, nullptr, 0}, {shortText, 2.5}, {7, "\n"}};
  std::string expected;
  for (const auto& t : trees) expected += (expected.empty() ? "" : ",") + t.dump();
  CHECK(more == expected);
  CHECK(JsonText{}.tree().is_null());
}

TEST_CASE("find tells keys apart at every byte, for every key length", "[json_tape]") {
  for (std::size_t n = 1; n <= 20; ++n) {
    const std::string key(n, 'k');
    for (std::size_t at = 0; at < n; ++at) {
      std::string other = key;
      other[at] = 'j';
      JsonTape tape;
      tape.parse(json{{other, 1}, {key + "x", 2}, {key.substr(1), 3}}.dump());
      JsonView value = tape.root();
      CAPTURE(n, at);
      CHECK_FALSE(tape.root().find(key, value));
      std::uint32_t cursor = 0;
      CHECK_FALSE(tape.root().findFrom(key, cursor, value));
      REQUIRE(tape.root().find(other, value));
      CHECK(value.integer() == 1);
    }
  }
}

TEST_CASE("numbers of up to 19 digits read exactly as strtod reads them, ties included", "[json_tape]") {
  test::SplitMix rng{19};
  std::vector<std::string> texts;
  for (int i = 0; i < 20000; ++i) {
    // 15 to 19 significant digits with a decimal point somewhere, or an exponent.
    const int digits = 15 + static_cast<int>(rng.next() % 5);
    std::string m = std::to_string(1 + rng.next() % 9);
    for (int k = 1; k < digits; ++k) m += static_cast<char>('0' + rng.next() % 10);
    const int point = static_cast<int>(rng.next() % (digits + 1));
    std::string text = rng.next() % 2 ? "-" : "";
    if (point == 0) {
      text += "0." + m;
    } else if (point == digits) {
      text += m + "e" + std::to_string(static_cast<int>(rng.next() % 39) - 19);
    } else {
      text += m.substr(0, point) + "." + m.substr(point);
    }
    texts.push_back(text);
  }
  // Halfway between two doubles: ties go to the even one.
  for (std::uint64_t k = 0; k < 2000; ++k) {
    texts.push_back(std::to_string((std::uint64_t{1} << 60) + 256 * k + 128) + "e0");
    texts.push_back(std::to_string((std::uint64_t{1} << 54) + 4 * k + 2) + "0e-1");
  }
  for (const auto& text : texts) {
    JsonTape tape;
    tape.parse(text);
    const double expected = std::strtod(text.c_str(), nullptr);
    CAPTURE(text);
    REQUIRE(tape.root().type() == JsonTape::Type::Float);
    const double got = tape.root().number();
    std::uint64_t wantBits, gotBits;
    std::memcpy(&wantBits, &expected, sizeof expected);
    std::memcpy(&gotBits, &got, sizeof got);
    CHECK(gotBits == wantBits);
  }
}
